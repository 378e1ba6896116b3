package io.autonoma.core.pipeline;

/**
 * Receives the events of a run. Called on pipeline threads; for one agent, events arrive in order.
 * A listener that throws is logged and does not affect the run.
 */
@FunctionalInterface
public interface GenerationListener {
    void onEvent(GenerationEvent event);
}
