package io.autonoma.core.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * Everything a run reports, in order per agent. Consumed by {@link GenerationListener}s and SSE.
 * {@code seq} is a per-run sequence number (strictly increasing in publication order).
 */
public sealed interface GenerationEvent {
    String runId();

    long seq();

    Instant at();

    record RunStarted(String runId, long seq, Instant at, String projectId, List<String> agents) implements GenerationEvent {}

    record AgentStarted(String runId, long seq, Instant at, String agent, int attempt) implements GenerationEvent {}

    record ArtifactWritten(String runId, long seq, Instant at, String agent, String path, int version, long bytes)
            implements GenerationEvent {}

    record AgentLog(String runId, long seq, Instant at, String agent, String message) implements GenerationEvent {}

    record AgentFinished(String runId, long seq, Instant at, String agent, String summary, long durationMillis)
            implements GenerationEvent {}

    /** {@code willRetry} is true when the pipeline will start another attempt. */
    record AgentFailed(String runId, long seq, Instant at, String agent, String error, int attempt, boolean willRetry)
            implements GenerationEvent {}

    record ValidationReport(String runId, long seq, Instant at, String agent, String tool, boolean passed, List<String> problems)
            implements GenerationEvent {}

    /**
     * One check of the app's own tools (the verify stage): {@code status} is passed, failed or not_verified (its
     * toolchain was missing: never a pass); {@code counts} what the tool counted; {@code excerpt} the first failures;
     * {@code isolation} what the sandbox enforced while it ran (e.g. whether the network was cut), empty if it did not run.
     */
    record CheckFinished(String runId, long seq, Instant at, String agent, String check, String status, String counts,
            long durationMillis, String excerpt, String isolation) implements GenerationEvent {}

    /** {@code status} is one of succeeded, failed, cancelled. */
    record RunFinished(String runId, long seq, Instant at, String status, String message, long durationMillis)
            implements GenerationEvent {}
}
