package io.autonoma.test;

import static io.autonoma.test.TestAgent.noop;
import static io.autonoma.test.TestAgent.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationEvent.AgentFailed;
import io.autonoma.core.pipeline.GenerationEvent.AgentFinished;
import io.autonoma.core.pipeline.GenerationEvent.AgentLog;
import io.autonoma.core.pipeline.GenerationEvent.AgentStarted;
import io.autonoma.core.pipeline.GenerationEvent.ArtifactWritten;
import io.autonoma.core.pipeline.GenerationEvent.RunFinished;
import io.autonoma.core.pipeline.GenerationEvent.RunStarted;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.GenerationResult.Status;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.core.pipeline.RetryableException;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link Pipeline} must show. An implementation's test extends this class and
 * implements {@link #newPipeline(Settings)} by mapping {@link Settings} onto its builder; build
 * errors must surface as {@link IllegalArgumentException} from that method.
 *
 * <p>No test sleeps and hopes: concurrency is proven with barriers and latches that fail after a
 * bounded wait ({@link #WAIT}), and every run is awaited with a bound.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class PipelineContract {

    /** Upper bound for any wait in these tests; never reached when the pipeline behaves. */
    protected static final Duration WAIT = Duration.ofSeconds(15);

    /** What a test configures; implementations map it onto their builder. */
    public record Settings(
            List<Agent> agents,
            ArtifactStore store,
            Duration agentTimeout,
            int maxAttempts,
            Duration retryBackoff,
            List<GenerationListener> listeners) {

        public Settings {
            agents = Collections.unmodifiableList(new ArrayList<>(agents)); // may hold nulls on purpose
            listeners = List.copyOf(listeners);
        }

        public static Settings of(Agent... agents) {
            return new Settings(java.util.Arrays.asList(agents), TestStores.mapBacked(), Duration.ofSeconds(30), 3,
                    Duration.ofMillis(1), List.of());
        }

        public Settings agentTimeout(Duration d) { return new Settings(agents, store, d, maxAttempts, retryBackoff, listeners); }
        public Settings maxAttempts(int n) { return new Settings(agents, store, agentTimeout, n, retryBackoff, listeners); }
        public Settings retryBackoff(Duration d) { return new Settings(agents, store, agentTimeout, maxAttempts, d, listeners); }
        public Settings store(ArtifactStore s) { return new Settings(agents, s, agentTimeout, maxAttempts, retryBackoff, listeners); }

        public Settings listener(GenerationListener l) {
            List<GenerationListener> ls = new ArrayList<>(listeners);
            ls.add(l);
            return new Settings(agents, store, agentTimeout, maxAttempts, retryBackoff, ls);
        }
    }

    /** Builds the pipeline under test; throws {@link IllegalArgumentException} for an invalid graph. */
    protected abstract Pipeline newPipeline(Settings settings);

    /** Releases a pipeline after a test; closes it when it is {@link AutoCloseable}. */
    protected void dispose(Pipeline pipeline) throws Exception {
        if (pipeline instanceof AutoCloseable c) {
            c.close();
        }
    }

    private final List<Pipeline> created = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void disposePipelines() throws Exception {
        for (Pipeline p : created) {
            dispose(p);
        }
    }

    protected final Pipeline pipeline(Settings settings) {
        Pipeline p = newPipeline(settings);
        created.add(p);
        return p;
    }

    protected final Pipeline pipeline(Agent... agents) {
        return pipeline(Settings.of(agents));
    }

    protected static GenerationRequest request() {
        return GenerationRequest.builder().projectId("contract").prompt("a todo app").build();
    }

    /** Waits for the result with a bound; the future must complete normally. */
    protected static GenerationResult await(RunHandle handle) {
        try {
            return handle.result().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("run " + handle.runId() + " did not end within " + WAIT + "; events: " + handle.events());
        } catch (Exception e) {
            return fail("the result future must complete normally, but: " + e, e);
        }
    }

    protected static void awaitLatch(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("timed out waiting until " + what);
        }
    }

    /** A cooperative agent body: waits until its token is cancelled (bounded), then reports it. */
    protected static AgentResult waitForCancellation(AgentContext ctx, CountDownLatch started, AtomicBoolean sawCancel)
            throws InterruptedException {
        started.countDown();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!ctx.cancellation().isCancelled()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("token was never cancelled");
            }
            Thread.sleep(2); // polling the token is what a cooperative agent does between steps
        }
        sawCancel.set(true);
        ctx.cancellation().throwIfCancelled();
        return AgentResult.of("unreachable");
    }

    private static AppSpec spec(String name) {
        return AppSpec.builder(name)
                .entity(new Entity("Task", List.of(Field.builder("title", FieldType.STRING).build())))
                .build();
    }

    private static <E extends GenerationEvent> List<E> eventsOf(List<GenerationEvent> events, Class<E> type, String agent) {
        return events.stream().filter(type::isInstance).map(type::cast)
                .filter(e -> agent == null || agent.equals(agentOf(e))).collect(Collectors.toList());
    }

    private static String agentOf(GenerationEvent e) {
        if (e instanceof AgentStarted x) return x.agent();
        if (e instanceof AgentFinished x) return x.agent();
        if (e instanceof AgentFailed x) return x.agent();
        if (e instanceof AgentLog x) return x.agent();
        if (e instanceof ArtifactWritten x) return x.agent();
        if (e instanceof GenerationEvent.ValidationReport x) return x.agent();
        return null;
    }

    private static boolean started(RunHandle h, String agent) {
        return !eventsOf(h.events(), AgentStarted.class, agent).isEmpty();
    }

    // ------------------------------------------------------------------ building

    @Test
    void rejects_cycle_naming_the_path() {
        assertThatThrownBy(() -> pipeline(noop("a", "b"), noop("b", "a"), noop("c")))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("a -> b -> a", "b -> a -> b"));
    }

    @Test
    void rejects_longer_cycle_naming_every_agent_on_it() {
        assertThatThrownBy(() -> pipeline(noop("root"), noop("x", "root", "z"), noop("y", "x"), noop("z", "y")))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .containsAnyOf("x -> z -> y -> x", "z -> y -> x -> z", "y -> x -> z -> y")
                        .doesNotContain("root ->"));
    }

    @Test
    void rejects_agent_depending_on_itself() {
        assertThatThrownBy(() -> pipeline(noop("selfish", "selfish")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("selfish -> selfish");
    }

    @Test
    void rejects_unknown_dependency_naming_agent_and_dependency() {
        assertThatThrownBy(() -> pipeline(noop("backend"), noop("frontend", "backnd")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'frontend'")
                .hasMessageContaining("'backnd'");
    }

    @Test
    void rejects_duplicate_agent_names() {
        assertThatThrownBy(() -> pipeline(noop("backend"), noop("backend")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'backend'");
    }

    @Test
    void rejects_blank_agent_name() {
        assertThatThrownBy(() -> pipeline(noop(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void rejects_pipeline_without_agents() {
        assertThatThrownBy(() -> pipeline(new Settings(List.of(), TestStores.mapBacked(), Duration.ofSeconds(5), 1,
                Duration.ZERO, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lists_agents_in_topological_order() {
        Pipeline p = pipeline(noop("sink", "mid"), noop("mid", "root"), noop("root"), noop("loner"));

        List<String> order = p.agents().stream().map(Agent::name).toList();

        assertThat(order).containsExactlyInAnyOrder("sink", "mid", "root", "loner");
        assertThat(order.indexOf("root")).isLessThan(order.indexOf("mid"));
        assertThat(order.indexOf("mid")).isLessThan(order.indexOf("sink"));
    }

    // ------------------------------------------------------------------ scheduling

    @Test
    void returns_handle_before_agents_finish() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Pipeline p = pipeline(of("gate", ctx -> {
            if (!release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) throw new IllegalStateException("never released");
            return AgentResult.of("released");
        }));

        RunHandle handle = p.run(request());
        boolean doneBeforeRelease = handle.result().isDone();
        release.countDown();

        assertThat(doneBeforeRelease).isFalse();
        assertThat(await(handle).status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void runs_independent_agents_in_parallel() {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        TestAgent.Body meet = ctx -> {
            bothInside.await(WAIT.toMillis(), TimeUnit.MILLISECONDS); // breaks unless the other agent is inside run() too
            return AgentResult.of("met");
        };
        Pipeline p = pipeline(of("left", meet), of("right", meet));

        GenerationResult result = await(p.run(request()));

        assertThat(result.status()).as("error: %s", result.error()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.agentResults()).containsOnlyKeys("left", "right");
    }

    @Test
    void starts_agent_only_after_all_its_dependencies_finished() {
        List<String> trace = Collections.synchronizedList(new ArrayList<>());
        java.util.function.Function<String, TestAgent.Body> body = name -> ctx -> {
            trace.add("start " + name);
            trace.add("end " + name);
            return AgentResult.of(name, name + ".out", name + "-value");
        };
        Pipeline p = pipeline(
                of("sink", ctx -> {
                    trace.add("start sink");
                    String seen = ctx.output("left.out", String.class).orElse("-") + "," + ctx.output("right.out", String.class).orElse("-");
                    return AgentResult.of(seen);
                }, "left", "right"),
                of("left", body.apply("left"), "root"),
                of("right", body.apply("right"), "root"),
                of("root", body.apply("root")));

        GenerationResult result = await(p.run(request()));

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(trace.indexOf("start left")).isGreaterThan(trace.indexOf("end root"));
        assertThat(trace.indexOf("start right")).isGreaterThan(trace.indexOf("end root"));
        assertThat(trace.indexOf("start sink")).isGreaterThan(trace.indexOf("end left")).isGreaterThan(trace.indexOf("end right"));
        assertThat(result.agentResults().get("sink").summary()).isEqualTo("left-value,right-value");
    }

    @Test
    void exposes_outputs_of_transitive_dependencies_only() {
        Map<String, Optional<String>> seen = new ConcurrentHashMap<>();
        Pipeline p = pipeline(
                of("a", ctx -> AgentResult.of("a", "k", "from-a")),
                of("b", ctx -> AgentResult.of("b"), "a"),
                of("c", ctx -> { seen.put("c", ctx.output("k", String.class)); return AgentResult.of("c"); }, "b"),
                of("d", ctx -> { seen.put("d", ctx.output("k", String.class)); return AgentResult.of("d"); }));

        GenerationResult result = await(p.run(request()));

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(seen.get("c")).contains("from-a");
        assertThat(seen.get("d")).isEmpty();
    }

    @Test
    void shows_spec_published_upstream_to_downstream_agents_and_in_result() {
        AppSpec requested = spec("Requested");
        AppSpec published = spec("Published");
        Map<String, Optional<AppSpec>> seen = new ConcurrentHashMap<>();
        Pipeline p = pipeline(
                of("analyst", ctx -> AgentResult.of("analysed", AgentContext.SPEC_KEY, published)),
                of("backend", ctx -> { seen.put("backend", ctx.spec()); return AgentResult.of("b"); }, "analyst"),
                of("docs", ctx -> { seen.put("docs", ctx.spec()); return AgentResult.of("d"); }, "backend"),
                of("other", ctx -> { seen.put("other", ctx.spec()); return AgentResult.of("o"); }));

        GenerationResult result = await(p.run(GenerationRequest.builder().projectId("contract").spec(requested).build()));

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(seen.get("backend")).contains(published);
        assertThat(seen.get("docs")).contains(published);
        assertThat(seen.get("other")).contains(requested);
        assertThat(result.spec()).contains(published);
    }

    @Test
    void uses_request_spec_when_no_agent_publishes_one() {
        AppSpec requested = spec("Requested");
        AtomicReference<Optional<AppSpec>> withSpec = new AtomicReference<>();
        AtomicReference<Optional<AppSpec>> withoutSpec = new AtomicReference<>();

        GenerationResult r1 = await(pipeline(of("a", ctx -> { withSpec.set(ctx.spec()); return AgentResult.of("a"); }))
                .run(GenerationRequest.builder().projectId("contract").spec(requested).build()));
        GenerationResult r2 = await(pipeline(of("a", ctx -> { withoutSpec.set(ctx.spec()); return AgentResult.of("a"); }))
                .run(request()));

        assertThat(withSpec.get()).contains(requested);
        assertThat(r1.spec()).contains(requested);
        assertThat(withoutSpec.get()).isEmpty();
        assertThat(r2.spec()).isEmpty();
    }

    @Test
    void gives_agents_the_request_and_run_id() {
        AtomicReference<GenerationRequest> seenRequest = new AtomicReference<>();
        AtomicReference<String> seenRunId = new AtomicReference<>();
        GenerationRequest request = request();
        RunHandle handle = pipeline(of("a", ctx -> {
            seenRequest.set(ctx.request());
            seenRunId.set(ctx.runId());
            return AgentResult.of("a");
        })).run(request);

        GenerationResult result = await(handle);

        assertThat(seenRequest.get()).isEqualTo(request);
        assertThat(seenRunId.get()).isEqualTo(handle.runId()).isEqualTo(result.runId());
        assertThat(result.projectId()).isEqualTo("contract");
        assertThat(result.duration().isNegative()).isFalse();
        assertThat(result.failedAgent()).isEmpty();
        assertThat(result.error()).isEmpty();
    }

    // ------------------------------------------------------------------ files and budget

    @Test
    void lists_files_written_in_this_run_sorted_and_attributes_them_to_the_agent() {
        ArtifactStore store = TestStores.mapBacked();
        store.put("contract", "old.txt", "from an earlier run", "user");
        Pipeline p = pipeline(Settings.of(
                of("first", ctx -> {
                    ctx.artifacts().write("b/z.txt", "z");
                    ctx.artifacts().write("a.txt", "one");
                    return AgentResult.of("wrote");
                }),
                of("second", ctx -> {
                    assertThat(ctx.artifacts().read("a.txt")).map(Artifact::text).contains("one");
                    ctx.artifacts().write("./a.txt", "two");
                    ctx.artifacts().write("b/a.txt", "a");
                    return AgentResult.of("wrote");
                }, "first")).store(store));

        RunHandle handle = p.run(request());
        GenerationResult result = await(handle);

        assertThat(result.status()).as("error: %s", result.error()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.files()).containsExactly("a.txt", "b/a.txt", "b/z.txt");
        assertThat(store.get("contract", "a.txt")).hasValueSatisfying(a -> {
            assertThat(a.text()).isEqualTo("two");
            assertThat(a.version()).isEqualTo(2);
            assertThat(a.producedBy()).isEqualTo("second");
        });
        assertThat(store.get("contract", "b/z.txt").map(Artifact::producedBy)).contains("first");
        assertThat(eventsOf(handle.events(), ArtifactWritten.class, "second"))
                .extracting(ArtifactWritten::path, ArtifactWritten::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.txt", 2), org.assertj.core.groups.Tuple.tuple("b/a.txt", 1));
    }

    @Test
    void fails_run_naming_agent_that_writes_unsafe_path() {
        ArtifactStore store = TestStores.mapBacked();
        Pipeline p = pipeline(Settings.of(of("evil", ctx -> {
            ctx.artifacts().write("../../etc/passwd", "root::0:0");
            return AgentResult.of("escaped");
        })).store(store));

        GenerationResult result = await(p.run(request()));

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.failedAgent()).contains("evil");
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).startsWith("agent 'evil' failed: ").contains("unsafe path"));
        assertThat(store.list("contract")).isEmpty();
        assertThat(result.files()).isEmpty();
    }

    @Test
    void shares_one_fresh_budget_per_run() {
        Budget caps = Budget.of(1_000, 1_000);
        TestAgent.Body spend = ctx -> {
            ctx.budget().charge(10, 5);
            return AgentResult.of("spent");
        };
        Pipeline p = pipeline(of("a", spend), of("b", spend), of("c", spend, "a", "b"));
        GenerationRequest request = GenerationRequest.builder().projectId("contract").prompt("x").budget(caps).build();

        GenerationResult first = await(p.run(request));
        GenerationResult second = await(p.run(request));

        assertThat(first.tokensSpent()).isEqualTo(30);
        assertThat(first.costMicros()).isEqualTo(15);
        assertThat(second.tokensSpent()).isEqualTo(30);
        assertThat(caps.tokensSpent()).isZero();
    }

    @Test
    void fails_run_naming_agent_that_exceeds_the_budget() {
        Pipeline p = pipeline(of("spender", ctx -> {
            ctx.budget().charge(11, 0);
            return AgentResult.of("spent");
        }));

        GenerationResult result = await(p.run(GenerationRequest.builder().projectId("contract").prompt("x")
                .budget(Budget.of(10, 10)).build()));

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.failedAgent()).contains("spender");
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("agent 'spender'").contains("budget"));
        assertThat(result.tokensSpent()).isEqualTo(11);
    }

    // ------------------------------------------------------------------ failures

    @Test
    void fails_run_naming_the_agent_on_non_retryable_failure() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean downstreamStarted = new AtomicBoolean();
        Pipeline p = pipeline(
                of("backend", ctx -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("database template missing");
                }),
                of("frontend", ctx -> { downstreamStarted.set(true); return AgentResult.of("f"); }, "backend"));

        RunHandle handle = p.run(request());
        GenerationResult result = await(handle);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failedAgent()).contains("backend");
        assertThat(result.error()).contains("agent 'backend' failed: database template missing");
        assertThat(attempts).hasValue(1);
        assertThat(downstreamStarted).isFalse();
        assertThat(started(handle, "frontend")).isFalse();
        assertThat(eventsOf(handle.events(), AgentFailed.class, "backend"))
                .singleElement().satisfies(f -> {
                    assertThat(f.willRetry()).isFalse();
                    assertThat(f.error()).contains("database template missing");
                });
        assertThat(eventsOf(handle.events(), RunFinished.class, null)).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo("failed"));
    }

    @Test
    void retries_retryable_failure_then_succeeds() {
        AtomicInteger attempts = new AtomicInteger();
        Pipeline p = pipeline(Settings.of(of("flaky", ctx -> {
            if (attempts.incrementAndGet() < 3) throw new RetryableException("rate limited (429)");
            return AgentResult.of("third time lucky");
        })).maxAttempts(3));

        RunHandle handle = p.run(request());
        GenerationResult result = await(handle);

        assertThat(result.status()).as("error: %s", result.error()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.agentResults().get("flaky").summary()).isEqualTo("third time lucky");
        assertThat(eventsOf(handle.events(), AgentStarted.class, "flaky")).extracting(AgentStarted::attempt).containsExactly(1, 2, 3);
        assertThat(eventsOf(handle.events(), AgentFailed.class, "flaky"))
                .extracting(AgentFailed::attempt, AgentFailed::willRetry)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, true), org.assertj.core.groups.Tuple.tuple(2, true));
        assertThat(eventsOf(handle.events(), AgentFinished.class, "flaky")).hasSize(1);
    }

    @Test
    void fails_run_when_retries_are_exhausted() {
        AtomicInteger attempts = new AtomicInteger();
        Pipeline p = pipeline(Settings.of(of("flaky", ctx -> {
            attempts.incrementAndGet();
            throw new RetryableException("rate limited (429)");
        })).maxAttempts(2));

        RunHandle handle = p.run(request());
        GenerationResult result = await(handle);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.failedAgent()).contains("flaky");
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).startsWith("agent 'flaky' failed").contains("rate limited (429)"));
        assertThat(attempts).hasValue(2);
        assertThat(eventsOf(handle.events(), AgentFailed.class, "flaky"))
                .extracting(AgentFailed::attempt, AgentFailed::willRetry)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, true), org.assertj.core.groups.Tuple.tuple(2, false));
    }

    @Test
    void fails_run_when_agent_times_out_and_interrupts_it() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicBoolean downstreamStarted = new AtomicBoolean();
        Pipeline p = pipeline(Settings.of(
                of("slow", ctx -> {
                    try {
                        new CountDownLatch(1).await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                    return AgentResult.of("too late");
                }),
                of("after", ctx -> { downstreamStarted.set(true); return AgentResult.of("a"); }, "slow"))
                .agentTimeout(Duration.ofMillis(200)));

        RunHandle handle = p.run(request());
        GenerationResult result = await(handle);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.failedAgent()).contains("slow");
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).contains("agent 'slow' timed out after PT0.2S"));
        awaitLatch(interrupted, "the timed-out agent's thread is interrupted");
        assertThat(downstreamStarted).isFalse();
        assertThat(eventsOf(handle.events(), AgentFailed.class, "slow")).singleElement()
                .satisfies(f -> assertThat(f.willRetry()).isFalse());
    }

    @Test
    void failure_cancels_running_agents_and_skips_waiting_ones() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        AtomicBoolean lateStarted = new AtomicBoolean();
        Pipeline p = pipeline(
                of("slowpoke", ctx -> waitForCancellation(ctx, slowStarted, sawCancel)),
                of("broken", ctx -> {
                    awaitLatch(slowStarted, "slowpoke runs");
                    throw new IllegalArgumentException("bad template");
                }),
                of("late", ctx -> { lateStarted.set(true); return AgentResult.of("l"); }, "slowpoke"));

        RunHandle handle = p.run(request());
        GenerationResult result = await(handle);

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.failedAgent()).contains("broken");
        assertThat(result.error()).contains("agent 'broken' failed: bad template");
        assertThat(sawCancel).isTrue();
        assertThat(lateStarted).isFalse();
        assertThat(started(handle, "late")).isFalse();
    }

    // ------------------------------------------------------------------ cancellation

    @Test
    void cancel_signals_running_agents_and_never_starts_waiting_ones() throws Exception {
        CountDownLatch blockerStarted = new CountDownLatch(1);
        AtomicBoolean sawCancel = new AtomicBoolean();
        AtomicBoolean waiterStarted = new AtomicBoolean();
        Pipeline p = pipeline(
                of("blocker", ctx -> waitForCancellation(ctx, blockerStarted, sawCancel)),
                of("waiter", ctx -> { waiterStarted.set(true); return AgentResult.of("w"); }, "blocker"));

        RunHandle handle = p.run(request());
        awaitLatch(blockerStarted, "the blocker runs");
        handle.cancel();
        GenerationResult result = await(handle);

        assertThat(result.status()).isEqualTo(Status.CANCELLED);
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e).isNotBlank());
        assertThat(sawCancel).isTrue();
        assertThat(waiterStarted).isFalse();
        assertThat(started(handle, "waiter")).isFalse();
        assertThat(eventsOf(handle.events(), RunFinished.class, null)).singleElement()
                .satisfies(f -> assertThat(f.status()).isEqualTo("cancelled"));
    }

    @Test
    void cancel_after_the_run_ended_changes_nothing() {
        RunHandle handle = pipeline(noop("a")).run(request());
        GenerationResult before = await(handle);

        handle.cancel();

        assertThat(before.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(await(handle).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(eventsOf(handle.events(), RunFinished.class, null)).hasSize(1);
    }

    // ------------------------------------------------------------------ events

    @Test
    void publishes_events_in_order_per_agent_with_increasing_seq() {
        List<GenerationEvent> received = Collections.synchronizedList(new ArrayList<>());
        Pipeline p = pipeline(
                of("root", ctx -> {
                    ctx.log("planning");
                    ctx.artifacts().write("root.txt", "r");
                    return AgentResult.of("root done");
                }),
                of("left", ctx -> { ctx.artifacts().write("left.txt", "l"); ctx.log("left"); return AgentResult.of("l"); }, "root"),
                of("right", ctx -> { ctx.log("right"); ctx.artifacts().write("right.txt", "r"); return AgentResult.of("r"); }, "root"));

        RunHandle handle = p.run(request(), received::add);
        GenerationResult result = await(handle);
        List<GenerationEvent> events = handle.events();

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(received).as("listener saw every event, RunFinished included, before the result completed")
                .containsExactlyElementsOf(events);
        assertThat(events.get(0)).isInstanceOf(RunStarted.class);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(RunFinished.class,
                f -> assertThat(f.status()).isEqualTo("succeeded"));
        assertThat(events).extracting(GenerationEvent::runId).containsOnly(handle.runId());
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).seq()).as("seq of event %d", i).isGreaterThan(events.get(i - 1).seq());
        }
        for (String agent : List.of("root", "left", "right")) {
            List<GenerationEvent> mine = events.stream().filter(e -> agent.equals(agentOf(e))).toList();
            assertThat(mine.get(0)).isInstanceOf(AgentStarted.class);
            assertThat(mine.get(mine.size() - 1)).isInstanceOf(AgentFinished.class);
            assertThat(mine.subList(1, mine.size() - 1)).hasSize(2)
                    .allMatch(e -> e instanceof ArtifactWritten || e instanceof AgentLog);
        }
        long rootFinished = eventsOf(events, AgentFinished.class, "root").get(0).seq();
        assertThat(eventsOf(events, AgentStarted.class, "left").get(0).seq()).isGreaterThan(rootFinished);
        assertThat(eventsOf(events, AgentStarted.class, "right").get(0).seq()).isGreaterThan(rootFinished);
        assertThat(eventsOf(events, AgentLog.class, "root")).extracting(AgentLog::message).containsExactly("planning");
    }

    @Test
    void publishes_validation_reports_between_the_agents_start_and_finish() {
        Pipeline p = pipeline(of("checker", ctx -> {
            ctx.report("tree-sitter", false, List.of("a.py:1:1: syntax error"));
            ctx.report("tree-sitter", true, List.of());
            return AgentResult.of("checked");
        }));
        RunHandle handle = p.run(request());
        assertThat(await(handle).status()).isEqualTo(Status.SUCCEEDED);
        List<GenerationEvent.ValidationReport> reports = eventsOf(handle.events(), GenerationEvent.ValidationReport.class, "checker");
        assertThat(reports).extracting(GenerationEvent.ValidationReport::tool, GenerationEvent.ValidationReport::passed,
                        GenerationEvent.ValidationReport::problems)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tree-sitter", false, List.of("a.py:1:1: syntax error")),
                        org.assertj.core.groups.Tuple.tuple("tree-sitter", true, List.of()));
        long started = eventsOf(handle.events(), AgentStarted.class, "checker").get(0).seq();
        long finished = eventsOf(handle.events(), AgentFinished.class, "checker").get(0).seq();
        assertThat(reports).allSatisfy(r -> assertThat(r.seq()).isBetween(started, finished));
    }

    @Test
    void ignores_listeners_that_throw() {
        List<GenerationEvent> received = Collections.synchronizedList(new ArrayList<>());
        Pipeline p = pipeline(Settings.of(noop("a"), noop("b", "a"))
                .listener(e -> { throw new IllegalStateException("broken global listener"); }));

        RunHandle handle = p.run(request(), e -> {
            received.add(e);
            throw new IllegalStateException("broken run listener");
        });
        GenerationResult result = await(handle);

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(received).containsExactlyElementsOf(handle.events());
        assertThat(received.get(received.size() - 1)).isInstanceOf(RunFinished.class);
    }

    @Test
    void delivers_events_to_global_listeners_too() {
        List<GenerationEvent> global = Collections.synchronizedList(new ArrayList<>());
        Pipeline p = pipeline(Settings.of(noop("a")).listener(global::add));

        RunHandle first = p.run(request());
        await(first);
        RunHandle second = p.run(request());
        await(second);

        List<GenerationEvent> expected = new ArrayList<>(first.events());
        expected.addAll(second.events());
        assertThat(global).containsExactlyElementsOf(expected);
    }

    @Test
    void events_snapshot_is_not_changed_by_the_run_going_on() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RunHandle handle = pipeline(of("gate", ctx -> {
            awaitLatch(release, "released");
            return AgentResult.of("g");
        })).run(request());

        List<GenerationEvent> early = handle.events();
        int size = early.size();
        release.countDown();
        await(handle);

        assertThat(early).hasSize(size);
        assertThat(handle.events()).hasSizeGreaterThan(size);
    }
}
