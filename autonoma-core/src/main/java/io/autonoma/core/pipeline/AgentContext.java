package io.autonoma.core.pipeline;

import io.autonoma.core.artifact.ArtifactSink;
import io.autonoma.core.spec.AppSpec;
import java.util.List;
import java.util.Optional;

/** What an agent sees while it runs. One context per agent per run. */
public interface AgentContext {

    /** Key under which an agent publishes the {@link AppSpec} it produced. */
    String SPEC_KEY = "app-spec";

    GenerationRequest request();

    /** Id of this run (unique per {@link Pipeline#run}). */
    String runId();

    /** The app spec: from an earlier agent's {@link #SPEC_KEY} output, else from the request; empty if neither. */
    Optional<AppSpec> spec();

    /** A value published by a finished agent this one depends on (directly or transitively). */
    <T> Optional<T> output(String key, Class<T> type);

    /** Writes and reads files of this run's project. */
    ArtifactSink artifacts();

    /** Publishes an {@code AgentLog} event. */
    void log(String message);

    /**
     * Publishes a {@code ValidationReport} event: {@code tool} checked this agent's output and found
     * {@code problems} (empty when it passed). The default implementation only logs it, for contexts
     * that cannot publish events.
     */
    default void report(String tool, boolean passed, List<String> problems) {
        log(tool + (passed ? " passed" : " found " + problems.size() + " problem(s): " + String.join("; ", problems)));
    }

    CancellationToken cancellation();

    Budget budget();
}
