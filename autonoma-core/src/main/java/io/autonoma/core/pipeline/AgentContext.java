package io.autonoma.core.pipeline;

import io.autonoma.core.artifact.ArtifactSink;
import io.autonoma.core.spec.AppSpec;
import java.util.List;
import java.util.Optional;

/** What an agent sees while it runs. One context per agent per run. */
public interface AgentContext {

    /** The {@link AppSpec} an agent produced (the analyst publishes it; the pipeline reads it for {@link #spec()}). */
    OutputKey<AppSpec> SPEC = OutputKey.of("app-spec", AppSpec.class);

    /** The name of {@link #SPEC}, for code that works with plain output maps. */
    String SPEC_KEY = SPEC.name();

    GenerationRequest request();

    /** Id of this run (unique per {@link Pipeline#run}). */
    String runId();

    /** The app spec: from an earlier agent's {@link #SPEC_KEY} output, else from the request; empty if neither. */
    Optional<AppSpec> spec();

    /** A value published by a finished agent this one depends on (directly or transitively). */
    <T> Optional<T> output(String key, Class<T> type);

    /** {@link #output(String, Class)} for a typed key. */
    default <T> Optional<T> output(OutputKey<T> key) {
        return output(key.name(), key.type());
    }

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

    /**
     * Publishes a {@code CheckFinished} event: one of the app's own checks ran ({@code status} passed, failed or
     * not_verified). The default implementation reports it as a {@link #report validation report}.
     */
    default void checked(String check, String status, String counts, long durationMillis, String excerpt, String isolation) {
        report(check, "passed".equals(status), "passed".equals(status) ? List.of() : List.of(status + ": " + counts + "\n" + excerpt));
    }

    CancellationToken cancellation();

    Budget budget();
}
