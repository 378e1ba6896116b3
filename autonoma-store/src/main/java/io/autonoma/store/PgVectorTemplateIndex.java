package io.autonoma.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import io.autonoma.core.template.Tokenizer;
import io.autonoma.store.internal.Db;
import io.autonoma.store.internal.TextSearch;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * A {@link TemplateIndex} in PostgreSQL + pgvector: entries of the {@code project_templates}
 * collection live in table {@code project_templates}, all others in {@code code_templates}; both
 * keep a 384-dimensional embedding (HNSW index, {@code vector_cosine_ops}), the entry's keyword
 * terms and length (GIN index) and an English {@code tsvector} (title and tags weight A,
 * description B, content C; GIN index) for ad-hoc full-text queries.
 *
 * <p><b>Scoring</b> — the same as {@code InMemoryTemplateIndex} (every score in [0, 1], ties broken
 * by id ascending):
 * <ul>
 *   <li>semantic = {@code (cos + 1) / 2}, cosine between the query's and the entry's embeddings
 *       of {@link TemplateEntry#searchableText()} (pgvector {@code <=>});</li>
 *   <li>keyword = BM25 ({@code k1 = 1.2, b = 0.75}) over the reference tokenizer's terms (title and
 *       tags count twice), each query term's saturated frequency divided by its bound, averaged
 *       with IDF weights; document frequencies, the number of entries and the average length are
 *       those of the whole namespace, read from the database at query time;</li>
 *   <li>score = {@code w * semantic + (1 - w) * keyword}, {@code w} = {@link Builder#semanticWeight(double)}
 *       (default 0.7).</li>
 * </ul>
 * <b>Candidates</b> are the union of the HNSW nearest neighbours ({@code max(40, 4 * topK)} per
 * table, iterative index scans so that filters do not starve the result) and as many entries
 * sharing the most IDF-weighted query terms (GIN on {@code terms}); the exact hybrid score is
 * computed for those only, so an entry outside both sets is never returned (HNSW is approximate).
 * Filters: {@code collection} must equal the entry's collection, {@code framework} must equal
 * {@code metadata.framework} exactly.
 *
 * <p>{@link Builder#namespace(String)} separates independent indexes in one database (default
 * {@code "default"}). Re-adding an entry whose searchable text is unchanged reuses its stored
 * embedding (seeding at every start costs no model calls). Null list/element/query/id throw
 * {@link NullPointerException}; database failures throw {@link StoreException}. Thread-safe.
 */
public final class PgVectorTemplateIndex implements TemplateIndex {
    /** The schema stores vector(384): all-MiniLM-L6-v2's dimension. */
    public static final int DIMENSION = 384;
    public static final double DEFAULT_SEMANTIC_WEIGHT = 0.7;
    private static final String PROJECT_TEMPLATES = "project_templates";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, collection, title, description, content, tags, metadata::text AS metadata";

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final EmbeddingModel model;
    private final double semanticWeight;
    private final String namespace;
    private final int batchSize;

    private PgVectorTemplateIndex(Builder b) {
        this.dataSource = b.dataSource;
        this.jdbi = Db.jdbi(b.dataSource);
        this.model = b.model;
        this.semanticWeight = b.semanticWeight;
        this.namespace = b.namespace;
        this.batchSize = b.batchSize;
        if (b.migrate) {
            migrate();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int migrate() {
        return AutonomaSchema.migrate(dataSource);
    }

    public String namespace() {
        return namespace;
    }

    private static String table(String collection) {
        return PROJECT_TEMPLATES.equals(collection) ? "project_templates" : "code_templates";
    }

    private static String otherTable(String collection) {
        return PROJECT_TEMPLATES.equals(collection) ? "code_templates" : "project_templates";
    }

    @Override
    public void addAll(List<TemplateEntry> entries) {
        List<TemplateEntry> list = TemplateEntry.lastPerId(entries);
        if (list.isEmpty()) {
            return;
        }
        Map<String, PGvector> vectors = embed(list);
        db("adding " + list.size() + " templates", () -> jdbi.useTransaction(h -> {
            for (String table : List.of("code_templates", "project_templates")) {
                List<TemplateEntry> here = list.stream().filter(e -> table(e.collection()).equals(table)).toList();
                if (here.isEmpty()) {
                    continue;
                }
                h.createUpdate("DELETE FROM " + otherTable(here.get(0).collection()) + " WHERE namespace = :ns AND id = ANY(:ids)")
                        .bind("ns", namespace).bindArray("ids", String.class, here.stream().map(TemplateEntry::id).toList()).execute();
                PreparedBatch batch = h.prepareBatch("INSERT INTO " + table + """
                         (namespace, id, collection, title, description, content, tags, metadata, embedding, terms, doc_length, tsv)
                        VALUES (:ns, :id, :collection, :title, :description, :content, :tags, CAST(:metadata AS jsonb), :embedding,
                          :terms, :docLength,
                          setweight(to_tsvector('english', :wTitle), 'A') || setweight(to_tsvector('english', :wTags), 'A')
                          || setweight(to_tsvector('english', :wDescription), 'B') || setweight(to_tsvector('english', :wContent), 'C'))
                        ON CONFLICT (namespace, id) DO UPDATE SET collection = EXCLUDED.collection, title = EXCLUDED.title,
                          description = EXCLUDED.description, content = EXCLUDED.content, tags = EXCLUDED.tags,
                          metadata = EXCLUDED.metadata, embedding = EXCLUDED.embedding, terms = EXCLUDED.terms,
                          doc_length = EXCLUDED.doc_length, tsv = EXCLUDED.tsv, updated_at = now()""");
                for (TemplateEntry e : here) {
                    Terms t = Terms.of(e);
                    batch.bindArray("terms", String.class, t.distinct()).bind("docLength", t.length());
                    batch.bind("ns", namespace).bind("id", e.id()).bind("collection", e.collection())
                            .bind("title", e.title()).bind("description", e.description()).bind("content", e.content())
                            .bindArray("tags", String.class, e.tags()).bind("metadata", json(e.metadata()))
                            .bind("embedding", vectors.get(e.id()))
                            .bind("wTitle", TextSearch.words(e.title())).bind("wTags", TextSearch.words(String.join(" ", e.tags())))
                            .bind("wDescription", TextSearch.words(e.description())).bind("wContent", TextSearch.words(e.content()))
                            .add();
                }
                batch.execute();
            }
        }));
    }

    /** Embeds what changed; reuses stored embeddings of entries whose searchable text is unchanged. */
    private Map<String, PGvector> embed(List<TemplateEntry> entries) {
        Map<String, PGvector> out = new HashMap<>();
        Map<String, String> storedText = new HashMap<>();
        Map<String, PGvector> stored = new HashMap<>();
        db("reading stored embeddings", () -> jdbi.useHandle(h -> {
            for (String table : List.of("code_templates", "project_templates")) {
                h.createQuery("SELECT " + COLUMNS + ", embedding FROM " + table + " WHERE namespace = :ns AND id = ANY(:ids)")
                        .bind("ns", namespace).bindArray("ids", String.class, entries.stream().map(TemplateEntry::id).toList())
                        .map((rs, ctx) -> {
                            TemplateEntry e = entry(rs);
                            storedText.put(e.id(), e.searchableText());
                            stored.put(e.id(), new PGvector(rs.getString("embedding")));
                            return e;
                        }).list();
            }
        }));
        List<TemplateEntry> todo = new ArrayList<>();
        for (TemplateEntry e : entries) {
            if (e.searchableText().equals(storedText.get(e.id()))) {
                out.put(e.id(), stored.get(e.id()));
            } else {
                todo.add(e);
            }
        }
        for (int from = 0; from < todo.size(); from += batchSize) {
            List<TemplateEntry> batch = todo.subList(from, Math.min(todo.size(), from + batchSize));
            List<TextSegment> segments = batch.stream().map(e -> TextSegment.from(embeddable(e))).toList();
            List<Embedding> embedded = model.embedAll(segments).content();
            if (embedded == null || embedded.size() != segments.size()) {
                throw new IllegalStateException("embedding model " + model.getClass().getName() + " returned "
                        + (embedded == null ? "no" : embedded.size()) + " embeddings for " + segments.size() + " texts");
            }
            for (int i = 0; i < batch.size(); i++) {
                out.put(batch.get(i).id(), new PGvector(unit(embedded.get(i).vector())));
            }
        }
        return out;
    }

    private static String embeddable(TemplateEntry e) {
        String text = e.searchableText();
        return text.isBlank() ? e.id() : text;
    }

    private float[] unit(float[] v) {
        if (v.length != DIMENSION) {
            throw new IllegalStateException("embedding model " + model.getClass().getName() + " returns " + v.length
                    + "-dimensional vectors but the schema stores vector(" + DIMENSION + "); use all-MiniLM-L6-v2 or another "
                    + DIMENSION + "-dimensional model");
        }
        double norm = 0;
        for (float x : v) norm += (double) x * x;
        float[] out = new float[v.length];
        if (norm == 0) return out;
        double inv = 1.0 / Math.sqrt(norm);
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] * inv);
        return out;
    }

    @Override
    public List<TemplateMatch> search(TemplateQuery query) {
        Objects.requireNonNull(query, "query");
        PGvector q = new PGvector(unit(model.embed(query.text()).content().vector()));
        List<String> qTerms = new ArrayList<>(new LinkedHashSet<>(Tokenizer.tokenize(query.text())));
        int candidates = Math.min(1000, Math.max(40, 4 * query.topK()));
        List<String> tables = query.collection().map(c -> List.of(table(c))).orElse(List.of("code_templates", "project_templates"));
        StringBuilder filter = new StringBuilder("namespace = :ns");
        query.collection().ifPresent(c -> filter.append(" AND collection = :collection"));
        query.framework().ifPresent(f -> filter.append(" AND framework = :framework"));

        return db("searching templates", () -> jdbi.inTransaction(h -> {
            // the JDBC driver prepares repeated statements on the server; a generic plan cannot see the
            // query vector and may drop the HNSW index (measured: 2 ms → 170 ms), so plan every query
            h.execute("SET LOCAL plan_cache_mode = force_custom_plan");
            // corpus statistics for BM25 (over the whole namespace, like the in-memory index)
            long[] nAndLength = h.createQuery("""
                    SELECT count(*) AS n, coalesce(sum(doc_length), 0) AS total FROM (
                      SELECT doc_length FROM code_templates WHERE namespace = :ns
                      UNION ALL SELECT doc_length FROM project_templates WHERE namespace = :ns) t""")
                    .bind("ns", namespace).map((rs, ctx) -> new long[] {rs.getLong("n"), rs.getLong("total")}).one();
            long n = nAndLength[0];
            if (n == 0) {
                return List.<TemplateMatch>of();
            }
            double[] idf = new double[qTerms.size()];
            if (!qTerms.isEmpty()) {
                Map<String, Long> df = new HashMap<>();
                h.createQuery("""
                        SELECT q.term, (SELECT count(*) FROM code_templates WHERE namespace = :ns AND terms @> ARRAY[q.term])
                                     + (SELECT count(*) FROM project_templates WHERE namespace = :ns AND terms @> ARRAY[q.term]) AS df
                        FROM unnest(CAST(:q AS text[])) AS q(term)""")
                        .bind("ns", namespace).bindArray("q", String.class, qTerms)
                        .map((rs, ctx) -> df.put(rs.getString("term"), rs.getLong("df"))).list();
                for (int i = 0; i < idf.length; i++) {
                    long d = df.getOrDefault(qTerms.get(i), 0L);
                    idf[i] = Math.log(1.0 + (n - d + 0.5) / (d + 0.5));
                }
            }
            double avgLength = Math.max(1.0, (double) nAndLength[1] / n);

            // candidates: HNSW nearest neighbours ∪ entries sharing the most (idf-weighted) query terms
            h.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
            h.execute("SET LOCAL hnsw.ef_search = " + Math.max(40, candidates));
            List<String> parts = new ArrayList<>();
            for (String t : tables) {
                parts.add("(SELECT id FROM " + t + " WHERE " + filter + " ORDER BY embedding <=> :vec LIMIT :n)");
                if (!qTerms.isEmpty()) {
                    parts.add("(SELECT id FROM " + t + " WHERE " + filter + " AND terms && CAST(:q AS text[]) ORDER BY "
                            + "(SELECT coalesce(sum(x.w), 0) FROM unnest(CAST(:q AS text[]), CAST(:idf AS float8[])) AS x(term, w)"
                            + " WHERE x.term = ANY(terms)) DESC, id LIMIT :n)");
                }
            }
            String all = tables.stream().map(t -> "SELECT " + COLUMNS + ", embedding FROM " + t + " WHERE " + filter)
                    .reduce((x, y) -> x + " UNION ALL " + y).orElseThrow();
            String sql = "WITH cand AS (" + String.join(" UNION ", parts) + ") "
                    + "SELECT t.*, (t.embedding <=> :vec) AS dist FROM (" + all + ") t WHERE t.id IN (SELECT id FROM cand)";
            Query sq = h.createQuery(sql).bind("ns", namespace).bind("vec", q).bind("n", candidates);
            query.collection().ifPresent(c -> sq.bind("collection", c));
            query.framework().ifPresent(f -> sq.bind("framework", f));
            if (!qTerms.isEmpty()) {
                sq.bindArray("q", String.class, qTerms);
                Double[] boxed = new Double[idf.length];
                for (int i = 0; i < idf.length; i++) boxed[i] = idf[i];
                sq.bindArray("idf", Double.class, (Object[]) boxed);
            }
            double idfSum = Arrays.stream(idf).sum();
            List<TemplateMatch> scored = sq.map((rs, ctx) -> {
                TemplateEntry e = entry(rs);
                double dist = rs.getDouble("dist");
                double cos = Double.isNaN(dist) ? 0 : 1 - dist;
                double semantic = (cos + 1) / 2;
                double keyword = idfSum == 0 ? 0 : bm25(Terms.of(e), qTerms, idf, avgLength) / idfSum;
                return new TemplateMatch(e, clamp(semanticWeight * semantic + (1 - semanticWeight) * clamp(keyword)));
            }).list();
            List<TemplateMatch> sorted = new ArrayList<>(scored);
            sorted.sort(Comparator.comparingDouble(TemplateMatch::score).reversed().thenComparing(m -> m.entry().id()));
            return List.copyOf(sorted.subList(0, Math.min(query.topK(), sorted.size())));
        }));
    }

    /** BM25 (k1 = 1.2, b = 0.75) with saturated term frequency divided by its bound, summed with IDF weights. */
    private static double bm25(Terms doc, List<String> qTerms, double[] idf, double avgLength) {
        double sum = 0;
        double norm = 1.2 * (1.0 - 0.75 + 0.75 * doc.length() / avgLength);
        for (int i = 0; i < qTerms.size(); i++) {
            int tf = doc.frequencies().getOrDefault(qTerms.get(i), 0);
            if (tf > 0) {
                sum += idf[i] * tf / (tf + norm);
            }
        }
        return sum;
    }

    /** Term frequencies of an entry exactly as the in-memory index counts them (title and tags twice). */
    private record Terms(Map<String, Integer> frequencies, int length) {
        static Terms of(TemplateEntry e) {
            Map<String, Integer> tf = new HashMap<>();
            int len = count(tf, e.title(), 2) + count(tf, e.description(), 1) + count(tf, String.join(" ", e.tags()), 2)
                    + count(tf, e.content(), 1);
            return new Terms(tf, len);
        }

        private static int count(Map<String, Integer> tf, String text, int weight) {
            List<String> tokens = Tokenizer.tokenize(text);
            for (String t : tokens) tf.merge(t, weight, Integer::sum);
            return tokens.size() * weight;
        }

        List<String> distinct() {
            return frequencies.keySet().stream().sorted().toList();
        }
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    @Override
    public Optional<TemplateEntry> get(String id) {
        Objects.requireNonNull(id, "id");
        return db("reading template " + id, () -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM code_templates WHERE namespace = :ns AND id = :id UNION ALL "
                        + "SELECT " + COLUMNS + " FROM project_templates WHERE namespace = :ns AND id = :id")
                .bind("ns", namespace).bind("id", id).map((rs, ctx) -> entry(rs)).findFirst()));
    }

    @Override
    public boolean remove(String id) {
        Objects.requireNonNull(id, "id");
        return db("removing template " + id, () -> jdbi.inTransaction(h ->
                h.createUpdate("DELETE FROM code_templates WHERE namespace = :ns AND id = :id").bind("ns", namespace).bind("id", id).execute()
                + h.createUpdate("DELETE FROM project_templates WHERE namespace = :ns AND id = :id").bind("ns", namespace).bind("id", id).execute() > 0));
    }

    @Override
    public int size() {
        return db("counting templates", () -> jdbi.withHandle(h -> h.createQuery(
                "SELECT (SELECT count(*) FROM code_templates WHERE namespace = :ns) + (SELECT count(*) FROM project_templates WHERE namespace = :ns)")
                .bind("ns", namespace).mapTo(Integer.class).one()));
    }

    /** Deletes every entry of this index's namespace; returns how many were removed. */
    public int clear() {
        return db("clearing templates", () -> jdbi.inTransaction(h ->
                h.createUpdate("DELETE FROM code_templates WHERE namespace = :ns").bind("ns", namespace).execute()
                + h.createUpdate("DELETE FROM project_templates WHERE namespace = :ns").bind("ns", namespace).execute()));
    }

    private static TemplateEntry entry(ResultSet rs) throws SQLException {
        Array tags = rs.getArray("tags");
        List<String> tagList = tags == null ? List.of() : Arrays.asList((String[]) tags.getArray());
        Map<String, String> metadata;
        try {
            metadata = JSON.readValue(rs.getString("metadata"), new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new SQLException("template metadata is not a JSON object of strings: " + e.getMessage(), e);
        }
        return new TemplateEntry(rs.getString("id"), rs.getString("collection"), rs.getString("title"),
                rs.getString("description"), rs.getString("content"), tagList, metadata);
    }

    private static String json(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("template metadata cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static <T> T db(String what, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw new StoreException("PostgreSQL failed while " + what + ": " + e.getMessage()
                    + "; check the connection and that the schema is migrated (PgVectorTemplateIndex.migrate())", e);
        }
    }

    private static void db(String what, Runnable work) {
        db(what, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public String toString() {
        return "PgVectorTemplateIndex[namespace=" + namespace + ", w=" + semanticWeight + "]";
    }

    /** Builds a {@link PgVectorTemplateIndex}: a database and an embedding model ({@value #DIMENSION} dimensions) are required. */
    public static final class Builder {
        private DataSource dataSource;
        private String jdbcUrl;
        private String host;
        private int port = 5432;
        private String database;
        private String user;
        private String password;
        private EmbeddingModel model;
        private double semanticWeight = DEFAULT_SEMANTIC_WEIGHT;
        private String namespace = "default";
        private int batchSize = 64;
        private boolean migrate;

        private Builder() {}

        public Builder dataSource(DataSource v) { this.dataSource = v; return this; }
        public Builder jdbcUrl(String v) { this.jdbcUrl = v; return this; }
        public Builder host(String v) { this.host = v; return this; }
        public Builder port(int v) { this.port = v; return this; }
        public Builder database(String v) { this.database = v; return this; }
        public Builder user(String v) { this.user = v; return this; }
        public Builder password(String v) { this.password = v; return this; }
        /** Embeds entries and queries; must return {@value #DIMENSION}-dimensional vectors (e.g. langchain4j's all-MiniLM-L6-v2). */
        public Builder embeddingModel(EmbeddingModel v) { this.model = v; return this; }
        /** Weight of the semantic score in [0, 1] (default 0.7); the keyword score gets {@code 1 - w}. */
        public Builder semanticWeight(double v) { this.semanticWeight = v; return this; }
        /** Separates independent indexes in one database (default "default"). */
        public Builder namespace(String v) { this.namespace = v; return this; }
        public Builder embeddingBatchSize(int v) { this.batchSize = v; return this; }
        public Builder migrate(boolean v) { this.migrate = v; return this; }

        public PgVectorTemplateIndex build() {
            if (model == null) {
                throw new IllegalStateException("an embedding model is required: embeddingModel(new AllMiniLmL6V2EmbeddingModel())");
            }
            if (!(semanticWeight >= 0 && semanticWeight <= 1)) {
                throw new IllegalArgumentException("semanticWeight must be in [0, 1], was " + semanticWeight);
            }
            if (namespace == null || namespace.isBlank() || namespace.length() > 200) {
                throw new IllegalArgumentException("namespace must be 1-200 characters, was '" + namespace + "'");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("embeddingBatchSize must be >= 1, was " + batchSize);
            }
            dataSource = PostgresArtifactStore.resolve(dataSource, jdbcUrl, host, port, database, user, password);
            return new PgVectorTemplateIndex(this);
        }
    }
}
