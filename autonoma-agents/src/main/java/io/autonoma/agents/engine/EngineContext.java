package io.autonoma.agents.engine;

import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.template.TemplateIndex;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link Engine} builds its agents from.
 *
 * @param offlineAgents the offline pipeline's agents (never empty; includes {@code AgentIds.REQUIREMENTS})
 * @param templateIndex the template index of this {@code Autonoma} (archetypes, code examples)
 * @param packs the template packs the offline agents render: their reserved names and extension points
 */
public record EngineContext(List<Agent> offlineAgents, TemplateIndex templateIndex, TemplatePacks packs) {

    public EngineContext {
        offlineAgents = List.copyOf(Objects.requireNonNull(offlineAgents, "offlineAgents"));
        Objects.requireNonNull(templateIndex, "templateIndex");
        Objects.requireNonNull(packs, "packs");
    }

    /** A context of the {@link TemplatePacks#defaults() built-in packs}. */
    public EngineContext(List<Agent> offlineAgents, TemplateIndex templateIndex) {
        this(offlineAgents, templateIndex, TemplatePacks.defaults());
    }
}
