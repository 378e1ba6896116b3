package io.autonoma.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.autonoma.embeddings.allminilml6v2.AllMiniLmL6V2Embeddings;
import io.autonoma.agents.seed.SeedTemplates;
import io.autonoma.core.template.InMemoryTemplateIndex;
import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Top-5 search over 10,000 template entries in {@link InMemoryTemplateIndex}.
 *
 * <ul>
 *   <li>{@code keywordOnly}: keyword-only index (no model), BM25 path;</li>
 *   <li>{@code hybridPrecomputedQueryEmbedding}: hybrid index; the query's real all-MiniLM
 *       embedding was computed once in setup, so this is the cost of scoring 10,000 entries
 *       (cosine + BM25) and the top-k heap;</li>
 *   <li>{@code hybridPrecomputedQueryEmbeddingWithCollectionFilter}: the same, restricted to one
 *       collection (a quarter of the corpus);</li>
 *   <li>{@code hybridEndToEnd}: hybrid index embedding the query with the real all-MiniLM-L6-v2
 *       model on every call;</li>
 *   <li>{@code embedQueryOnly}: the all-MiniLM query embedding alone, for reference.</li>
 * </ul>
 *
 * <p>The corpus: 10,000 deterministic synthetic entries (words drawn from the seed's vocabulary
 * plus a long tail of synthetic words, four collections, seven frameworks). Embedding them with the
 * real model would take minutes on two cores, so corpus vectors are deterministic pseudo-random
 * 384-dimensional unit vectors (seeded by the text); only the query side uses the real model. The
 * cosine cost per entry is the same as with real vectors; the ranking is not meaningful.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class TemplateIndexBenchmark {

    static final int CORPUS_SIZE = 10_000;
    static final int DIMENSION = 384;
    static final int TOP_K = 5;
    static final List<String> QUERIES = List.of(
            "login page with email and password",
            "kubernetes deployment with health probes",
            "paginated list endpoint for records",
            "sortable data table component",
            "dockerfile for the python backend",
            "jwt authentication dependency",
            "react query hook for a rest resource",
            "prometheus metrics scrape config");
    static final List<String> COLLECTIONS = List.of("code_templates", "ui_components", "api_patterns", "deployment_configs");
    static final List<String> FRAMEWORKS = List.of("fastapi", "nextjs", "kubernetes", "docker", "docker-compose",
            "github-actions", "prometheus");

    private InMemoryTemplateIndex keyword;
    private InMemoryTemplateIndex hybridPrecomputed;
    private InMemoryTemplateIndex hybridEndToEnd;
    private EmbeddingModel miniLm;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        miniLm = AllMiniLmL6V2Embeddings.shared();
        List<TemplateEntry> corpus = corpus();
        Map<String, float[]> precomputed = new HashMap<>();
        for (String q : QUERIES) {
            precomputed.put(q, miniLm.embed(q).content().vector());
        }
        EmbeddingModel corpusModel = new PseudoRandomEmbeddingModel();

        keyword = InMemoryTemplateIndex.builder().build();
        keyword.addAll(corpus);

        QueryAwareModel precomputedModel = new QueryAwareModel(corpusModel,
                text -> {
                    float[] v = precomputed.get(text);
                    if (v == null) {
                        throw new IllegalStateException("query embedding not precomputed: " + text);
                    }
                    return v;
                });
        hybridPrecomputed = InMemoryTemplateIndex.builder().embeddingModel(precomputedModel).build();
        hybridPrecomputed.addAll(corpus);
        precomputedModel.corpusLoaded = true;

        QueryAwareModel realQueryModel = new QueryAwareModel(corpusModel, text -> miniLm.embed(text).content().vector());
        hybridEndToEnd = InMemoryTemplateIndex.builder().embeddingModel(realQueryModel).build();
        hybridEndToEnd.addAll(corpus);
        realQueryModel.corpusLoaded = true;

        if (keyword.size() != CORPUS_SIZE || hybridPrecomputed.size() != CORPUS_SIZE) {
            throw new IllegalStateException("corpus has duplicate ids");
        }
    }

    private String nextQuery() {
        next = (next + 1) % QUERIES.size();
        return QUERIES.get(next);
    }

    @Benchmark
    public List<TemplateMatch> keywordOnly() {
        return keyword.search(nextQuery(), TOP_K);
    }

    @Benchmark
    public List<TemplateMatch> hybridPrecomputedQueryEmbedding() {
        return hybridPrecomputed.search(nextQuery(), TOP_K);
    }

    @Benchmark
    public List<TemplateMatch> hybridPrecomputedQueryEmbeddingWithCollectionFilter() {
        return hybridPrecomputed.search(TemplateQuery.of(nextQuery(), TOP_K).inCollection("api_patterns"));
    }

    @Benchmark
    public List<TemplateMatch> hybridEndToEnd() {
        return hybridEndToEnd.search(nextQuery(), TOP_K);
    }

    @Benchmark
    public Embedding embedQueryOnly() {
        return miniLm.embed(nextQuery()).content();
    }

    /** 10,000 deterministic entries built from the seed's vocabulary and a long tail of synthetic words. */
    static List<TemplateEntry> corpus() {
        List<String> vocabulary = new ArrayList<>(new LinkedHashSet<>(words(SeedTemplates.loadSeed(
                TemplateIndexBenchmark.class.getClassLoader()))));
        for (int i = 0; i < 2_000; i++) {
            vocabulary.add("term" + i);
        }
        Random random = new Random(42);
        List<TemplateEntry> out = new ArrayList<>(CORPUS_SIZE);
        for (int i = 0; i < CORPUS_SIZE; i++) {
            out.add(new TemplateEntry(
                    String.format(Locale.ROOT, "synthetic-%05d", i),
                    COLLECTIONS.get(i % COLLECTIONS.size()),
                    sentence(vocabulary, random, 4),
                    sentence(vocabulary, random, 14),
                    sentence(vocabulary, random, 60),
                    List.of(vocabulary.get(random.nextInt(vocabulary.size())), vocabulary.get(random.nextInt(vocabulary.size()))),
                    Map.of("framework", FRAMEWORKS.get(i % FRAMEWORKS.size()))));
        }
        return out;
    }

    private static List<String> words(List<TemplateEntry> seed) {
        List<String> words = new ArrayList<>();
        for (TemplateEntry e : seed) {
            for (String w : (e.title() + " " + e.description() + " " + String.join(" ", e.tags())).split("[^A-Za-z0-9]+")) {
                if (w.length() > 2) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        }
        return words;
    }

    private static String sentence(List<String> vocabulary, Random random, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            // skewed towards the head of the vocabulary (the seed's real words), like natural text
            int index = (int) Math.min(vocabulary.size() - 1, Math.abs(random.nextGaussian()) * vocabulary.size() / 3);
            sb.append(i == 0 ? "" : " ").append(vocabulary.get(index));
        }
        return sb.toString();
    }

    /** Deterministic pseudo-random unit vectors, seeded by the text. */
    static final class PseudoRandomEmbeddingModel implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> out = new ArrayList<>(segments.size());
            for (TextSegment s : segments) {
                Random r = new Random(s.text().hashCode());
                float[] v = new float[DIMENSION];
                double norm = 0;
                for (int i = 0; i < DIMENSION; i++) {
                    v[i] = (float) r.nextGaussian();
                    norm += v[i] * v[i];
                }
                float inv = (float) (1.0 / Math.sqrt(norm));
                for (int i = 0; i < DIMENSION; i++) {
                    v[i] *= inv;
                }
                out.add(Embedding.from(v));
            }
            return Response.from(out);
        }
    }

    /** Pseudo-random vectors while the corpus loads, then {@code queryVectors} for every (query) text. */
    static final class QueryAwareModel implements EmbeddingModel {
        private final EmbeddingModel corpusModel;
        private final java.util.function.Function<String, float[]> queryVectors;
        volatile boolean corpusLoaded;

        QueryAwareModel(EmbeddingModel corpusModel, java.util.function.Function<String, float[]> queryVectors) {
            this.corpusModel = corpusModel;
            this.queryVectors = queryVectors;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            if (!corpusLoaded) {
                return corpusModel.embedAll(segments);
            }
            List<Embedding> out = new ArrayList<>(segments.size());
            for (TextSegment s : segments) {
                out.add(Embedding.from(queryVectors.apply(s.text())));
            }
            return Response.from(out);
        }
    }
}
