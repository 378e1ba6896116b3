package io.autonoma.store;

import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The child JVM of {@code CrashResumeIT}: {@code run OWNER RUN_ID SCALE} or {@code resume OWNER RUN_ID SCALE}
 * against AUTONOMA_PG_URL. A pipeline of slow agents: analyst → backend (fast) + frontend (slow) → tests → docs.
 * Agents sleep first and write their files at the end; docs writes everything its upstream published.
 */
public final class CrashTestMain {
    /** An output that is a record: must come back from the checkpoint as the same record. */
    public record ApiShape(String base, List<String> endpoints) {}

    static final class Slow implements Agent {
        private final String name;
        private final Set<String> deps;
        private final long sleepMillis;
        private final Body body;

        interface Body {
            AgentResult run(AgentContext ctx);
        }

        Slow(String name, long sleepMillis, Body body, String... deps) {
            this.name = name;
            this.sleepMillis = sleepMillis;
            this.body = body;
            this.deps = Set.of(deps);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> dependsOn() {
            return deps;
        }

        @Override
        public AgentResult run(AgentContext ctx) throws Exception {
            Thread.sleep(sleepMillis);
            return body.run(ctx);
        }
    }

    static DefaultPipeline pipeline(ArtifactStore store, CheckpointStore checkpoints, double scale) {
        long unit = Math.round(1000 * scale);
        return DefaultPipeline.builder().store(store).checkpoints(checkpoints).maxAttempts(1).agents(List.of(
                new Slow("analyst", unit / 4, ctx -> {
                    ctx.artifacts().write("spec/entities.txt", "Order\nItem\nCustomer\n");
                    return new AgentResult("3 entities", Map.of("entities", List.of("Order", "Item", "Customer"), "count", 3));
                }),
                new Slow("backend", unit, ctx -> {
                    @SuppressWarnings("unchecked")
                    List<String> entities = ctx.output("entities", List.class).orElseThrow();
                    StringBuilder routes = new StringBuilder();
                    for (String e : entities) {
                        ctx.artifacts().write("backend/app/" + e.toLowerCase() + ".py", "class " + e + ": pass\n");
                        routes.append("/api/").append(e.toLowerCase()).append("s\n");
                    }
                    ctx.artifacts().write("backend/routes.txt", routes.toString());
                    return new AgentResult("backend for " + entities.size() + " entities",
                            Map.of("api", new ApiShape("/api", entities.stream().map(e -> "/api/" + e.toLowerCase() + "s").toList())));
                }, "analyst"),
                new Slow("frontend", unit * 3, ctx -> {
                    @SuppressWarnings("unchecked")
                    List<String> entities = ctx.output("entities", List.class).orElseThrow();
                    for (String e : entities) {
                        ctx.artifacts().write("frontend/app/" + e.toLowerCase() + "s/page.tsx", "export default function " + e + "s() {}\n");
                    }
                    return new AgentResult("frontend pages", Map.of("pages", entities.size()));
                }, "analyst"),
                new Slow("tests", unit / 4, ctx -> {
                    ApiShape api = ctx.output("api", ApiShape.class).orElseThrow();
                    ctx.artifacts().write("backend/tests/test_api.py", "ENDPOINTS = " + api.endpoints() + "\n");
                    return AgentResult.of("tests for " + api.endpoints().size() + " endpoints");
                }, "backend", "frontend"),
                new Slow("docs", unit / 4, ctx -> {
                    String summary = "entities=" + ctx.output("entities", List.class).orElseThrow()
                            + "\ncount=" + ctx.output("count", Integer.class).orElseThrow()
                            + "\napi=" + ctx.output("api", ApiShape.class).orElseThrow()
                            + "\npages=" + ctx.output("pages", Integer.class).orElseThrow() + "\n";
                    ctx.artifacts().write("docs/summary.md", summary);
                    return AgentResult.of("docs");
                }, "tests"))).build();
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String owner = args[1];
        String runId = args[2];
        double scale = Double.parseDouble(args[3]);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PgTest.url());
        PostgresArtifactStore store = PostgresArtifactStore.builder().dataSource(ds).ownerId(owner).build();
        PostgresRuns runs = PostgresRuns.builder().dataSource(ds).ownerId(owner).build();
        try (DefaultPipeline p = pipeline(store, runs.checkpoints(), scale)) {
            GenerationResult r = mode.equals("resume")
                    ? runs.resume(p, runId).await()
                    : runs.start(p, GenerationRequest.builder().projectId("shop").prompt("a shop")
                            .option(CheckpointStore.RUN_ID_OPTION, runId).build()).await();
            System.out.println("result: " + r.status() + " " + r.error().orElse(""));
            System.exit(r.succeeded() ? 0 : 1);
        }
    }
}
