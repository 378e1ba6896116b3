package io.autonoma.core.pipeline;

import java.util.Set;

/**
 * One role in a generation pipeline (analyst, backend, frontend…). Implementations must be
 * thread-safe: a pipeline may run several requests at once.
 */
public interface Agent {

    /** Unique, stable name within a pipeline, e.g. {@code "backend"}. Never null or blank. */
    String name();

    /** Names of agents whose results this one reads; they finish before it starts. Empty by default. */
    default Set<String> dependsOn() {
        return Set.of();
    }

    /**
     * Does the work: reads {@link AgentContext#spec()} and earlier artifacts, writes files through
     * {@link AgentContext#artifacts()}. Throwing fails the run, unless the exception is a
     * {@link RetryableException} and retries remain. Should check {@link AgentContext#cancellation()}
     * between long steps.
     */
    AgentResult run(AgentContext context) throws Exception;
}
