package io.autonoma.core.pipeline.internal;

import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CancelledException;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationEvent.AgentFailed;
import io.autonoma.core.pipeline.GenerationEvent.AgentFinished;
import io.autonoma.core.pipeline.GenerationEvent.AgentStarted;
import io.autonoma.core.pipeline.GenerationEvent.RunFinished;
import io.autonoma.core.pipeline.GenerationEvent.RunStarted;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.RetryableException;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.spec.AppSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a pipeline: a scheduler driven by dependency counters. No thread waits for another:
 * when an agent finishes, the thread that ran it decrements the counters of its dependents and
 * hands every dependent that reached zero to the executor.
 *
 * <p>Locking: all scheduling state is guarded by {@link #lock}. Events are numbered and queued
 * while that lock is held (so {@code seq} order matches the order of state changes: nothing of an
 * agent after its end, nothing of the run after {@code RunFinished}), and delivered to listeners
 * after it is released ({@link EventDispatcher#drain()}). Agents, listeners and the executor are
 * never called with the lock held.
 *
 * <p>Ending: once the outcome is decided (all agents succeeded, one failed, or {@link #cancel()}),
 * agents that have not started are skipped, running ones see their cancellation token, and the
 * run finishes when no agent is running any more. A timed-out agent is interrupted and no longer
 * counted as running, so a run always ends within one agent timeout of its outcome.
 */
public final class PipelineRun implements RunHandle {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);

    private enum State { PENDING, QUEUED, RUNNING, RETRY_WAIT, SUCCEEDED, FAILED, SKIPPED }

    private final AgentGraph graph;
    private final RunSettings settings;
    private final GenerationRequest request;
    private final String runId;
    private final Budget budget;
    private final EventDispatcher events;
    private final Consumer<PipelineRun> onFinish;
    private final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    private final AtomicReferenceArray<AgentResult> results;
    private final ConcurrentSkipListSet<String> files = new ConcurrentSkipListSet<>();
    private final long startNanos = System.nanoTime();
    private volatile boolean cancelled;

    private final Object lock = new Object();
    // guarded by lock
    private final State[] state;
    private final int[] remaining;
    private final ScheduledFuture<?>[] retryTimers;
    private int succeeded;
    private GenerationResult.Status outcome;
    private String failedAgent;
    private String error;
    private boolean finished;

    public PipelineRun(AgentGraph graph, RunSettings settings, GenerationRequest request, GenerationListener listener,
            Consumer<PipelineRun> onFinish) {
        this.graph = graph;
        this.settings = settings;
        this.request = request;
        String given = request.options().get(CheckpointStore.RUN_ID_OPTION);
        this.runId = given == null || given.isBlank() ? UUID.randomUUID().toString() : given;
        this.budget = request.budget().fresh();
        List<GenerationListener> ls = new ArrayList<>(settings.listeners());
        ls.add(listener);
        this.events = new EventDispatcher(ls);
        this.onFinish = onFinish;
        int n = graph.size();
        this.results = new AtomicReferenceArray<>(n);
        this.state = new State[n];
        this.remaining = new int[n];
        this.retryTimers = new ScheduledFuture<?>[n];
        for (int i = 0; i < n; i++) {
            state[i] = State.PENDING;
            remaining[i] = graph.dependencyCount(i);
        }
    }

    /** Publishes {@code RunStarted} and hands the agents without dependencies to the executor. */
    public void start() {
        AgentResult[] restored = new AgentResult[graph.size()];
        int unreadable = -1;
        String unreadableWhy = null;
        for (int i = 0; i < graph.size() && unreadable < 0; i++) {
            boolean depsRestored = true;
            for (int d : graph.dependencies(i)) {
                depsRestored &= restored[d] != null;
            }
            if (!depsRestored) {
                continue; // a dependency runs again, so this agent must too
            }
            try {
                restored[i] = settings.checkpoints().finished(runId, graph.name(i)).orElse(null);
            } catch (RuntimeException e) {
                unreadable = i;
                unreadableWhy = describe(e);
            }
        }
        List<Integer> ready = new ArrayList<>();
        synchronized (lock) {
            events.enqueue((seq, at) -> new RunStarted(runId, seq, at, request.projectId(), graph.names()));
            if (unreadable >= 0) {
                int i = unreadable;
                String why = unreadableWhy;
                fail(i, "agent '" + graph.name(i) + "' could not be looked up in the checkpoint store: " + why);
                maybeFinish();
            } else {
                for (int i = 0; i < graph.size(); i++) {
                    AgentResult r = restored[i];
                    if (r == null) {
                        continue;
                    }
                    state[i] = State.SUCCEEDED;
                    results.set(i, r);
                    succeeded++;
                    String name = graph.name(i);
                    events.enqueue((seq, at) -> new AgentFinished(runId, seq, at, name, r.summary(), 0));
                    for (int j : graph.dependentsView(i)) {
                        remaining[j]--;
                    }
                }
                for (int i = 0; i < graph.size(); i++) {
                    if (remaining[i] == 0 && state[i] == State.PENDING) {
                        state[i] = State.QUEUED;
                        ready.add(i);
                    }
                }
                maybeFinish(); // every agent restored: the run is already complete
            }
        }
        submitAll(ready);
        events.drain();
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public CompletableFuture<GenerationResult> result() {
        return result;
    }

    @Override
    public void cancel() {
        synchronized (lock) {
            if (outcome != null) {
                return;
            }
            outcome = GenerationResult.Status.CANCELLED;
            error = "run was cancelled";
            stopScheduling();
            maybeFinish();
        }
        events.drain();
    }

    @Override
    public List<GenerationEvent> events() {
        return events.snapshot();
    }

    GenerationRequest request() { return request; }

    Budget budget() { return budget; }

    boolean isCancelled() { return cancelled; }

    RunSettings settings() { return settings; }

    String agentName(int i) { return graph.name(i); }

    EventDispatcher dispatcher() { return events; }

    void recordWrite(String path) { files.add(path); }

    // ---------------------------------------------------------------- scheduling

    private void submitAll(List<Integer> ready) {
        for (int i : ready) {
            submit(i, 1);
        }
    }

    private void submit(int i, int attempt) {
        try {
            settings.executor().execute(() -> runAttempt(i, attempt));
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                if (state[i] == State.QUEUED || state[i] == State.RETRY_WAIT) {
                    state[i] = State.SKIPPED;
                    if (outcome == null) {
                        fail(i, "agent '" + graph.name(i) + "' could not be started: the executor rejected it ("
                                + e.getMessage() + "); was the pipeline or its executor shut down?");
                    }
                    maybeFinish();
                }
            }
            events.drain();
        }
    }

    private void runAttempt(int i, int attemptNo) {
        Attempt a;
        synchronized (lock) {
            if (outcome != null || (state[i] != State.QUEUED && state[i] != State.RETRY_WAIT)) {
                return; // the run ended while this agent waited for a thread
            }
            state[i] = State.RUNNING;
            retryTimers[i] = null;
            a = new Attempt(i, attemptNo, Thread.currentThread());
            events.enqueue((seq, at) -> new AgentStarted(runId, seq, at, graph.name(i), attemptNo));
        }
        events.drain();

        Agent agent = graph.agent(i);
        AgentContext ctx = new RunAgentContext(this, i, a);
        AgentResult r = null;
        Throwable failure = null;
        long t0 = System.nanoTime();
        if (a.arm(() -> onTimeout(a), RunSettings.saturatedNanos(settings.agentTimeout()))) {
            try {
                r = agent.run(ctx);
                if (r == null) {
                    r = AgentResult.of("");
                }
                try {
                    settings.checkpoints().agentFinished(runId, graph.name(i), r);
                } catch (RuntimeException e) {
                    r = null;
                    failure = new AutonomaException("it finished but its checkpoint could not be saved: " + describe(e), e);
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
        boolean reportedHere = a.conclude();
        Thread.interrupted(); // a timeout may have interrupted us; the pool thread must come back clean
        if (!reportedHere) {
            return; // timed out: onTimeout already reported it; the late result is discarded
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        onAttemptDone(i, a, r, failure, millis);
    }

    private void onAttemptDone(int i, Attempt a, AgentResult r, Throwable failure, long millis) {
        String name = graph.name(i);
        List<Integer> ready = new ArrayList<>();
        int retryAttempt = 0;
        long retryDelay = 0;
        synchronized (lock) {
            if (failure == null) {
                state[i] = State.SUCCEEDED;
                results.set(i, r);
                succeeded++;
                AgentResult res = r;
                events.enqueue((seq, at) -> new AgentFinished(runId, seq, at, name, res.summary(), millis));
                if (outcome == null) {
                    for (int j : graph.dependentsView(i)) {
                        if (--remaining[j] == 0 && state[j] == State.PENDING) {
                            state[j] = State.QUEUED;
                            ready.add(j);
                        }
                    }
                }
            } else {
                String why = describe(failure);
                boolean retry = failure instanceof RetryableException && outcome == null
                        && a.number < settings.maxAttempts();
                events.enqueue((seq, at) -> new AgentFailed(runId, seq, at, name, why, a.number, retry));
                if (retry) {
                    state[i] = State.RETRY_WAIT;
                    retryAttempt = a.number + 1;
                    retryDelay = settings.backoffNanos(a.number);
                    LOG.debug("run {}: agent '{}' attempt {} failed ({}); retrying", runId, name, a.number, why);
                    if (retryDelay > 0) {
                        int next = retryAttempt;
                        retryTimers[i] = Timers.get().schedule(() -> submit(i, next), retryDelay, TimeUnit.NANOSECONDS);
                    }
                } else {
                    state[i] = State.FAILED;
                    if (outcome == null) {
                        String msg = failure instanceof RetryableException && a.number > 1
                                ? "agent '" + name + "' failed after " + a.number + " attempts: " + why
                                : "agent '" + name + "' failed: " + why;
                        LOG.warn("run {}: {}", runId, msg, failure);
                        fail(i, msg);
                    } else {
                        LOG.debug("run {}: agent '{}' ended after the run was decided: {}", runId, name, why);
                    }
                }
            }
            maybeFinish();
        }
        submitAll(ready); // before delivering events: dependents start while this thread talks to listeners
        events.drain();
        if (retryAttempt > 0 && retryDelay == 0) {
            submit(i, retryAttempt);
        }
    }

    private void onTimeout(Attempt a) {
        if (!a.timeOut()) {
            return; // finished just in time
        }
        int i = a.index;
        String name = graph.name(i);
        String why = "timed out after " + settings.agentTimeout();
        synchronized (lock) {
            state[i] = State.FAILED;
            events.enqueue((seq, at) -> new AgentFailed(runId, seq, at, name, why, a.number, false));
            if (outcome == null) {
                String msg = "agent '" + name + "' " + why + "; make it faster or raise agentTimeout(...)";
                LOG.warn("run {}: {}", runId, msg);
                fail(i, msg);
            }
            maybeFinish();
        }
        events.drain();
    }

    /** Decides the run failed because of agent {@code i}. Caller holds the lock and has checked {@code outcome == null}. */
    private void fail(int i, String message) {
        outcome = GenerationResult.Status.FAILED;
        failedAgent = graph.name(i);
        error = message;
        stopScheduling();
    }

    /** Caller holds the lock and has just decided the outcome. */
    private void stopScheduling() {
        cancelled = true;
        for (int k = 0; k < state.length; k++) {
            if (state[k] == State.PENDING || state[k] == State.QUEUED) {
                state[k] = State.SKIPPED;
            } else if (state[k] == State.RETRY_WAIT) {
                state[k] = State.SKIPPED;
                if (retryTimers[k] != null) {
                    retryTimers[k].cancel(false);
                    retryTimers[k] = null;
                }
            }
        }
    }

    /** Caller holds the lock. Publishes {@code RunFinished} once the outcome is known and nothing runs any more. */
    private void maybeFinish() {
        if (finished) {
            return;
        }
        if (outcome == null) {
            if (succeeded < graph.size()) {
                return;
            }
            outcome = GenerationResult.Status.SUCCEEDED;
        }
        for (State s : state) {
            if (s == State.RUNNING || s == State.RETRY_WAIT) {
                return;
            }
        }
        finished = true;
        cancelled = true; // late context use (e.g. a leaked sink) is refused from now on
        GenerationResult res = buildResult();
        String status = outcome.name().toLowerCase(java.util.Locale.ROOT);
        String message = outcome == GenerationResult.Status.SUCCEEDED
                ? graph.size() + " agents finished, " + res.files().size() + " files written"
                : error;
        long millis = res.duration().toMillis();
        events.enqueueLast((seq, at) -> new RunFinished(runId, seq, at, status, message, millis), () -> {
            result.complete(res);
            onFinish.accept(this);
        });
    }

    private GenerationResult buildResult() {
        Map<String, AgentResult> byName = new LinkedHashMap<>();
        for (int k = 0; k < graph.size(); k++) {
            AgentResult r = results.get(k);
            if (r != null) {
                byName.put(graph.name(k), r);
            }
        }
        Optional<AppSpec> spec = request.spec();
        for (int k = graph.size() - 1; k >= 0; k--) {
            AgentResult r = results.get(k);
            if (r != null && r.outputs().get(AgentContext.SPEC_KEY) instanceof AppSpec s) {
                spec = Optional.of(s);
                break;
            }
        }
        return new GenerationResult(runId, request.projectId(), outcome, spec, new ArrayList<>(files), byName,
                Optional.ofNullable(failedAgent), Optional.ofNullable(error),
                Duration.ofNanos(System.nanoTime() - startNanos), budget.tokensSpent(), budget.costMicrosSpent());
    }

    /**
     * The value published under {@code key} by the nearest finished transitive dependency of agent
     * {@code i} (the one latest in topological order), if any.
     */
    Optional<Map.Entry<String, Object>> upstreamOutput(int i, String key) {
        int[] anc = graph.ancestorsView(i);
        for (int k = anc.length - 1; k >= 0; k--) {
            AgentResult r = results.get(anc[k]);
            if (r != null) {
                Object v = r.outputs().get(key);
                if (v != null) {
                    return Optional.of(Map.entry(graph.name(anc[k]), v));
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getName() : m;
    }

    @Override
    public String toString() {
        return "PipelineRun[" + runId + ", project " + request.projectId() + "]";
    }

    /**
     * One attempt of one agent. Its small state machine (armed → concluded or timed out) is
     * guarded by its own monitor so that a timeout interrupts the agent's thread only while the
     * agent is still running: once {@link #conclude()} returned, the pool thread is never interrupted.
     */
    static final class Attempt {
        final int index;
        final int number;
        private final Thread thread;
        private ScheduledFuture<?> timeout;
        private boolean concluded;
        private boolean timedOut;

        Attempt(int index, int number, Thread thread) {
            this.index = index;
            this.number = number;
            this.thread = thread;
        }

        /** Starts the timeout clock; false when the attempt already ended (cannot happen before it runs). */
        synchronized boolean arm(Runnable onTimeout, long nanos) {
            if (concluded || timedOut) {
                return false;
            }
            timeout = Timers.get().schedule(onTimeout, nanos, TimeUnit.NANOSECONDS);
            return true;
        }

        /** Called by the agent's thread when {@code run} returned; false if the timeout won. */
        synchronized boolean conclude() {
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (timedOut) {
                return false;
            }
            concluded = true;
            return true;
        }

        /** Called by the timer; true if the agent was still running (it is now interrupted). */
        synchronized boolean timeOut() {
            if (concluded || timedOut) {
                return false;
            }
            timedOut = true;
            thread.interrupt();
            return true;
        }

        synchronized boolean active() {
            return !concluded && !timedOut;
        }

        synchronized boolean isTimedOut() {
            return timedOut;
        }
    }
}
