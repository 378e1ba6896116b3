package io.autonoma.core.pipeline;

import java.util.Optional;

/**
 * Where a pipeline records each agent that finished in a run, so that the run can be resumed after
 * a crash without redoing those agents. A pipeline with a checkpoint store (e.g.
 * {@code DefaultPipeline.builder().checkpoints(store)}):
 * <ul>
 *   <li>takes the run id from the request option {@link #RUN_ID_OPTION} when present (that is how a
 *       run is resumed: the same request with the same run id), else makes a new one;</li>
 *   <li>before scheduling an agent, asks {@link #finished}: a present result is used as that agent's
 *       result (its outputs feed its dependents) and the agent does not run again;</li>
 *   <li>after an agent returned successfully, calls {@link #agentFinished} before its dependents
 *       start; if that throws, the agent counts as failed with the error's message.</li>
 * </ul>
 * Files written by finished agents are already in the {@link io.autonoma.core.artifact.ArtifactStore}.
 * Implementations must be thread-safe and durable when {@link #agentFinished} returns.
 */
public interface CheckpointStore {

    /** Request option carrying the run id to use (and resume). */
    String RUN_ID_OPTION = "autonoma.run-id";

    /** The checkpointed result of {@code agent} in run {@code runId}, or empty if it has not finished there. */
    Optional<AgentResult> finished(String runId, String agent);

    /**
     * Records that {@code agent} finished in run {@code runId} with {@code result}. Recording the same
     * agent twice keeps the first result. Throws (an {@code AutonomaException} saying what to change)
     * when the result cannot be stored, e.g. an output value that cannot be serialised.
     */
    void agentFinished(String runId, String agent, AgentResult result);

    /** A store that remembers nothing: every run starts from scratch (the default). */
    static CheckpointStore none() {
        return NoCheckpoints.INSTANCE;
    }
}

enum NoCheckpoints implements CheckpointStore {
    INSTANCE;

    @Override
    public Optional<AgentResult> finished(String runId, String agent) {
        return Optional.empty();
    }

    @Override
    public void agentFinished(String runId, String agent, AgentResult result) {}
}
