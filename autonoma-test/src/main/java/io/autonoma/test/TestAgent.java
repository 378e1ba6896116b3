package io.autonoma.test;

import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** An {@link Agent} made from a lambda, for pipeline tests: {@code TestAgent.of("backend", ctx -> ..., "analyst")}. */
public final class TestAgent implements Agent {

    /** The body of {@link Agent#run}. */
    @FunctionalInterface
    public interface Body {
        AgentResult run(AgentContext context) throws Exception;
    }

    private final String name;
    private final Set<String> dependsOn;
    private final Body body;

    private TestAgent(String name, Set<String> dependsOn, Body body) {
        this.name = name;
        this.dependsOn = dependsOn;
        this.body = Objects.requireNonNull(body, "body");
    }

    public static TestAgent of(String name, Body body, String... dependsOn) {
        return new TestAgent(name, Set.copyOf(new LinkedHashSet<>(Arrays.asList(dependsOn))), body);
    }

    /** An agent that does nothing and reports {@code "ok"}. */
    public static TestAgent noop(String name, String... dependsOn) {
        return of(name, ctx -> AgentResult.of("ok"), dependsOn);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public AgentResult run(AgentContext context) throws Exception {
        return body.run(context);
    }

    @Override
    public String toString() {
        return "TestAgent[" + name + " <- " + dependsOn + "]";
    }
}
