package io.autonoma.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.pipeline.GenerationEvent.AgentFailed;
import io.autonoma.core.pipeline.GenerationEvent.AgentFinished;
import io.autonoma.core.pipeline.GenerationEvent.AgentLog;
import io.autonoma.core.pipeline.GenerationEvent.AgentStarted;
import io.autonoma.core.pipeline.GenerationEvent.ArtifactWritten;
import io.autonoma.core.pipeline.GenerationEvent.RunFinished;
import io.autonoma.core.pipeline.GenerationEvent.RunStarted;
import io.autonoma.test.TestAgent;
import io.autonoma.test.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many runs of random DAGs whose agents randomly write, log, fail transiently or for good, while
 * some runs are cancelled at a random moment. Checks the invariants every run must keep.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DefaultPipelineStressTest {

    @Test
    void keeps_event_and_result_invariants_under_random_failures_and_cancellation() throws Exception {
        Map<GenerationResult.Status, Integer> outcomes = new HashMap<>();
        for (int round = 0; round < 150; round++) {
            Random rnd = new Random(round);
            int n = 4 + rnd.nextInt(10);
            Map<String, Set<String>> deps = new HashMap<>();
            Map<String, AtomicInteger> transientFailures = new ConcurrentHashMap<>();
            List<Agent> agents = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = "a" + i;
                Set<String> d = new TreeSet<>();
                for (int j = 0; j < i; j++) {
                    if (rnd.nextInt(4) == 0) d.add("a" + j);
                }
                deps.put(name, d);
                int behaviour = rnd.nextInt(20);
                int sleep = rnd.nextInt(3);
                transientFailures.put(name, new AtomicInteger(behaviour < 3 ? 1 : 0));
                agents.add(TestAgent.of(name, ctx -> {
                    if (behaviour == 19) throw new IllegalStateException("fatal in " + name);
                    if (transientFailures.get(name).getAndDecrement() > 0) throw new RetryableException("transient in " + name);
                    ctx.log("working");
                    if (sleep > 0) Thread.sleep(sleep);
                    if (!ctx.cancellation().isCancelled()) ctx.artifacts().write(name + ".txt", name);
                    return AgentResult.of(name);
                }, d.toArray(String[]::new)));
            }
            boolean cancel = rnd.nextInt(3) == 0;
            int cancelAfterMicros = rnd.nextInt(3000);
            try (DefaultPipeline p = DefaultPipeline.builder().agents(agents).store(TestStores.mapBacked())
                    .retryBackoff(Duration.ZERO).agentTimeout(Duration.ofSeconds(20)).build()) {
                List<GenerationEvent> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
                RunHandle h = p.run(GenerationRequest.builder().projectId("stress").prompt("x").build(), delivered::add);
                if (cancel) {
                    TimeUnit.MICROSECONDS.sleep(cancelAfterMicros);
                    h.cancel();
                }
                GenerationResult result = h.result().get(30, TimeUnit.SECONDS);
                check(round, h.events(), delivered, deps, result);
                outcomes.merge(result.status(), 1, Integer::sum);
            }
        }
        assertThat(outcomes).as("the random runs cover every outcome").containsKeys(GenerationResult.Status.values());
    }

    private static void check(int round, List<GenerationEvent> events, List<GenerationEvent> delivered,
            Map<String, Set<String>> deps, GenerationResult result) {
        String at = "round " + round + ": " + events;
        assertThat(delivered).as(at).containsExactlyElementsOf(events);
        assertThat(events.get(0)).as(at).isInstanceOf(RunStarted.class);
        assertThat(events).as(at).filteredOn(RunFinished.class::isInstance).hasSize(1);
        RunFinished finished = (RunFinished) events.get(events.size() - 1);
        assertThat(finished.status()).as(at).isEqualTo(result.status().name().toLowerCase());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).seq()).as(at).isEqualTo(i + 1L);
        }
        Map<String, Long> finishedAt = new HashMap<>();
        Map<String, String> phase = new HashMap<>(); // null = idle, "running", "retry", "done"
        for (GenerationEvent e : events) {
            if (e instanceof AgentStarted s) {
                String ph = phase.get(s.agent());
                assertThat(ph == null || ph.equals("retry")).as(at + " start of " + s.agent()).isTrue();
                for (String d : deps.get(s.agent())) {
                    assertThat(finishedAt).as(at + " " + s.agent() + " started before " + d + " finished").containsKey(d);
                }
                phase.put(s.agent(), "running");
            } else if (e instanceof AgentLog l) {
                assertThat(phase.get(l.agent())).as(at).isEqualTo("running");
            } else if (e instanceof ArtifactWritten w) {
                assertThat(phase.get(w.agent())).as(at).isEqualTo("running");
            } else if (e instanceof AgentFinished f) {
                assertThat(phase.get(f.agent())).as(at).isEqualTo("running");
                phase.put(f.agent(), "done");
                finishedAt.put(f.agent(), f.seq());
            } else if (e instanceof AgentFailed f) {
                assertThat(phase.get(f.agent())).as(at).isEqualTo("running");
                phase.put(f.agent(), f.willRetry() ? "retry" : "done");
            }
        }
        assertThat(phase.values()).as(at + " nobody still running at the end").doesNotContain("running");
        if (result.succeeded()) {
            assertThat(finishedAt).as(at).hasSize(deps.size());
            assertThat(result.files()).as(at).hasSize(deps.size());
        } else if (result.status() == GenerationResult.Status.FAILED) {
            assertThat(result.failedAgent()).as(at).isPresent();
            assertThat(result.error()).as(at).hasValueSatisfying(err -> assertThat(err).startsWith("agent '" + result.failedAgent().get() + "'"));
        } else {
            assertThat(result.error()).as(at).isPresent();
        }
        assertThat(result.agentResults().keySet()).as(at).isEqualTo(finishedAt.keySet());
    }
}
