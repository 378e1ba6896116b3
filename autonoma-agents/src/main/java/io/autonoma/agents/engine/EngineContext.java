package io.autonoma.agents.engine;

import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.template.TemplateIndex;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link Engine} builds its agents from.
 *
 * @param offlineAgents the offline pipeline's agents (never empty; includes {@code AgentIds.REQUIREMENTS})
 * @param templateIndex the template index of this {@code Autonoma} (archetypes, code examples)
 */
public record EngineContext(List<Agent> offlineAgents, TemplateIndex templateIndex) {

    public EngineContext {
        offlineAgents = List.copyOf(Objects.requireNonNull(offlineAgents, "offlineAgents"));
        Objects.requireNonNull(templateIndex, "templateIndex");
    }
}
