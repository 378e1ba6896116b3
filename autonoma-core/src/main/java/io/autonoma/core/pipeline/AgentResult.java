package io.autonoma.core.pipeline;

import java.util.Map;

/**
 * What an agent reports when it finishes. {@code outputs} are values later agents read through
 * {@link AgentContext#output(String, Class)} (e.g. the analyst publishes the {@code AppSpec} under
 * {@link AgentContext#SPEC}).
 */
public record AgentResult(String summary, Map<String, Object> outputs) {
    public AgentResult {
        summary = summary == null ? "" : summary;
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }

    public static AgentResult of(String summary) {
        return new AgentResult(summary, Map.of());
    }

    public static AgentResult of(String summary, String key, Object value) {
        return new AgentResult(summary, Map.of(key, value));
    }

    /** A result publishing one typed output. */
    public static <T> AgentResult of(String summary, OutputKey<T> key, T value) {
        return new AgentResult(summary, Map.of(key.name(), key.type().cast(value)));
    }
}
