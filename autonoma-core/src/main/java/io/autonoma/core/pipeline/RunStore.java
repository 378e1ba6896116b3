package io.autonoma.core.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * Where runs are recorded so that they can be resumed, in the same JVM or after a crash in a new
 * one: the request each run started with, the agents it finished ({@link #checkpoints()}) and
 * whether it ended ({@link #listener()} sees its events). {@code Autonoma.builder().runs(store)}
 * records every run it starts and resumes them by id; autonoma-store's {@code PostgresRuns} is the
 * durable implementation, {@link InMemoryRunStore} the reference one.
 *
 * <p>Run ids are those of {@link CheckpointStore#RUN_ID_OPTION}. Implementations are thread-safe.
 */
public interface RunStore {

    /**
     * Records that run {@code runId} starts with {@code request}. Recording a known run id again
     * changes nothing (the first request stays), so a resumed run can be recorded like a new one.
     *
     * @throws NullPointerException when an argument is null
     */
    void started(String runId, GenerationRequest request);

    /**
     * The request run {@code runId} was recorded with, its {@link CheckpointStore#RUN_ID_OPTION}
     * option set to {@code runId}: project, prompt, spec and options are equal to the recorded ones;
     * the budget is not recorded ({@link Budget#unlimited()}). Empty for an unknown run id.
     *
     * @throws NullPointerException when {@code runId} is null
     */
    Optional<GenerationRequest> request(String runId);

    /**
     * Recorded runs that have not finished, oldest first: a run counts as finished from its
     * {@code RunFinished} event until its next {@code RunStarted} (a resumed run), as seen by
     * {@link #listener()}. Never null.
     */
    List<String> unfinished();

    /** Where the agents of recorded runs are checkpointed; the pipeline that runs them must use it. */
    CheckpointStore checkpoints();

    /** Must receive every event of every recorded run (it tracks which runs finished). */
    GenerationListener listener();
}
