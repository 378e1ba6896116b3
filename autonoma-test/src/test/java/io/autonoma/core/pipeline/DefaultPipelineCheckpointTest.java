package io.autonoma.core.pipeline;

import static io.autonoma.test.TestAgent.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.pipeline.GenerationEvent.AgentFinished;
import io.autonoma.core.pipeline.GenerationEvent.AgentStarted;
import io.autonoma.test.TestStores;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** DefaultPipeline with a CheckpointStore: finished agents are recorded, and a resumed run skips them. */
class DefaultPipelineCheckpointTest {
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();

    /** a → b → c, each counting its runs; b publishes an output that c reads. */
    private DefaultPipeline pipeline(CheckpointStore cp) {
        return DefaultPipeline.builder().store(TestStores.mapBacked()).checkpoints(cp).maxAttempts(1).agents(List.of(
                of("a", ctx -> {
                    count("a");
                    ctx.artifacts().write("a.txt", "A");
                    return AgentResult.of("a done", "fromA", "alpha");
                }),
                of("b", ctx -> {
                    count("b");
                    return AgentResult.of("b done", "fromB", ctx.output("fromA", String.class).orElse("?") + "+beta");
                }, "a"),
                of("c", ctx -> {
                    count("c");
                    return AgentResult.of("c saw " + ctx.output("fromB", String.class).orElse("nothing"));
                }, "b"))).build();
    }

    private void count(String agent) {
        runs.computeIfAbsent(agent, k -> new AtomicInteger()).incrementAndGet();
    }

    private int ran(String agent) {
        return runs.getOrDefault(agent, new AtomicInteger()).get();
    }

    private static GenerationRequest request(String runId) {
        GenerationRequest.Builder b = GenerationRequest.builder().projectId("p").prompt("x");
        if (runId != null) b.option(CheckpointStore.RUN_ID_OPTION, runId);
        return b.build();
    }

    @Test
    void every_finished_agent_is_checkpointed_under_the_run_id() {
        GenerationResult r = pipeline(checkpoints).generate(request(null));

        assertThat(r.succeeded()).isTrue();
        for (String agent : List.of("a", "b", "c")) {
            assertThat(checkpoints.finished(r.runId(), agent)).contains(r.agentResults().get(agent));
        }
    }

    @Test
    void the_run_id_comes_from_the_request_option() {
        RunHandle h = pipeline(CheckpointStore.none()).run(request("run-42"));
        assertThat(h.runId()).isEqualTo("run-42");
        assertThat(h.await().runId()).isEqualTo("run-42");
    }

    @Test
    void a_resumed_run_skips_checkpointed_agents_and_feeds_their_outputs_to_the_rest() {
        checkpoints.agentFinished("r1", "a", AgentResult.of("a done", "fromA", "alpha"));
        checkpoints.agentFinished("r1", "b", AgentResult.of("b done", "fromB", "alpha+beta"));

        RunHandle h = pipeline(checkpoints).run(request("r1"));
        GenerationResult r = h.await();

        assertThat(r.succeeded()).isTrue();
        assertThat(ran("a")).isZero();
        assertThat(ran("b")).isZero();
        assertThat(ran("c")).isEqualTo(1);
        assertThat(r.agentResults().get("c").summary()).isEqualTo("c saw alpha+beta");
        assertThat(r.agentResults()).containsKeys("a", "b", "c");
        List<GenerationEvent> events = h.events();
        assertThat(events).filteredOn(e -> e instanceof AgentStarted).extracting(e -> ((AgentStarted) e).agent()).containsExactly("c");
        assertThat(events).filteredOn(e -> e instanceof AgentFinished f && f.durationMillis() == 0 && !f.agent().equals("c"))
                .extracting(e -> ((AgentFinished) e).agent()).containsExactly("a", "b");
    }

    @Test
    void a_checkpointed_agent_whose_dependency_must_run_again_runs_again_too() {
        checkpoints.agentFinished("r2", "b", AgentResult.of("stale b", "fromB", "stale"));

        GenerationResult r = pipeline(checkpoints).generate(request("r2"));

        assertThat(r.succeeded()).isTrue();
        assertThat(List.of(ran("a"), ran("b"), ran("c"))).containsExactly(1, 1, 1);
        assertThat(r.agentResults().get("c").summary()).isEqualTo("c saw alpha+beta");
    }

    @Test
    void a_fully_checkpointed_run_finishes_without_running_anything() {
        for (String agent : List.of("a", "b", "c")) checkpoints.agentFinished("r3", agent, AgentResult.of(agent + " done"));

        GenerationResult r = pipeline(checkpoints).generate(request("r3"));

        assertThat(r.succeeded()).isTrue();
        assertThat(runs).isEmpty();
    }

    @Test
    void a_checkpoint_that_cannot_be_saved_fails_the_agent_clearly() {
        CheckpointStore broken = new CheckpointStore() {
            @Override
            public Optional<AgentResult> finished(String runId, String agent) {
                return Optional.empty();
            }

            @Override
            public void agentFinished(String runId, String agent, AgentResult result) {
                if (agent.equals("b")) throw new IllegalStateException("output 'fromB' cannot be serialised");
            }
        };
        GenerationResult r = pipeline(broken).generate(request(null));

        assertThat(r.succeeded()).isFalse();
        assertThat(r.failedAgent()).contains("b");
        assertThat(r.error().orElseThrow()).contains("agent 'b' failed").contains("checkpoint could not be saved")
                .contains("cannot be serialised");
        assertThat(ran("c")).isZero();
    }

    @Test
    void an_unreadable_checkpoint_store_fails_the_run_naming_the_agent() {
        CheckpointStore down = new CheckpointStore() {
            @Override
            public Optional<AgentResult> finished(String runId, String agent) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public void agentFinished(String runId, String agent, AgentResult result) {}
        };
        GenerationResult r = pipeline(down).generate(request("r4"));

        assertThat(r.succeeded()).isFalse();
        assertThat(r.error().orElseThrow()).contains("agent 'a'").contains("checkpoint store").contains("connection refused");
        assertThat(runs).isEmpty();
    }

    @Test
    void builder_rejects_a_null_checkpoint_store() {
        assertThatThrownBy(() -> DefaultPipeline.builder().checkpoints(null)).isInstanceOf(NullPointerException.class);
    }
}
