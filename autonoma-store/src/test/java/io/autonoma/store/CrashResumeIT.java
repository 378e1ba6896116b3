package io.autonoma.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 a JVM in the middle of a run, resume it in a new JVM: the result equals an uninterrupted
 * run's, finished agents are not redone, and no row is duplicated.
 */
class CrashResumeIT {
    private final Jdbi jdbi = Jdbi.create(PgTest.dataSource());

    @Test
    void a_run_killed_mid_way_resumes_in_a_new_jvm_without_redoing_finished_agents(@TempDir Path logs) throws Exception {
        // the reference: the same pipeline, uninterrupted, in this JVM (no sleeping)
        String refOwner = PgTest.newOwner();
        PostgresArtifactStore refStore = PostgresArtifactStore.builder().dataSource(PgTest.dataSource()).ownerId(refOwner).build();
        PostgresRuns refRuns = PostgresRuns.builder().dataSource(PgTest.dataSource()).ownerId(refOwner).build();
        GenerationResult reference;
        try (DefaultPipeline p = CrashTestMain.pipeline(refStore, refRuns.checkpoints(), 0)) {
            reference = refRuns.start(p, GenerationRequest.builder().projectId("shop").prompt("a shop").build()).await();
        }
        assertThat(reference.succeeded()).as(reference.error().orElse("")).isTrue();
        Map<String, String> expected = files(refStore);
        assertThat(expected).hasSize(10);

        // 1. a child JVM runs the slow pipeline; kill -9 it once analyst and backend have checkpointed
        String owner = PgTest.newOwner();
        String runId = "crash-" + UUID.randomUUID();
        Process first = child("run", owner, runId, logs.resolve("first.log"));
        waitUntil(first, logs.resolve("first.log"), Duration.ofSeconds(90),
                () -> finished(runId).containsAll(List.of("analyst", "backend")));
        first.destroyForcibly();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(finished(runId)).containsExactlyInAnyOrder("analyst", "backend"); // frontend was still sleeping
        PostgresRuns runs = PostgresRuns.builder().dataSource(PgTest.dataSource()).ownerId(owner).build();
        assertThat(runs.unfinished()).containsExactly(runId);

        // 2. a new JVM resumes the run
        Process second = child("resume", owner, runId, logs.resolve("second.log"));
        if (!second.waitFor(120, TimeUnit.SECONDS)) {
            second.destroyForcibly();
            fail("the resumed run did not finish in 120 s:\n" + Files.readString(logs.resolve("second.log")));
        }
        assertThat(second.exitValue()).as(Files.readString(logs.resolve("second.log"))).isZero();

        // 3. same files as the uninterrupted run, each written once
        PostgresArtifactStore store = PostgresArtifactStore.builder().dataSource(PgTest.dataSource()).ownerId(owner).build();
        assertThat(files(store)).isEqualTo(expected);
        for (Artifact a : store.list("shop")) {
            assertThat(store.history("shop", a.path())).as(a.path()).hasSize(1);
        }
        assertThat(store.get("shop", "docs/summary.md").orElseThrow().text())
                .isEqualTo(refStore.get("shop", "docs/summary.md").orElseThrow().text())
                .contains("api=ApiShape[base=/api, endpoints=[/api/orders, /api/items, /api/customers]]");

        // 4. finished agents were not redone; the killed one ran again; no duplicate rows
        assertThat(runs.unfinished()).isEmpty();
        assertThat(query("SELECT status || ':' || segment FROM generation_requests WHERE run_id = :r", runId))
                .containsExactly("succeeded:2");
        assertThat(query("SELECT agent || ':' || count(*) FROM agent_logs WHERE run_id = :r AND kind = 'AgentStarted' GROUP BY agent ORDER BY agent", runId))
                .containsExactly("analyst:1", "backend:1", "docs:1", "frontend:2", "tests:1");
        assertThat(query("SELECT segment || ':' || agent || ':' || status FROM agent_sessions WHERE run_id = :r ORDER BY segment, agent", runId))
                .containsExactly("1:analyst:finished", "1:backend:finished", "1:frontend:interrupted",
                        "2:analyst:restored", "2:backend:restored", "2:docs:finished", "2:frontend:finished", "2:tests:finished");
        assertThat(query("SELECT count(*) || '/' || count(DISTINCT agent) FROM agent_checkpoints WHERE run_id = :r", runId))
                .containsExactly("5/5");
        assertThat(query("SELECT count(*) || '/' || count(DISTINCT (segment, seq)) FROM agent_logs WHERE run_id = :r", runId).get(0))
                .matches("(\\d+)/\\1");
        assertThat(query("SELECT count(*)::text FROM generated_components c JOIN projects p ON p.id = c.project_id "
                + "WHERE p.owner_id = '" + owner + "' AND c.run_id = :r", runId)).containsExactly("10");
    }

    private Map<String, String> files(PostgresArtifactStore store) {
        Map<String, String> m = new TreeMap<>();
        for (Artifact a : store.list("shop")) m.put(a.path(), a.text());
        return m;
    }

    private List<String> finished(String runId) {
        return query("SELECT agent FROM agent_checkpoints WHERE run_id = :r", runId);
    }

    private List<String> query(String sql, String runId) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("r", runId).mapTo(String.class).list());
    }

    private static Process child(String mode, String owner, String runId, Path log) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", cp, CrashTestMain.class.getName(), mode, owner, runId, "1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put(PgTest.VARIABLE, PgTest.url());
        return pb.start();
    }

    private static void waitUntil(Process p, Path log, Duration limit, java.util.function.BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (!p.isAlive()) fail("the child JVM exited early (" + p.exitValue() + "):\n" + Files.readString(log));
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                fail("the condition was not reached in " + limit + ":\n" + Files.readString(log));
            }
            Thread.sleep(25);
        }
    }
}
