package io.autonoma.core.pipeline;

/** Cooperative cancellation of a run. */
public interface CancellationToken {
    boolean isCancelled();

    /** Throws {@link CancelledException} if the run was cancelled. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancelledException("run was cancelled");
        }
    }
}
