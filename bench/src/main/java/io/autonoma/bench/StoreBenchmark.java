package io.autonoma.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import io.autonoma.store.AutonomaSchema;
import io.autonoma.store.PgVectorTemplateIndex;
import io.autonoma.store.PostgresArtifactStore;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * autonoma-store figures against a real PostgreSQL + pgvector (AUTONOMA_PG_URL, see ci/pgvector.sh):
 * pgvector top-5 over 10,000 templates (hybrid search latency, HNSW recall against exact search)
 * and artifact write throughput. A plain main, not JMH: the database dominates, not the JVM.
 *
 * <pre>
 * AUTONOMA_PG_URL="$(bash ci/pgvector.sh start)" mvn -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar io.autonoma.bench.StoreBenchmark [templates=10000] [queries=200] [writes=2000]
 * </pre>
 */
public final class StoreBenchmark {
    private static final String[] WORDS = ("user account login password email token session order item cart payment invoice "
            + "customer company contact deal task project comment post tag category product price stock warehouse shipment "
            + "report chart table form modal button list detail search filter page upload file image avatar role permission "
            + "admin audit log event notification message chat channel calendar booking room ticket status priority due date "
            + "fastapi router endpoint schema model migration alembic sqlalchemy pydantic nextjs react component hook query "
            + "zustand store tailwind radix docker kubernetes deployment service ingress probe prometheus metric ci workflow").split(" ");
    private static final String[] COLLECTIONS = {"code_templates", "ui_components", "api_patterns", "deployment_configs", "project_templates"};
    private static final String[] FRAMEWORKS = {"fastapi", "nextjs", "docker", "kubernetes"};

    public static void main(String[] args) throws Exception {
        int templates = arg(args, 0, 10_000);
        int queries = arg(args, 1, 200);
        int writes = arg(args, 2, 2_000);
        String url = System.getenv("AUTONOMA_PG_URL");
        if (url == null || url.isBlank()) {
            System.err.println("AUTONOMA_PG_URL is not set: start PostgreSQL + pgvector with 'bash ci/pgvector.sh start' and export its URL");
            System.exit(2);
        }
        PGSimpleDataSource simple = new PGSimpleDataSource();
        simple.setUrl(url);
        AutonomaSchema.migrate(simple);
        DataSource pooled = pool(simple, 8);
        System.out.printf(Locale.ROOT, "StoreBenchmark: %d templates, %d queries, %d writes; %d cores; %s%n", templates, queries, writes,
                Runtime.getRuntime().availableProcessors(), Jdbi.create(simple).withHandle(h -> h.createQuery("SELECT version()").mapTo(String.class).one()));
        templates(pooled, templates, queries);
        if (writes > 0) {
            writes(simple, pooled, writes);
        }
    }

    // ------------------------------------------------------------------------------- templates

    static void templates(DataSource ds, int n, int queries) {
        HashingEmbeddingModel model = new HashingEmbeddingModel();
        PgVectorTemplateIndex index = PgVectorTemplateIndex.builder().dataSource(ds).embeddingModel(model)
                .namespace("bench-" + UUID.randomUUID()).embeddingBatchSize(500).build();
        Random rnd = new Random(42);
        List<TemplateEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String title = words(rnd, 3);
            entries.add(new TemplateEntry("t" + i, COLLECTIONS[i % COLLECTIONS.length], title, words(rnd, 12),
                    "// " + words(rnd, 40), List.of(words(rnd, 1), words(rnd, 1)), Map.of("framework", FRAMEWORKS[i % FRAMEWORKS.length])));
        }
        try {
            long t0 = System.nanoTime();
            for (int from = 0; from < n; from += 1000) {
                index.addAll(entries.subList(from, Math.min(n, from + 1000)));
            }
            double loadS = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "templates: loaded %d in %.1f s (%.0f/s, hashing embeddings, HNSW + GIN maintained)%n", n, loadS, n / loadS);
            long v0 = System.nanoTime();
            Jdbi.create(ds).useHandle(h -> h.execute("VACUUM ANALYZE code_templates, project_templates")); // what autovacuum would do
            System.out.printf(Locale.ROOT, "templates: VACUUM ANALYZE %.1f s%n", (System.nanoTime() - v0) / 1e9);

            List<String> qs = new ArrayList<>();
            for (int i = 0; i < queries; i++) qs.add(words(rnd, 4));
            if (queries == 0) return;
            for (String q : qs.subList(0, Math.min(20, qs.size()))) index.search(q, 5); // warm up
            long[] hybrid = new long[queries];
            long[] filtered = new long[queries];
            for (int i = 0; i < queries; i++) {
                long s = System.nanoTime();
                index.search(qs.get(i), 5);
                hybrid[i] = System.nanoTime() - s;
                s = System.nanoTime();
                index.search(TemplateQuery.of(qs.get(i), 5).inCollection("api_patterns").forFramework("fastapi"));
                filtered[i] = System.nanoTime() - s;
            }
            System.out.printf(Locale.ROOT, "templates: hybrid top-5 over %d: p50 %.2f ms, p95 %.2f ms, mean %.2f ms%n", n, pct(hybrid, 50), pct(hybrid, 95), mean(hybrid));
            System.out.printf(Locale.ROOT, "templates: hybrid top-5 with collection+framework filter: p50 %.2f ms, p95 %.2f ms%n", pct(filtered, 50), pct(filtered, 95));

            // pure vector top-5 through HNSW vs exact (index scans off): latency and recall@5
            Jdbi jdbi = Jdbi.create(ds);
            long[] ann = new long[queries];
            long[] exact = new long[queries];
            double recall = 0;
            String plan = "";
            for (int i = 0; i < queries; i++) {
                String vec = Arrays.toString(unit(model.vector(qs.get(i))));
                String sql = "SELECT id FROM code_templates WHERE namespace = :ns ORDER BY embedding <=> CAST(:q AS vector) LIMIT 5";
                long s = System.nanoTime();
                List<String> a = jdbi.inTransaction(h -> {
                    h.execute("SET LOCAL plan_cache_mode = force_custom_plan"); // as PgVectorTemplateIndex does
                    return h.createQuery(sql).bind("ns", index.namespace()).bind("q", vec).mapTo(String.class).list();
                });
                ann[i] = System.nanoTime() - s;
                s = System.nanoTime();
                List<String> e = jdbi.inTransaction(h -> {
                    h.execute("SET LOCAL enable_indexscan = off");
                    return h.createQuery(sql).bind("ns", index.namespace()).bind("q", vec).mapTo(String.class).list();
                });
                exact[i] = System.nanoTime() - s;
                Set<String> hit = new HashSet<>(a);
                hit.retainAll(e);
                recall += e.isEmpty() ? 1 : (double) hit.size() / e.size();
                if (i == 0) {
                    List<String> lines = jdbi.withHandle(h -> h.createQuery("EXPLAIN " + sql).bind("ns", index.namespace()).bind("q", vec)
                            .mapTo(String.class).list());
                    plan = String.join(" | ", lines);
                }
            }
            System.out.printf(Locale.ROOT, "templates: vector-only top-5 (code_templates, %d rows): HNSW p50 %.2f ms, p95 %.2f ms; exact p50 %.2f ms; recall@5 %.3f%n",
                    n * 4 / 5, pct(ann, 50), pct(ann, 95), pct(exact, 50), recall / queries);
            System.out.println("templates: plan: " + plan.replaceAll("\\s+", " "));
            List<TemplateMatch> sample = index.search(qs.get(0), 5);
            System.out.println("templates: sample '" + qs.get(0) + "' -> " + sample.stream().map(m -> m.entry().id() + String.format(Locale.ROOT, "(%.3f)", m.score())).toList());
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                System.out.println("templates: kept namespace " + index.namespace());
            } else {
                index.clear();
            }
        }
    }

    // ------------------------------------------------------------------------------- artifact writes

    static void writes(DataSource simple, DataSource pooled, int n) throws Exception {
        byte[] content = new byte[4096];
        new Random(7).nextBytes(content);
        for (Object[] c : new Object[][] {{"new connection per op", simple, 1}, {"pool of 8", pooled, 1}, {"pool of 8", pooled, 4}}) {
            String owner = "bench-" + UUID.randomUUID();
            PostgresArtifactStore store = PostgresArtifactStore.builder().dataSource((DataSource) c[1]).ownerId(owner).build();
            int threads = (int) c[2];
            int perThread = n / threads;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long t0 = System.nanoTime();
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                // one project per thread: puts to one project serialise on its row lock by design
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) store.put(new io.autonoma.core.artifact.ArtifactWrite("p" + id, "src/f" + (i % 200) + ".py", content, "bench"));
                }));
            }
            for (Future<?> f : fs) f.get();
            double s = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            System.out.printf(Locale.ROOT, "writes: %-22s %d thread(s): %d puts of 4 KiB in %.2f s = %.0f puts/s%n", c[0], threads, perThread * threads, s, perThread * threads / s);
            // same path, 4 threads: versions must be 1..N (checked), throughput under the row lock
            if (threads == 4) {
                ExecutorService p2 = Executors.newFixedThreadPool(4);
                long t1 = System.nanoTime();
                List<Future<?>> f2 = new ArrayList<>();
                for (int t = 0; t < 4; t++) f2.add(p2.submit(() -> {
                    for (int i = 0; i < n / 8; i++) store.put(new io.autonoma.core.artifact.ArtifactWrite("hot", "same.txt", content, "bench"));
                }));
                for (Future<?> f : f2) f.get();
                double s2 = (System.nanoTime() - t1) / 1e9;
                p2.shutdown();
                int versions = store.history("hot", "same.txt").size();
                System.out.printf(Locale.ROOT, "writes: same path, 4 threads: %d puts in %.2f s = %.0f puts/s; versions 1..%d gap-free: %s%n",
                        n / 8 * 4, s2, n / 8 * 4 / s2, versions, versions == n / 8 * 4);
            }
            Jdbi.create(simple).useHandle(h -> h.createUpdate("DELETE FROM users WHERE id = :o").bind("o", owner).execute());
        }
    }

    // ------------------------------------------------------------------------------- helpers

    /** A minimal fixed pool (the store accepts any DataSource; use HikariCP or similar in production). */
    static DataSource pool(PGSimpleDataSource ds, int size) throws SQLException {
        BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) idle.add(ds.getConnection());
        return (DataSource) Proxy.newProxyInstance(StoreBenchmark.class.getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, a) -> {
            if (!m.getName().equals("getConnection")) return m.invoke(ds, a);
            Connection real = idle.take();
            return Proxy.newProxyInstance(StoreBenchmark.class.getClassLoader(), new Class<?>[] {Connection.class}, (cp, cm, ca) -> {
                if (cm.getName().equals("close")) {
                    if (!real.getAutoCommit()) real.rollback();
                    real.setAutoCommit(true);
                    idle.add(real);
                    return null;
                }
                try {
                    return cm.invoke(real, ca);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        });
    }

    static String words(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(i == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
        return b.toString();
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) norm += (double) x * x;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / Math.sqrt(norm));
        return out;
    }

    static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
    }

    static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e6;
    }

    static int arg(String[] args, int i, int def) {
        if (args.length <= i) return def;
        String a = args[i].contains("=") ? args[i].substring(args[i].indexOf('=') + 1) : args[i];
        return Integer.parseInt(a);
    }

    /** Deterministic feature-hashing embeddings (384 dims), so that 10,000 entries load in seconds. */
    static final class HashingEmbeddingModel implements EmbeddingModel {
        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<Embedding> out = new ArrayList<>(segments.size());
            for (TextSegment s : segments) out.add(Embedding.from(vector(s.text())));
            return Response.from(out);
        }

        @Override
        public int dimension() {
            return 384;
        }

        float[] vector(String text) {
            float[] v = new float[384];
            for (String t : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (t.length() < 2) continue;
                int h = t.hashCode() * 0x9E3779B1;
                v[Math.floorMod(h, 384)] += 1f;
                v[Math.floorMod(h >>> 7, 384)] += (h & 1) == 0 ? 0.5f : -0.5f;
            }
            v[0] += 0.01f;
            return v;
        }
    }
}
