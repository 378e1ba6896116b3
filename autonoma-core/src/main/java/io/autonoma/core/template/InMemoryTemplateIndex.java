package io.autonoma.core.template;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory reference {@link TemplateIndex}: hybrid semantic + keyword search.
 *
 * <p><b>Scoring.</b> Every score is in [0, 1]:
 * <ul>
 *   <li>keyword score: BM25 ({@code k1 = 1.2}, {@code b = 0.75}) over the tokens of
 *       {@link TemplateEntry#searchableText()} (split on non-alphanumerics and camelCase,
 *       lowercased, stop words dropped, plurals folded; title and tags count twice), normalised
 *       per query: each query term's saturated term frequency divided by its maximum
 *       {@code k1 + 1}, averaged with IDF weights. A document containing none of the query terms
 *       scores 0; query terms that appear in no entry lower every entry's score;</li>
 *   <li>semantic score: cosine similarity between the embeddings of the query and of
 *       {@link TemplateEntry#searchableText()}, mapped from [-1, 1] to [0, 1] by
 *       {@code (cos + 1) / 2};</li>
 *   <li>hybrid score = {@code w * semantic + (1 - w) * keyword}, {@code w} =
 *       {@link Builder#semanticWeight(double)} (default {@value #DEFAULT_SEMANTIC_WEIGHT}).</li>
 * </ul>
 * Ties are broken by id (ascending), so results are deterministic.
 *
 * <p><b>Keyword-only mode.</b> Without {@link Builder#embeddingModel(EmbeddingModel)} the index
 * uses the keyword score alone (the semantic weight is ignored) and returns only entries that
 * share at least one term with the query: a query with no known word returns an empty list.
 * With a model every entry passing the filters is a candidate.
 *
 * <p><b>Embedding.</b> {@link #addAll(List)} embeds the new entries with
 * {@link EmbeddingModel#embedAll(List)} in batches of {@link Builder#embeddingBatchSize(int)}
 * before taking the write lock; if the model fails, nothing is added. Replacing an entry whose
 * searchable text is unchanged reuses its embedding. {@link #search(TemplateQuery)} embeds the
 * query text once, outside the lock.
 *
 * <p><b>Filters.</b> {@link TemplateQuery#collection()} must equal {@link TemplateEntry#collection()};
 * {@link TemplateQuery#framework()} must equal {@code metadata.get("framework")} (exact,
 * case-sensitive match; entries without a framework never pass a framework filter).
 *
 * <p><b>Nulls.</b> A null list, null element, null query or null id throws
 * {@link NullPointerException}. Thread-safe (a read-write lock; searches run concurrently).
 */
public final class InMemoryTemplateIndex implements TemplateIndex {

    /** Default weight of the semantic score in the hybrid score. */
    public static final double DEFAULT_SEMANTIC_WEIGHT = 0.7;
    /** Default number of texts sent to {@link EmbeddingModel#embedAll(List)} at once. */
    public static final int DEFAULT_EMBEDDING_BATCH_SIZE = 64;

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    /** Worst candidate first: lower score, then larger id. */
    private static final Comparator<TemplateMatch> WORST_FIRST = Comparator
            .comparingDouble(TemplateMatch::score)
            .thenComparing((TemplateMatch m) -> m.entry().id(), Comparator.reverseOrder());
    /** Best first: higher score, then smaller id. */
    private static final Comparator<TemplateMatch> BEST_FIRST = WORST_FIRST.reversed();

    private final EmbeddingModel embeddingModel; // null: keyword-only
    private final double semanticWeight;
    private final int embeddingBatchSize;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Doc> docs = new HashMap<>();
    /** The same documents in a dense list for scanning; {@link Doc#slot} is the position. */
    private final ArrayList<Doc> slots = new ArrayList<>();
    /** term → (document → term frequency); documents compare by identity. */
    private final Map<String, Map<Doc, Integer>> postings = new HashMap<>();
    private long totalLength;

    private InMemoryTemplateIndex(Builder b) {
        this.embeddingModel = b.embeddingModel;
        this.semanticWeight = b.semanticWeight;
        this.embeddingBatchSize = b.embeddingBatchSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether an embedding model was configured (hybrid search) or not (keyword-only). */
    public boolean isSemantic() {
        return embeddingModel != null;
    }

    @Override
    public void addAll(List<TemplateEntry> entries) {
        List<TemplateEntry> unique = TemplateEntry.lastPerId(entries);
        if (unique.isEmpty()) {
            return;
        }
        List<Doc> prepared = prepare(unique);
        lock.writeLock().lock();
        try {
            for (Doc d : prepared) {
                Doc old = docs.put(d.entry.id(), d);
                if (old != null) {
                    unindex(old);
                }
                index(d);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Tokenises and (with a model) embeds the entries; no lock is held while the model runs. */
    private List<Doc> prepare(List<TemplateEntry> entries) {
        List<float[]> vectors = new ArrayList<>(Collections.nCopies(entries.size(), null));
        if (embeddingModel != null) {
            List<Integer> todo = new ArrayList<>();
            lock.readLock().lock();
            try {
                for (int i = 0; i < entries.size(); i++) {
                    Doc old = docs.get(entries.get(i).id());
                    if (old != null && old.text.equals(entries.get(i).searchableText())) {
                        vectors.set(i, old.vector);
                    } else {
                        todo.add(i);
                    }
                }
            } finally {
                lock.readLock().unlock();
            }
            for (int from = 0; from < todo.size(); from += embeddingBatchSize) {
                List<Integer> batch = todo.subList(from, Math.min(todo.size(), from + embeddingBatchSize));
                List<TextSegment> segments = new ArrayList<>(batch.size());
                for (int i : batch) {
                    segments.add(TextSegment.from(embeddableText(entries.get(i))));
                }
                List<Embedding> embedded = embeddingModel.embedAll(segments).content();
                if (embedded == null || embedded.size() != segments.size()) {
                    throw new IllegalStateException("embedding model " + embeddingModel.getClass().getName()
                            + " returned " + (embedded == null ? "no" : embedded.size()) + " embeddings for "
                            + segments.size() + " texts");
                }
                for (int j = 0; j < batch.size(); j++) {
                    vectors.set(batch.get(j), unit(embedded.get(j).vector()));
                }
            }
        }
        List<Doc> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            out.add(new Doc(entries.get(i), vectors.get(i)));
        }
        return out;
    }

    private static String embeddableText(TemplateEntry e) {
        String text = e.searchableText();
        return text.isBlank() ? e.id() : text; // TextSegment rejects blank text
    }

    @Override
    public List<TemplateMatch> search(TemplateQuery query) {
        Objects.requireNonNull(query, "query");
        List<String> queryTerms = new ArrayList<>(new LinkedHashSet<>(Tokenizer.tokenize(query.text())));
        float[] queryVector = null;
        if (embeddingModel != null && size() > 0) { // an empty index needs no model call
            queryVector = unit(embeddingModel.embed(query.text()).content().vector());
        }
        lock.readLock().lock();
        try {
            if (docs.isEmpty() || (embeddingModel != null && queryVector == null)) {
                return List.of(); // empty now, or empty when the query was embedded
            }
            Map<Doc, double[]> keyword = keywordScores(queryTerms);
            PriorityQueue<TemplateMatch> heap = new PriorityQueue<>(query.topK() + 1, WORST_FIRST);
            if (queryVector == null) {
                for (Map.Entry<Doc, double[]> e : keyword.entrySet()) {
                    if (passes(e.getKey().entry, query)) {
                        offer(heap, query.topK(), e.getKey().entry, e.getValue()[0]);
                    }
                }
            } else {
                for (int i = 0, n = slots.size(); i < n; i++) {
                    Doc d = slots.get(i);
                    if (!passes(d.entry, query)) {
                        continue;
                    }
                    double semantic = (cosine(queryVector, d.vector) + 1.0) / 2.0;
                    double[] kw = keyword.get(d);
                    double score = semanticWeight * semantic + (1.0 - semanticWeight) * (kw == null ? 0.0 : kw[0]);
                    offer(heap, query.topK(), d.entry, score);
                }
            }
            List<TemplateMatch> result = new ArrayList<>(heap);
            result.sort(BEST_FIRST);
            return Collections.unmodifiableList(result);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static void offer(PriorityQueue<TemplateMatch> heap, int k, TemplateEntry entry, double rawScore) {
        double score = clamp(rawScore);
        if (heap.size() < k) {
            heap.add(new TemplateMatch(entry, score));
            return;
        }
        TemplateMatch worst = heap.peek();
        if (score > worst.score() || (score == worst.score() && entry.id().compareTo(worst.entry().id()) < 0)) {
            heap.poll();
            heap.add(new TemplateMatch(entry, score));
        }
    }

    private static boolean passes(TemplateEntry e, TemplateQuery q) {
        if (q.collection().isPresent() && !q.collection().get().equals(e.collection())) {
            return false;
        }
        return q.framework().isEmpty() || q.framework().get().equals(e.metadata().get("framework"));
    }

    /**
     * Normalised BM25 (in element 0) for every entry containing at least one query term; the caller
     * holds the read lock.
     */
    private Map<Doc, double[]> keywordScores(List<String> queryTerms) {
        Map<Doc, double[]> scores = new HashMap<>();
        if (queryTerms.isEmpty()) {
            return scores;
        }
        int n = docs.size();
        double avgLength = Math.max(1.0, (double) totalLength / n);
        double idfSum = 0;
        for (String term : queryTerms) {
            Map<Doc, Integer> posting = postings.getOrDefault(term, Map.of());
            double idf = Math.log(1.0 + (n - posting.size() + 0.5) / (posting.size() + 0.5));
            idfSum += idf;
            for (Map.Entry<Doc, Integer> p : posting.entrySet()) {
                double tf = p.getValue();
                double norm = K1 * (1.0 - B + B * p.getKey().length / avgLength);
                double saturated = tf / (tf + norm); // = tf*(k1+1)/(tf+norm) divided by its bound k1+1
                scores.computeIfAbsent(p.getKey(), k -> new double[1])[0] += idf * saturated;
            }
        }
        for (double[] s : scores.values()) {
            s[0] = clamp(s[0] / idfSum);
        }
        return scores;
    }

    /** Adds {@code d} to the scan list and the postings; the caller holds the write lock. */
    private void index(Doc d) {
        d.slot = slots.size();
        slots.add(d);
        totalLength += d.length;
        for (Map.Entry<String, Integer> t : d.termFrequencies.entrySet()) {
            postings.computeIfAbsent(t.getKey(), k -> new HashMap<>()).put(d, t.getValue());
        }
    }

    /** Removes {@code d} from the scan list (swap with the last) and the postings. */
    private void unindex(Doc d) {
        Doc last = slots.remove(slots.size() - 1);
        if (last != d) {
            slots.set(d.slot, last);
            last.slot = d.slot;
        }
        totalLength -= d.length;
        for (String term : d.termFrequencies.keySet()) {
            Map<Doc, Integer> posting = postings.get(term);
            if (posting != null) {
                posting.remove(d);
                if (posting.isEmpty()) {
                    postings.remove(term);
                }
            }
        }
    }

    @Override
    public Optional<TemplateEntry> get(String id) {
        Objects.requireNonNull(id, "id");
        lock.readLock().lock();
        try {
            Doc d = docs.get(id);
            return d == null ? Optional.empty() : Optional.of(d.entry);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean remove(String id) {
        Objects.requireNonNull(id, "id");
        lock.writeLock().lock();
        try {
            Doc old = docs.remove(id);
            if (old == null) {
                return false;
            }
            unindex(old);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return docs.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryTemplateIndex[size=" + size() + ", mode="
                + (embeddingModel == null ? "keyword-only" : "hybrid(w=" + semanticWeight + ")") + "]";
    }

    private static double clamp(double v) {
        if (Double.isNaN(v)) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(1.0, v));
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        float[] out = new float[v.length];
        if (norm == 0) {
            return out;
        }
        double inv = 1.0 / Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
    }

    /** Dot product of two unit vectors (four float accumulators: fast, and exact enough for ranking). */
    private static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException("embedding dimensions differ: query " + a.length + ", entry " + b.length
                    + "; the embedding model must always return vectors of the same dimension");
        }
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (int end = a.length - 3; i < end; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private static final class Doc {
        final TemplateEntry entry;
        final String text;
        final float[] vector; // unit length; null in keyword-only mode
        final Map<String, Integer> termFrequencies;
        final int length;
        int slot; // position in slots; guarded by the write lock

        Doc(TemplateEntry entry, float[] vector) {
            this.entry = entry;
            this.text = entry.searchableText();
            this.vector = vector;
            Map<String, Integer> tf = new HashMap<>();
            int len = 0;
            len += count(tf, entry.title(), 2);
            len += count(tf, entry.description(), 1);
            len += count(tf, String.join(" ", entry.tags()), 2);
            len += count(tf, entry.content(), 1);
            this.termFrequencies = tf;
            this.length = len;
        }

        private static int count(Map<String, Integer> tf, String text, int weight) {
            List<String> tokens = Tokenizer.tokenize(text);
            for (String t : tokens) {
                tf.merge(t, weight, Integer::sum);
            }
            return tokens.size() * weight;
        }
    }

    /** Builds an {@link InMemoryTemplateIndex}; every setting is optional. */
    public static final class Builder {
        private EmbeddingModel embeddingModel;
        private double semanticWeight = DEFAULT_SEMANTIC_WEIGHT;
        private int embeddingBatchSize = DEFAULT_EMBEDDING_BATCH_SIZE;

        private Builder() {}

        /**
         * The model that embeds entries and queries (e.g. langchain4j's in-process all-MiniLM-L6-v2).
         * Not calling this makes the index keyword-only.
         */
        public Builder embeddingModel(EmbeddingModel model) {
            this.embeddingModel = Objects.requireNonNull(model, "embeddingModel: omit the call for a keyword-only index");
            return this;
        }

        /** Weight {@code w} in [0, 1] of the semantic score in the hybrid score; ignored without a model. */
        public Builder semanticWeight(double w) {
            this.semanticWeight = w;
            return this;
        }

        /** Texts per {@link EmbeddingModel#embedAll(List)} call, at least 1. */
        public Builder embeddingBatchSize(int size) {
            this.embeddingBatchSize = size;
            return this;
        }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the bad setting. */
        public InMemoryTemplateIndex build() {
            if (!(semanticWeight >= 0.0 && semanticWeight <= 1.0)) {
                throw new IllegalArgumentException("semanticWeight must be between 0 and 1, was " + semanticWeight);
            }
            if (embeddingBatchSize < 1) {
                throw new IllegalArgumentException("embeddingBatchSize must be at least 1, was " + embeddingBatchSize);
            }
            return new InMemoryTemplateIndex(this);
        }
    }
}
