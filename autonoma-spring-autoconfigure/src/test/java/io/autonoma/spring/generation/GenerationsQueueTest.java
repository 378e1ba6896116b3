package io.autonoma.spring.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.Autonoma;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Generations with a GenerationQueue: runs go to the queue, are found and listed through it; replicas behave like runs. */
class GenerationsQueueTest {

    /** A queue that keeps replicas in memory and lets the test feed them. */
    static final class FakeQueue implements GenerationQueue {
        final List<GenerationRequest> submitted = new CopyOnWriteArrayList<>();
        final List<Generation.Replica> replicas = new CopyOnWriteArrayList<>();
        final List<String> cancelled = new CopyOnWriteArrayList<>();
        boolean full;

        @Override
        public Generation submit(String owner, String source, String promptNote, GenerationRequest request) {
            if (full) throw new QuotaExceededException("you have 1 generation(s) queued or running", Duration.ofSeconds(3));
            submitted.add(request);
            String id = request.projectId();
            Generation.Replica r = Generation.replica(id, owner, Instant.now(), source, promptNote, () -> cancelled.add(id));
            replicas.add(r);
            return r.generation();
        }

        @Override
        public Optional<Generation> find(String owner, String id) {
            return replicas.stream().map(Generation.Replica::generation).filter(g -> g.id().equals(id) && g.owner().equals(owner)).findFirst();
        }

        @Override
        public List<Generation> list(String owner) {
            return replicas.stream().map(Generation.Replica::generation).filter(g -> g.owner().equals(owner)).toList();
        }

        @Override
        public Optional<String> projectOwner(String projectId) {
            return replicas.stream().map(Generation.Replica::generation).filter(g -> g.id().equals(projectId)).map(Generation::owner).findFirst();
        }
    }

    private final FakeQueue queue = new FakeQueue();
    private final Generations generations = Generations.builder()
            .autonoma(Autonoma.builder().store(new InMemoryArtifactStore()).semanticSearch(false).build())
            .queue(queue).build();

    @Test
    void a_prompt_goes_to_the_queue_checked_with_its_own_project_id_and_is_found_only_by_its_owner() {
        Generation g = generations.start("alice", "a todo app with tasks");

        assertThat(queue.submitted).hasSize(1);
        assertThat(queue.submitted.get(0).projectId()).isEqualTo(g.id());
        assertThat(queue.submitted.get(0).prompt()).contains("todo");
        assertThat(generations.find("alice", g.id())).containsSame(g);
        assertThat(generations.find("bob", g.id())).isEmpty();
        assertThat(generations.list("alice")).containsExactly(g);
        assertThat(generations.list("bob")).isEmpty();
        assertThat(generations.projectOwner(g.id())).hasValue("alice");
        assertThat(generations.list()).as("nothing runs in this JVM").isEmpty();
    }

    @Test
    void a_quota_rejection_reaches_the_caller() {
        queue.full = true;
        assertThatThrownBy(() -> generations.start("alice", "a todo app"))
                .isInstanceOf(QuotaExceededException.class)
                .satisfies(e -> assertThat(((QuotaExceededException) e).retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void a_replica_replays_and_streams_its_events_cancels_through_the_queue_and_ends_once() {
        Generation g = generations.start("alice", "a todo app with tasks");
        Generation.Replica r = queue.replicas.get(0);
        Instant t = Instant.now();
        r.accept(new GenerationEvent.RunStarted(g.id(), 0, t, g.id(), List.of("requirements")));
        r.accept(new GenerationEvent.AgentStarted(g.id(), 1, t, "requirements", 1));

        List<Long> seen = new ArrayList<>();
        g.subscribe(0, e -> seen.add(e.seq()));
        assertThat(seen).containsExactly(1L);
        assertThat(g.agents()).extracting(Generation.AgentState::status).containsExactly(Generation.AgentStatus.RUNNING);

        assertThat(g.cancel()).isTrue();
        assertThat(queue.cancelled).containsExactly(g.id());

        r.accept(new GenerationEvent.RunFinished(g.id(), 2, t, "cancelled", "cancelled by the user", 5));
        r.finish(new GenerationResult(g.id(), g.id(), GenerationResult.Status.CANCELLED, Optional.empty(), List.of(), Map.of(),
                Optional.empty(), Optional.empty(), Duration.ZERO, 0, 0));
        r.accept(new GenerationEvent.AgentStarted(g.id(), 3, t, "requirements", 2));
        assertThat(seen).containsExactly(1L, 2L);
        assertThat(g.status()).isEqualTo(Generation.Status.CANCELLED);
        assertThat(g.cancel()).as("an ended run").isFalse();
    }
}
