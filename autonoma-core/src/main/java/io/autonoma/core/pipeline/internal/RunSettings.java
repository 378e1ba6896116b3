package io.autonoma.core.pipeline.internal;

import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.core.pipeline.GenerationListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/** What every run of one pipeline shares: where agents run and write, and the retry/timeout policy. */
public record RunSettings(
        ArtifactStore store,
        Executor executor,
        Duration agentTimeout,
        int maxAttempts,
        Duration retryBackoff,
        List<GenerationListener> listeners,
        CheckpointStore checkpoints) {

    /** Back-off is capped so a large {@code maxAttempts} never waits absurdly long. */
    static final long MAX_BACKOFF_NANOS = Duration.ofMinutes(1).toNanos();

    public RunSettings {
        listeners = List.copyOf(listeners);
        checkpoints = checkpoints == null ? CheckpointStore.none() : checkpoints;
    }

    /** Settings without checkpoints. */
    public RunSettings(ArtifactStore store, Executor executor, Duration agentTimeout, int maxAttempts, Duration retryBackoff,
            List<GenerationListener> listeners) {
        this(store, executor, agentTimeout, maxAttempts, retryBackoff, listeners, CheckpointStore.none());
    }

    /** Delay before attempt {@code failedAttempt + 1}: {@code retryBackoff * 2^(failedAttempt - 1)}, at most one minute. */
    long backoffNanos(int failedAttempt) {
        long base = saturatedNanos(retryBackoff);
        if (base == 0) {
            return 0;
        }
        int shift = Math.min(failedAttempt - 1, 30);
        long d = base << shift;
        if (d >>> shift != base || d < 0) {
            return MAX_BACKOFF_NANOS;
        }
        return Math.min(d, MAX_BACKOFF_NANOS);
    }

    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
