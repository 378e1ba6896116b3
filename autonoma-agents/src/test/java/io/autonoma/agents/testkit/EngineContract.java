package io.autonoma.agents.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.Autonoma;
import io.autonoma.agents.engine.Engine;
import io.autonoma.agents.engine.EngineContext;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.template.TemplateIndex;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Engine} must have, as its Javadoc states. An engine's test extends this
 * class and returns a new engine from {@link #engine()} (it is closed after each test).
 */
public abstract class EngineContract {

    /** A new engine; closed by the test that asked for it. */
    protected abstract Engine engine() throws Exception;

    private static EngineContext context() {
        TemplateIndex index = DefaultTemplateIndex.keywordOnly();
        return new EngineContext(Autonoma.offlineAgents(index), index);
    }

    @Test
    void has_a_short_stable_name() throws Exception {
        try (Engine a = engine(); Engine b = engine()) {
            assertThat(a.name()).isNotBlank().doesNotContainAnyWhitespaces().isEqualTo(b.name());
        }
    }

    @Test
    void builds_a_valid_dag_that_keeps_a_requirements_agent() throws Exception {
        try (Engine engine = engine()) {
            List<Agent> agents = engine.agents(context());

            assertThat(agents).isNotEmpty();
            assertThat(agents).anyMatch(AgentIds.REQUIREMENTS::is);
            Set<String> names = new HashSet<>();
            agents.forEach(a -> assertThat(names.add(a.name())).as("duplicate agent %s", a.name()).isTrue());
            try (DefaultPipeline p = DefaultPipeline.builder().store(new InMemoryArtifactStore()).agents(agents).build()) {
                assertThat(p.agents()).hasSameSizeAs(agents);
            }
        }
    }

    @Test
    void replaces_or_adds_agents_but_drops_none_of_the_offline_ones() throws Exception {
        EngineContext context = context();
        try (Engine engine = engine()) {
            assertThat(engine.agents(context)).extracting(Agent::name)
                    .containsAll(context.offlineAgents().stream().map(Agent::name).toList());
        }
    }

    @Test
    void has_a_change_reader_that_refuses_a_blank_request() throws Exception {
        try (Engine engine = engine()) {
            io.autonoma.core.change.ChangeReader reader = engine.changeReader();
            assertThat(reader).isNotNull();
            io.autonoma.core.spec.AppSpec spec = io.autonoma.core.spec.AppSpec.builder("Notes")
                    .entity(new io.autonoma.core.spec.Entity("Note", List.of(io.autonoma.core.spec.Field.builder("title",
                            io.autonoma.core.spec.FieldType.STRING).maxLength(200).build()))).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(spec, "  "))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void can_be_closed_twice() throws Exception {
        Engine engine = engine();
        engine.close();
        engine.close();
        assertThat(engine.name()).isNotBlank();
    }
}
