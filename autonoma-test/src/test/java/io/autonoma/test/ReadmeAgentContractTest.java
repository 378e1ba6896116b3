package io.autonoma.test;

import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.util.List;
import java.util.Set;

/** Exercises {@link AgentContract} itself with a small agent that reads the spec and writes a README. */
class ReadmeAgentContractTest extends AgentContract {

    static final class ReadmeAgent implements Agent {
        @Override
        public String name() {
            return "readme";
        }

        @Override
        public Set<String> dependsOn() {
            return Set.of("analyst");
        }

        @Override
        public AgentResult run(AgentContext ctx) {
            AppSpec spec = ctx.spec().orElseThrow(() -> new IllegalStateException("no spec"));
            ctx.log("writing README for " + spec.name());
            ctx.artifacts().write("README.md", "# " + spec.name() + "\n");
            ctx.artifacts().write("docs/entities.md", String.join("\n", spec.entities().stream().map(e -> "- " + e.name()).toList()));
            return AgentResult.of("wrote README");
        }
    }

    @Override
    protected Agent agent() {
        return new ReadmeAgent();
    }

    @Override
    protected GenerationRequest request() {
        return GenerationRequest.builder().projectId("readme").prompt("a todo app").build();
    }

    @Override
    protected Agent stubFor(String name) {
        return TestAgent.of(name, ctx -> AgentResult.of("stub", AgentContext.SPEC_KEY, AppSpec.builder("Todo")
                .entity(new Entity("Task", List.of(Field.builder("title", FieldType.STRING).build()))).build()));
    }
}
