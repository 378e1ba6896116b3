package io.autonoma.core.pipeline;

import static io.autonoma.test.TestAgent.noop;
import static io.autonoma.test.TestAgent.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.pipeline.GenerationEvent.AgentFailed;
import io.autonoma.core.pipeline.GenerationEvent.AgentStarted;
import io.autonoma.core.pipeline.GenerationResult.Status;
import io.autonoma.test.PipelineContract;
import io.autonoma.test.TestAgent;
import io.autonoma.test.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DefaultPipelineTest extends PipelineContract {

    @Override
    protected Pipeline newPipeline(Settings s) {
        DefaultPipeline.Builder b = DefaultPipeline.builder()
                .agents(s.agents())
                .store(s.store())
                .agentTimeout(s.agentTimeout())
                .maxAttempts(s.maxAttempts())
                .retryBackoff(s.retryBackoff());
        s.listeners().forEach(b::listener);
        return b.build();
    }

    private static DefaultPipeline.Builder builder(Agent... agents) {
        return DefaultPipeline.builder().agents(List.of(agents)).store(TestStores.mapBacked());
    }

    @Test
    void rejects_missing_store() {
        assertThatThrownBy(() -> DefaultPipeline.builder().agent(noop("a")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ArtifactStore");
    }

    @Test
    void rejects_out_of_range_settings() {
        assertThatThrownBy(() -> builder(noop("a")).maxAttempts(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> builder(noop("a")).agentTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("agentTimeout");
        assertThatThrownBy(() -> builder(noop("a")).retryBackoff(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retryBackoff");
    }

    @Test
    void rejects_agent_with_null_dependencies() {
        Agent broken = new Agent() {
            @Override public String name() { return "broken"; }
            @Override public java.util.Set<String> dependsOn() { return null; }
            @Override public AgentResult run(AgentContext context) { return AgentResult.of(""); }
        };

        assertThatThrownBy(() -> builder(broken).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'broken'").hasMessageContaining("dependsOn");
    }

    @Test
    void runs_agents_on_daemon_threads_named_autonoma_agent_by_default() {
        AtomicReference<Thread> thread = new AtomicReference<>();
        try (DefaultPipeline p = builder(of("a", ctx -> { thread.set(Thread.currentThread()); return AgentResult.of("a"); })).build()) {
            assertThat(await(p.run(request())).status()).isEqualTo(Status.SUCCEEDED);
        }

        assertThat(thread.get().getName()).matches("autonoma-agent-\\d+");
        assertThat(thread.get().isDaemon()).isTrue();
    }

    @Test
    void runs_agents_on_supplied_executor_and_leaves_it_open_on_close() {
        ExecutorService mine = Executors.newFixedThreadPool(2, r -> new Thread(r, "mine"));
        try {
            AtomicReference<String> threadName = new AtomicReference<>();
            DefaultPipeline p = builder(of("a", ctx -> { threadName.set(Thread.currentThread().getName()); return AgentResult.of("a"); }))
                    .executor(mine).build();

            GenerationResult result = await(p.run(request()));
            p.close();

            assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
            assertThat(threadName.get()).isEqualTo("mine");
            assertThat(mine.isShutdown()).isFalse();
        } finally {
            mine.shutdownNow();
        }
    }

    @Test
    void close_cancels_runs_in_progress_and_refuses_new_ones() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        DefaultPipeline p = builder(of("blocker", ctx -> waitForCancellation(ctx, started, sawCancel))).build();
        RunHandle handle = p.run(request());
        awaitLatch(started, "the blocker runs");

        p.close();

        assertThat(await(handle).status()).isEqualTo(Status.CANCELLED);
        assertThat(sawCancel).isTrue();
        assertThatThrownBy(() -> p.run(request())).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void fails_run_naming_agent_when_executor_rejects_it() {
        ExecutorService dead = Executors.newSingleThreadExecutor();
        dead.shutdown();
        DefaultPipeline p = builder(noop("a")).executor(dead).build();

        GenerationResult result = await(p.run(request()));

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.failedAgent()).contains("a");
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("agent 'a'").contains("rejected"));
    }

    @Test
    void waits_with_exponential_backoff_between_attempts() {
        List<Long> starts = java.util.Collections.synchronizedList(new ArrayList<>());
        try (DefaultPipeline p = builder(of("flaky", ctx -> {
            starts.add(System.nanoTime());
            if (starts.size() < 3) throw new RetryableException("503");
            return AgentResult.of("ok");
        })).retryBackoff(Duration.ofMillis(40)).maxAttempts(3).build()) {
            RunHandle handle = p.run(request());

            assertThat(await(handle).status()).isEqualTo(Status.SUCCEEDED);
            assertThat(handle.events()).filteredOn(AgentFailed.class::isInstance).hasSize(2);
        }

        assertThat(starts).hasSize(3);
        assertThat(Duration.ofNanos(starts.get(1) - starts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(40));
        assertThat(Duration.ofNanos(starts.get(2) - starts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(80));
    }

    @Test
    void cancel_during_backoff_ends_the_run_without_another_attempt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch failedOnce = new CountDownLatch(1);
        try (DefaultPipeline p = builder(of("flaky", ctx -> {
            attempts.incrementAndGet();
            throw new RetryableException("429");
        })).retryBackoff(Duration.ofSeconds(30)).maxAttempts(3).build()) {
            RunHandle handle = p.run(request(), e -> { if (e instanceof AgentFailed) failedOnce.countDown(); });
            awaitLatch(failedOnce, "the first attempt failed");

            handle.cancel();
            GenerationResult result = await(handle);

            assertThat(result.status()).isEqualTo(Status.CANCELLED);
            assertThat(attempts).hasValue(1);
        }
    }

    @Test
    void refuses_writes_once_the_run_is_cancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> writeError = new AtomicReference<>();
        try (DefaultPipeline p = builder(of("writer", ctx -> {
            started.countDown();
            while (!ctx.cancellation().isCancelled()) {
                Thread.sleep(2);
            }
            try {
                ctx.artifacts().write("late.txt", "too late");
            } catch (RuntimeException e) {
                writeError.set(e);
            }
            return AgentResult.of("done");
        })).build()) {
            RunHandle handle = p.run(request());
            awaitLatch(started, "the writer runs");
            handle.cancel();
            GenerationResult result = await(handle);

            assertThat(result.status()).isEqualTo(Status.CANCELLED);
            assertThat(result.files()).isEmpty();
            assertThat(writeError.get()).isInstanceOf(CancelledException.class).hasMessageContaining("writer");
            assertThat(p.store().list("contract")).isEmpty();
        }
    }

    @Test
    void runs_many_requests_at_once_independently() {
        List<Agent> agents = new ArrayList<>();
        agents.add(of("root", ctx -> { ctx.artifacts().write("root.txt", ctx.runId()); return AgentResult.of("r"); }));
        for (int i = 0; i < 8; i++) {
            String name = "mid" + i;
            agents.add(of(name, ctx -> { ctx.artifacts().write(name + ".txt", "x"); return AgentResult.of(name); }, "root"));
        }
        agents.add(noop("sink", agents.stream().skip(1).map(Agent::name).toArray(String[]::new)));
        try (DefaultPipeline p = DefaultPipeline.builder().agents(agents).store(TestStores.mapBacked()).build()) {
            List<RunHandle> handles = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                handles.add(p.run(GenerationRequest.builder().projectId("p" + i).prompt("x").build()));
            }
            for (int i = 0; i < handles.size(); i++) {
                RunHandle h = handles.get(i);
                GenerationResult r = await(h);
                assertThat(r.status()).isEqualTo(Status.SUCCEEDED);
                assertThat(r.files()).hasSize(9).contains("root.txt");
                assertThat(p.store().get("p" + i, "root.txt").orElseThrow().text()).isEqualTo(h.runId());
                assertThat(h.events().get(0).seq()).isEqualTo(1);
                assertThat(h.events()).filteredOn(AgentStarted.class::isInstance).hasSize(10);
            }
        }
    }

    @Test
    void timed_out_agent_that_ignores_interrupts_does_not_hold_up_the_result() {
        CountDownLatch release = new CountDownLatch(1);
        try (DefaultPipeline p = builder(of("stubborn", ctx -> {
            while (true) {
                try {
                    if (release.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) return AgentResult.of("freed");
                } catch (InterruptedException ignored) {
                    // a badly behaved agent: swallows the interrupt and keeps waiting
                }
            }
        })).agentTimeout(Duration.ofMillis(100)).build()) {
            GenerationResult result = await(p.run(request()));

            assertThat(result.status()).isEqualTo(Status.FAILED);
            assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("agent 'stubborn' timed out after PT0.1S"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void reports_which_agent_published_an_output_of_the_wrong_type() {
        try (DefaultPipeline p = builder(
                of("analyst", ctx -> AgentResult.of("a", AgentContext.SPEC_KEY, "not a spec")),
                TestAgent.of("backend", ctx -> { ctx.spec(); return AgentResult.of("b"); }, "analyst")).build()) {
            GenerationResult result = await(p.run(request()));

            assertThat(result.failedAgent()).contains("backend");
            assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("'analyst'").contains("AppSpec"));
        }
    }
}
