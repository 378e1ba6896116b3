package io.autonoma.core.pipeline;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The name of an agent in a pipeline, as a value: agents and engines refer to each other through
 * constants of this type (e.g. {@code AgentIds.BACKEND} in autonoma-agents) instead of string
 * literals. {@link Agent#name()} and {@link Agent#dependsOn()} stay strings; {@link #name()} and
 * {@link #names} convert.
 *
 * @param name never null or blank
 */
public record AgentId(String name) {

    public AgentId {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an agent id must not be blank");
        }
    }

    public static AgentId of(String name) {
        return new AgentId(name);
    }

    /** Whether {@code agent} has this id. */
    public boolean is(Agent agent) {
        return name.equals(agent.name());
    }

    /** The names of {@code ids}, for {@link Agent#dependsOn()}. */
    public static Set<String> names(AgentId... ids) {
        return names(Arrays.asList(ids));
    }

    /** The names of {@code ids}, for {@link Agent#dependsOn()}. */
    public static Set<String> names(Collection<AgentId> ids) {
        return ids.stream().map(AgentId::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return name;
    }
}
