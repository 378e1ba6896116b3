package io.autonoma.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationEvent.AgentFailed;
import io.autonoma.core.pipeline.GenerationEvent.AgentFinished;
import io.autonoma.core.pipeline.GenerationEvent.AgentLog;
import io.autonoma.core.pipeline.GenerationEvent.AgentStarted;
import io.autonoma.core.pipeline.GenerationEvent.ArtifactWritten;
import io.autonoma.core.pipeline.GenerationEvent.RunFinished;
import io.autonoma.core.pipeline.GenerationEvent.RunStarted;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.store.internal.OutputsJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PostgresRunRecorder, PostgresCheckpointStore and PostgresRuns against synthetic events. */
class RunRecorderIT {
    private final Jdbi jdbi = Jdbi.create(PgTest.dataSource());
    private String owner;
    private PostgresRuns runs;
    private PostgresArtifactStore store;

    @BeforeEach
    void setUp() {
        owner = PgTest.newOwner();
        runs = PostgresRuns.builder().dataSource(PgTest.dataSource()).ownerId(owner).build();
        store = PostgresArtifactStore.builder().dataSource(PgTest.dataSource()).ownerId(owner).build();
    }

    private static List<GenerationEvent> segment(String run, Instant t0) {
        List<GenerationEvent> e = new ArrayList<>();
        e.add(new RunStarted(run, 1, t0, "shop", List.of("analyst", "backend")));
        e.add(new AgentStarted(run, 2, t0.plusMillis(1), "analyst", 1));
        e.add(new AgentLog(run, 3, t0.plusMillis(2), "analyst", "found 3 entities"));
        e.add(new AgentFinished(run, 4, t0.plusMillis(10), "analyst", "spec ready", 9));
        e.add(new AgentStarted(run, 5, t0.plusMillis(11), "backend", 1));
        e.add(new AgentFailed(run, 6, t0.plusMillis(20), "backend", "429 rate limited", 1, true));
        e.add(new AgentStarted(run, 7, t0.plusMillis(30), "backend", 2));
        e.add(new ArtifactWritten(run, 8, t0.plusMillis(31), "backend", "app/main.py", 1, 10));
        e.add(new AgentFinished(run, 9, t0.plusMillis(40), "backend", "3 files", 10));
        e.add(new RunFinished(run, 10, t0.plusMillis(41), "succeeded", "2 agents finished", 41));
        return e;
    }

    private List<String> strings(String sql, String run) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("r", run).mapTo(String.class).list());
    }

    private String string(String sql, String run) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("r", run).mapTo(String.class).one());
    }

    private int count(String sql, String run) {
        return jdbi.withHandle(h -> h.createQuery(sql).bind("r", run).mapTo(Integer.class).one());
    }

    @Test
    void records_requests_sessions_and_logs_and_replays_change_nothing() {
        String run = UUID.randomUUID().toString();
        store.put("shop", "app/main.py", "print()", "backend");
        List<GenerationEvent> events = segment(run, Instant.parse("2026-11-25T10:00:00Z"));

        events.forEach(runs.recorder()::onEvent);
        events.forEach(runs.recorder()::onEvent); // replay: at-least-once delivery
        PostgresRunRecorder fresh = PostgresRunRecorder.create(PgTest.dataSource(), owner);
        events.forEach(fresh::onEvent); // replay by another recorder instance

        assertThat(count("SELECT count(*) FROM agent_logs WHERE run_id = :r", run)).isEqualTo(10);
        assertThat(count("SELECT count(*) FROM agent_sessions WHERE run_id = :r", run)).isEqualTo(3);
        assertThat(strings("SELECT agent || '#' || attempt || ':' || status FROM agent_sessions WHERE run_id = :r ORDER BY agent, attempt", run))
                .containsExactly("analyst#1:finished", "backend#1:retrying", "backend#2:finished");
        assertThat(string("SELECT status || ':' || duration_ms || ':' || segment FROM generation_requests WHERE run_id = :r", run)).isEqualTo("succeeded:41:1");
        assertThat(count("SELECT duration_ms FROM agent_sessions WHERE run_id = :r AND agent = 'analyst'", run)).isEqualTo(9);
        assertThat(count("SELECT count(*) FROM generated_components WHERE run_id = :r", run)).isEqualTo(1);
    }

    @Test
    void a_resumed_run_opens_a_new_segment_and_restored_agents_are_marked() {
        String run = UUID.randomUUID().toString();
        Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
        List<GenerationEvent> first = segment(run, t0).subList(0, 5); // crashed while backend ran
        first.forEach(runs.recorder()::onEvent);
        assertThat(runs.unfinished()).containsExactly(run);

        Instant t1 = t0.plusSeconds(60);
        List<GenerationEvent> second = List.of(
                new RunStarted(run, 1, t1, "shop", List.of("analyst", "backend")),
                new AgentFinished(run, 2, t1, "analyst", "spec ready", 0),
                new AgentStarted(run, 3, t1.plusMillis(1), "backend", 1),
                new AgentFinished(run, 4, t1.plusMillis(9), "backend", "3 files", 8),
                new RunFinished(run, 5, t1.plusMillis(10), "succeeded", "done", 10));
        second.forEach(runs.recorder()::onEvent);
        second.forEach(runs.recorder()::onEvent);

        assertThat(runs.unfinished()).isEmpty();
        assertThat(count("SELECT segment FROM generation_requests WHERE run_id = :r", run)).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM agent_logs WHERE run_id = :r", run)).isEqualTo(10);
        assertThat(strings("SELECT segment || ':' || agent || ':' || status FROM agent_sessions WHERE run_id = :r ORDER BY segment, agent", run))
                .containsExactly("1:analyst:finished", "1:backend:interrupted", "2:analyst:restored", "2:backend:finished");
    }

    @Test
    void events_of_another_owners_run_are_ignored() {
        String run = UUID.randomUUID().toString();
        segment(run, Instant.now()).forEach(runs.recorder()::onEvent);
        PostgresRunRecorder mallory = PostgresRunRecorder.create(PgTest.dataSource(), PgTest.newOwner());
        mallory.onEvent(new RunStarted(run, 1, Instant.now(), "shop", List.of("evil")));
        mallory.onEvent(new RunFinished(run, 99, Instant.now(), "failed", "hijacked", 1));
        assertThat(string("SELECT owner_id || ':' || status || ':' || segment FROM generation_requests WHERE run_id = :r", run)).isEqualTo(owner + ":succeeded:1");
        assertThat(count("SELECT count(*) FROM agent_logs WHERE run_id = :r", run)).isEqualTo(10);
    }

    @Test
    void checkpoints_round_trip_outputs_keep_the_first_result_and_are_owner_scoped() {
        String run = UUID.randomUUID().toString();
        CheckpointStore cp = runs.checkpoints();
        cp.agentFinished(run, "analyst", new AgentResult("spec ready", Map.of("entities", List.of("Order", "Item"), "count", 2)));
        cp.agentFinished(run, "analyst", AgentResult.of("second time"));

        assertThat(cp.finished(run, "analyst")).get().satisfies(r -> {
            assertThat(r.summary()).isEqualTo("spec ready");
            assertThat(r.outputs()).isEqualTo(Map.of("entities", List.of("Order", "Item"), "count", 2));
        });
        assertThat(cp.finished(run, "backend")).isEmpty();
        assertThat(PostgresCheckpointStore.create(PgTest.dataSource(), PgTest.newOwner()).finished(run, "analyst")).isEmpty();
        assertThat(runs.checkpoints().finishedAgents(run)).containsExactly("analyst");
    }

    @Test
    void an_unserialisable_output_fails_the_checkpoint_clearly_and_stores_nothing() {
        String run = UUID.randomUUID().toString();
        assertThatThrownBy(() -> runs.checkpoints().agentFinished(run, "backend", AgentResult.of("x", "socket", new Object())))
                .isInstanceOf(OutputsJson.UnserialisableOutputException.class)
                .hasMessageContaining("agent 'backend'").hasMessageContaining("output 'socket'");
        assertThat(runs.checkpoints().finished(run, "backend")).isEmpty();
    }

    @Test
    void the_recorded_request_comes_back_with_its_run_id() {
        String run = UUID.randomUUID().toString();
        GenerationRequest req = GenerationRequest.builder().projectId("shop").prompt("a shop with orders")
                .option("engine", "offline").option(CheckpointStore.RUN_ID_OPTION, run).build();
        // start() records before running; a pipeline stub that only returns null is enough here
        runs.start(new NoopPipeline(), req);
        GenerationRequest back = runs.request(run).orElseThrow();
        assertThat(back.projectId()).isEqualTo("shop");
        assertThat(back.prompt()).isEqualTo("a shop with orders");
        assertThat(back.options()).containsEntry("engine", "offline").containsEntry(CheckpointStore.RUN_ID_OPTION, run);
        assertThat(PostgresRuns.builder().dataSource(PgTest.dataSource()).ownerId(PgTest.newOwner()).build().request(run)).isEmpty();
        assertThatThrownBy(() -> PostgresRuns.builder().dataSource(PgTest.dataSource()).ownerId(PgTest.newOwner()).build()
                .resume(new NoopPipeline(), run)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no run");
    }

    /** Records the request it was asked to run; runs nothing. */
    static final class NoopPipeline implements io.autonoma.core.pipeline.Pipeline {
        @Override
        public io.autonoma.core.pipeline.RunHandle run(GenerationRequest request, io.autonoma.core.pipeline.GenerationListener listener) {
            return null;
        }

        @Override
        public List<io.autonoma.core.pipeline.Agent> agents() {
            return List.of();
        }

        @Override
        public io.autonoma.core.artifact.ArtifactStore store() {
            return null;
        }
    }
}
