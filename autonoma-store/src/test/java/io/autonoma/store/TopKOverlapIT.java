package io.autonoma.store;

import io.autonoma.test.HashingEmbeddingModel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.autonoma.core.template.InMemoryTemplateIndex;
import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import io.autonoma.test.TemplateIndexContract;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The pgvector index ranks like the in-memory reference on the same data with the same model: the
 * scoring is the same (cosine + BM25 over the same tokenizer), so only HNSW's approximation and
 * float rounding may make results differ.
 */
class TopKOverlapIT {
    private static final String[] DOMAIN = ("user account login password email token session order item cart payment invoice "
            + "customer company contact deal task project comment post tag category product price stock warehouse shipment "
            + "report chart table form modal button list detail search filter page upload file image avatar role permission "
            + "admin audit log event notification message calendar booking room ticket status priority").split(" ");
    private static final String[] COLLECTIONS = {"code_templates", "ui_components", "api_patterns", "deployment_configs", "project_templates"};
    private static final String[] FRAMEWORKS = {"fastapi", "nextjs", "docker", "kubernetes"};

    static List<TemplateEntry> corpus(int n) {
        Random rnd = new Random(11);
        List<TemplateEntry> out = new ArrayList<>(TemplateIndexContract.fixture());
        for (int i = 0; i < n; i++) {
            out.add(new TemplateEntry("gen-" + i, COLLECTIONS[i % COLLECTIONS.length], words(rnd, 3), words(rnd, 10),
                    words(rnd, 25), List.of(words(rnd, 1)), Map.of("framework", FRAMEWORKS[i % FRAMEWORKS.length])));
        }
        return out;
    }

    static String words(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : " ").append(DOMAIN[rnd.nextInt(DOMAIN.length)]);
        return b.toString();
    }

    static List<TemplateQuery> queries() {
        Random rnd = new Random(5);
        List<TemplateQuery> qs = new ArrayList<>();
        for (String q : List.of("login page with email and password", "kubernetes deployment with probes", "a blog with posts and comments",
                "paginated data table", "JWT authentication for the API", "client state store", "python docker image")) {
            qs.add(TemplateQuery.of(q, 5));
        }
        for (int i = 0; i < 30; i++) qs.add(TemplateQuery.of(words(rnd, 1 + rnd.nextInt(4)), 5));
        for (int i = 0; i < 10; i++) qs.add(TemplateQuery.of(words(rnd, 3), 5).inCollection(COLLECTIONS[i % 5]));
        for (int i = 0; i < 5; i++) qs.add(TemplateQuery.of(words(rnd, 3), 5).forFramework(FRAMEWORKS[i % 4]));
        return qs;
    }

    /** Mean |top5(pg) ∩ top5(mem)| / 5, the share of equal top-1 ids, and the largest score difference of an entry in both. */
    static double[] compare(EmbeddingModel model, int n) {
        List<TemplateEntry> data = corpus(n);
        TemplateIndex mem = InMemoryTemplateIndex.builder().embeddingModel(model).build();
        PgVectorTemplateIndex pg = PgVectorTemplateIndex.builder().dataSource(PgTest.dataSource()).embeddingModel(model)
                .namespace("overlap-" + UUID.randomUUID()).build();
        mem.addAll(data);
        pg.addAll(data);
        try {
            double overlap = 0;
            int top1 = 0;
            double maxScoreDiff = 0;
            List<TemplateQuery> qs = queries();
            for (TemplateQuery q : qs) {
                List<TemplateMatch> a = mem.search(q);
                List<TemplateMatch> b = pg.search(q);
                Set<String> ia = new HashSet<>(a.stream().map(m -> m.entry().id()).toList());
                Set<String> both = new HashSet<>(b.stream().map(m -> m.entry().id()).toList());
                both.retainAll(ia);
                overlap += a.isEmpty() ? 1 : (double) both.size() / a.size();
                if (!a.isEmpty() && !b.isEmpty() && a.get(0).entry().id().equals(b.get(0).entry().id())) top1++;
                for (TemplateMatch ma : a) {
                    for (TemplateMatch mb : b) {
                        if (ma.entry().id().equals(mb.entry().id())) maxScoreDiff = Math.max(maxScoreDiff, Math.abs(ma.score() - mb.score()));
                    }
                }
            }
            return new double[] {overlap / qs.size(), (double) top1 / qs.size(), maxScoreDiff};
        } finally {
            pg.clear();
        }
    }

    @Test
    void top5_overlaps_the_in_memory_index_with_the_hashing_model() {
        double[] r = compare(new HashingEmbeddingModel(), 300);
        System.out.printf("hashing model: mean top-5 overlap %.3f, same top-1 %.3f, max score difference %.2e%n", r[0], r[1], r[2]);
        assertThat(r[0]).as("mean top-5 overlap").isGreaterThanOrEqualTo(0.95);
        assertThat(r[1]).as("same top-1").isGreaterThanOrEqualTo(0.9);
        assertThat(r[2]).as("score difference of an entry found by both").isLessThan(1e-4);
    }

    @Test
    void top5_overlaps_the_in_memory_index_with_all_minilm() {
        double[] r = compare(new AllMiniLmL6V2EmbeddingModel(), 150);
        System.out.printf("all-MiniLM-L6-v2: mean top-5 overlap %.3f, same top-1 %.3f, max score difference %.2e%n", r[0], r[1], r[2]);
        assertThat(r[0]).as("mean top-5 overlap").isGreaterThanOrEqualTo(0.95);
        assertThat(r[1]).as("same top-1").isGreaterThanOrEqualTo(0.9);
        assertThat(r[2]).as("score difference of an entry found by both").isLessThan(1e-4);
    }
}
