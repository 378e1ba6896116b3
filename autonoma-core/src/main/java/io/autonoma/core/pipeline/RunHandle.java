package io.autonoma.core.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A run in progress. */
public interface RunHandle {
    String runId();

    /**
     * Completes normally with the result for success, failure and cancellation alike; never
     * exceptionally. It completes after {@code RunFinished} has been delivered to the listeners.
     */
    CompletableFuture<GenerationResult> result();

    /** Asks the run to stop: agents not yet started never start, running ones see their token cancelled. */
    void cancel();

    /** Events published so far, in publication order (a snapshot). */
    List<GenerationEvent> events();

    /** Blocks until the run ends. */
    default GenerationResult await() {
        return result().join();
    }
}
