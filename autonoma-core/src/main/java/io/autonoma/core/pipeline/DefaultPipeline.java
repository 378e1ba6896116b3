package io.autonoma.core.pipeline;

import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.pipeline.internal.AgentGraph;
import io.autonoma.core.pipeline.internal.DaemonThreadFactory;
import io.autonoma.core.pipeline.internal.PipelineRun;
import io.autonoma.core.pipeline.internal.RunSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The standard {@link Pipeline}: runs a validated DAG of agents on an executor.
 *
 * <ul>
 *   <li><b>Parallelism.</b> An agent is handed to the executor as soon as all of its dependencies
 *       have succeeded; independent agents run at the same time, limited only by the executor.
 *   <li><b>Timeout.</b> Each attempt of each agent gets {@link Builder#agentTimeout(Duration)}; when
 *       it expires the agent's thread is interrupted, its token is cancelled and the run fails with
 *       {@code agent 'x' timed out after PT…S}. Timeouts are not retried.
 *   <li><b>Retries.</b> Only a {@link RetryableException} is retried, up to
 *       {@link Builder#maxAttempts(int)} attempts in total, waiting
 *       {@code retryBackoff * 2^(attempt-1)} (at most one minute) between them. Every failed attempt
 *       publishes {@code AgentFailed} with {@code willRetry} saying whether another one follows.
 *   <li><b>Failure.</b> Any other exception (or exhausted retries) fails the run:
 *       {@link GenerationResult#failedAgent()} names the agent and {@link GenerationResult#error()}
 *       reads {@code agent 'x' failed: <message>}. Agents that have not started never start; running
 *       ones see their {@link CancellationToken} cancelled and may no longer write files.
 *   <li><b>Cancellation.</b> {@link RunHandle#cancel()} works the same way and ends the run with
 *       status {@code CANCELLED}.
 *   <li><b>Ending.</b> The result completes (never exceptionally) after the last running agent has
 *       returned, or timed out, and after {@code RunFinished} was delivered to every listener.
 *   <li><b>Resume.</b> The run id is the request option {@link CheckpointStore#RUN_ID_OPTION} when
 *       present, else a new UUID. With {@link Builder#checkpoints(CheckpointStore)}, an agent whose
 *       checkpoint exists for that run id (and all of whose dependencies were restored too) does not
 *       run again: its checkpointed result is used, and it publishes {@code AgentFinished} with that
 *       summary and duration 0, without {@code AgentStarted}. Every agent that returns successfully is
 *       checkpointed before its dependents start; a checkpoint that cannot be saved fails the agent.
 *   <li><b>Events.</b> {@code RunStarted} first, {@code RunFinished} last, per agent
 *       {@code AgentStarted … AgentFinished|AgentFailed}; {@code seq} is strictly increasing and
 *       listeners are called one at a time in {@code seq} order, on pipeline threads. Keep listeners
 *       fast; a listener that throws is logged and ignored.
 * </ul>
 *
 * <p>Thread-safe: one pipeline may run many requests at once. {@link #close()} cancels the runs in
 * progress and shuts down the executor if the pipeline created it.
 */
public final class DefaultPipeline implements Pipeline, AutoCloseable {
    private final AgentGraph graph;
    private final ArtifactStore store;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final RunSettings settings;
    private final Set<PipelineRun> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DefaultPipeline(Builder b, AgentGraph graph) {
        this.graph = graph;
        this.store = b.store;
        this.ownsExecutor = b.executor == null;
        this.executor = ownsExecutor
                ? Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                        new DaemonThreadFactory("autonoma-agent"))
                : b.executor;
        this.settings = new RunSettings(store, executor, b.agentTimeout, b.maxAttempts, b.retryBackoff, b.listeners,
                b.checkpoints);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a run and returns at once (after {@code RunStarted} was delivered on the calling thread).
     *
     * @throws NullPointerException when {@code request} is null
     * @throws IllegalStateException when the pipeline was closed
     */
    @Override
    public RunHandle run(GenerationRequest request, GenerationListener listener) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            throw new IllegalStateException("this pipeline was closed; build a new one to run more requests");
        }
        PipelineRun run = new PipelineRun(graph, settings, request, listener == null ? e -> {} : listener, active::remove);
        active.add(run);
        run.start();
        return run;
    }

    @Override
    public List<Agent> agents() {
        return graph.agents();
    }

    @Override
    public ArtifactStore store() {
        return store;
    }

    /**
     * Cancels runs in progress and, if this pipeline created its executor, shuts it down (already
     * running agents may finish; their threads are daemons). A caller-supplied executor is left
     * running. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (PipelineRun r : List.copyOf(active)) {
            r.cancel();
        }
        if (ownsExecutor) {
            executor.shutdown();
        }
    }

    @Override
    public String toString() {
        return "DefaultPipeline" + graph.names();
    }

    /** Builds a {@link DefaultPipeline}; {@link #build()} validates everything. */
    public static final class Builder {
        private final List<Agent> agents = new ArrayList<>();
        private final List<GenerationListener> listeners = new ArrayList<>();
        private ArtifactStore store;
        private ExecutorService executor;
        private Duration agentTimeout = Duration.ofMinutes(10);
        private int maxAttempts = 3;
        private Duration retryBackoff = Duration.ofMillis(200);
        private CheckpointStore checkpoints = CheckpointStore.none();

        private Builder() {}

        public Builder agent(Agent agent) {
            agents.add(agent);
            return this;
        }

        public Builder agents(List<? extends Agent> more) {
            Objects.requireNonNull(more, "agents");
            agents.addAll(more);
            return this;
        }

        /** Required: where agents' files go. */
        public Builder store(ArtifactStore store) {
            this.store = store;
            return this;
        }

        /**
         * Where agents run. Optional; by default the pipeline creates a fixed pool of
         * {@code max(2, cores)} daemon threads named {@code autonoma-agent-N} and shuts it down on
         * {@link DefaultPipeline#close()}. A supplied executor is never shut down by the pipeline;
         * it should not run tasks on the submitting thread.
         */
        public Builder executor(ExecutorService executor) {
            this.executor = executor;
            return this;
        }

        /** Limit for one attempt of one agent; default 10 minutes. Must be positive. */
        public Builder agentTimeout(Duration timeout) {
            this.agentTimeout = timeout;
            return this;
        }

        /** Attempts per agent for {@link RetryableException}s, including the first; default 3, at least 1. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Wait before the first retry, doubled for each further one; default 200 ms; zero retries at once. */
        public Builder retryBackoff(Duration backoff) {
            this.retryBackoff = backoff;
            return this;
        }

        /**
         * Where finished agents are recorded so that a run can be resumed (see {@link CheckpointStore}).
         * Optional; by default nothing is recorded and every run starts from scratch.
         */
        public Builder checkpoints(CheckpointStore checkpoints) {
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
            return this;
        }

        /** A listener that receives the events of every run (before the per-run listener). */
        public Builder listener(GenerationListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @throws IllegalArgumentException when no store is set, there are no agents, a name is null,
         *     blank or duplicated, a dependency is unknown (naming the agent and the dependency), the
         *     dependencies form a cycle (the message shows the path, e.g. {@code a -> b -> a}), or a
         *     timeout/attempt/back-off setting is out of range
         */
        public DefaultPipeline build() {
            if (store == null) {
                throw new IllegalArgumentException("a pipeline needs an ArtifactStore; call store(...) before build()");
            }
            if (agentTimeout == null || agentTimeout.isZero() || agentTimeout.isNegative()) {
                throw new IllegalArgumentException("agentTimeout must be positive, was " + agentTimeout);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1 (1 = no retries), was " + maxAttempts);
            }
            if (retryBackoff == null || retryBackoff.isNegative()) {
                throw new IllegalArgumentException("retryBackoff must be zero or positive, was " + retryBackoff);
            }
            AgentGraph graph = AgentGraph.of(agents);
            return new DefaultPipeline(this, graph);
        }
    }
}
