package io.autonoma.core.pipeline;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory reference {@link CheckpointStore}: resumes within one JVM (tests, retries after a failed run). */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<String, Map<String, AgentResult>> runs = new ConcurrentHashMap<>();

    @Override
    public Optional<AgentResult> finished(String runId, String agent) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agent, "agent");
        return Optional.ofNullable(runs.getOrDefault(runId, Map.of()).get(agent));
    }

    @Override
    public void agentFinished(String runId, String agent, AgentResult result) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(result, "result");
        runs.computeIfAbsent(runId, k -> new ConcurrentHashMap<>()).putIfAbsent(agent, result);
    }

    /** Forgets a run's checkpoints. */
    public void clear(String runId) {
        runs.remove(runId);
    }
}
