package io.autonoma.core.pipeline;

import io.autonoma.core.spec.AppSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a run. {@code status} says whether it succeeded; on failure {@code failedAgent}
 * and {@code error} say which agent failed and why. {@code files} lists paths written (sorted).
 */
public record GenerationResult(
        String runId,
        String projectId,
        Status status,
        Optional<AppSpec> spec,
        List<String> files,
        Map<String, AgentResult> agentResults,
        Optional<String> failedAgent,
        Optional<String> error,
        Duration duration,
        long tokensSpent,
        long costMicros) {

    public enum Status { SUCCEEDED, FAILED, CANCELLED }

    public GenerationResult {
        files = files == null ? List.of() : List.copyOf(files);
        agentResults = agentResults == null ? Map.of() : Map.copyOf(agentResults);
        spec = spec == null ? Optional.empty() : spec;
        failedAgent = failedAgent == null ? Optional.empty() : failedAgent;
        error = error == null ? Optional.empty() : error;
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
