package io.autonoma.core.pipeline;

import java.util.Objects;

/**
 * A typed key of a value an agent publishes in its {@link AgentResult#outputs()} and later agents
 * read with {@link AgentContext#output(OutputKey)}: the key's name and the value's type travel
 * together, so publisher and reader cannot disagree. Example: {@link AgentContext#SPEC}.
 *
 * @param name the key in {@link AgentResult#outputs()}; never blank
 * @param type the type of the value
 */
public record OutputKey<T>(String name, Class<T> type) {

    public OutputKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an output key must not be blank");
        }
    }

    public static <T> OutputKey<T> of(String name, Class<T> type) {
        return new OutputKey<>(name, type);
    }

    @Override
    public String toString() {
        return name + ":" + type.getSimpleName();
    }
}
