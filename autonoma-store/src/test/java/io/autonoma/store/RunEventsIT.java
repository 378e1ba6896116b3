package io.autonoma.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationEvent.AgentFinished;
import io.autonoma.core.pipeline.GenerationEvent.AgentStarted;
import io.autonoma.core.pipeline.GenerationEvent.ArtifactWritten;
import io.autonoma.core.pipeline.GenerationEvent.RunFinished;
import io.autonoma.core.pipeline.GenerationEvent.RunStarted;
import io.autonoma.core.pipeline.GenerationRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PostgresRunEvents: a run's stored stream read back across segments, and LISTEN/NOTIFY. */
class RunEventsIT {
    private String owner;
    private PostgresRuns runs;
    private PostgresRunEvents events;

    @BeforeEach
    void setUp() {
        owner = PgTest.newOwner();
        runs = PostgresRuns.builder().dataSource(PgTest.dataSource()).ownerId(owner).build();
        events = PostgresRunEvents.create(PgTest.dataSource(), owner);
    }

    private String newRun() {
        String run = UUID.randomUUID().toString();
        runs.started(run, GenerationRequest.builder().projectId(run).prompt("a shop").build());
        return run;
    }

    @Test
    void reads_every_event_back_whole_and_numbers_the_stream_across_segments() {
        String run = newRun();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<GenerationEvent> first = List.of(
                new RunStarted(run, 0, t0, run, List.of("analyst", "backend")),
                new AgentStarted(run, 1, t0.plusMillis(1), "analyst", 1),
                new AgentFinished(run, 2, t0.plusMillis(2), "analyst", "spec ready", 1),
                new AgentStarted(run, 3, t0.plusMillis(3), "backend", 1));
        first.forEach(runs.listener()::onEvent);

        PostgresRunEvents.Page page = events.read(run, PostgresRunEvents.Page.START);
        assertThat(page.events()).isEqualTo(first); // whole records, seq = position (0-based) as in the first segment
        assertThat(events.read(run, page).events()).isEmpty();

        // the process died; the run resumes: a new segment whose seq starts at 0 again
        Instant t1 = t0.plusSeconds(5);
        runs.listener().onEvent(new RunStarted(run, 0, t1, run, List.of("analyst", "backend")));
        runs.listener().onEvent(new ArtifactWritten(run, 1, t1.plusMillis(1), "backend", "app/main.py", 1, 10));
        runs.listener().onEvent(new RunFinished(run, 2, t1.plusMillis(2), "succeeded", "", 2));

        PostgresRunEvents.Page next = events.read(run, page);
        assertThat(next.events()).extracting(GenerationEvent::seq).containsExactly(4L, 5L, 6L);
        assertThat(next.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("RunStarted", "ArtifactWritten", "RunFinished");
        assertThat(((ArtifactWritten) next.events().get(1)).path()).isEqualTo("app/main.py");
        assertThat(events.read(run, PostgresRunEvents.Page.START).events()).hasSize(7);
    }

    @Test
    void another_owners_run_reads_empty() {
        String run = newRun();
        runs.listener().onEvent(new RunStarted(run, 0, Instant.now(), run, List.of("analyst")));
        assertThat(PostgresRunEvents.create(PgTest.dataSource(), PgTest.newOwner()).read(run, PostgresRunEvents.Page.START).events()).isEmpty();
        assertThat(events.read(run, PostgresRunEvents.Page.START).events()).hasSize(1);
    }

    @Test
    void listen_announces_each_stored_event_by_run_id() throws Exception {
        String run = newRun();
        List<String> heard = new CopyOnWriteArrayList<>();
        CopyOnWriteArrayList<Boolean> idle = new CopyOnWriteArrayList<>();
        try (AutoCloseable l = events.listen(heard::add, () -> idle.add(true), Duration.ofMillis(200))) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (idle.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20); // listening
            runs.listener().onEvent(new RunStarted(run, 0, Instant.now(), run, List.of("analyst")));
            runs.listener().onEvent(new AgentStarted(run, 1, Instant.now(), "analyst", 1));
            while (heard.stream().filter(run::equals).count() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
        }
        assertThat(heard).filteredOn(run::equals).hasSize(2);
    }
}
