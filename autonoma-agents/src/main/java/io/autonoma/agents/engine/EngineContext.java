package io.autonoma.agents.engine;

import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.agents.verify.Verifier;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.template.TemplateIndex;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Engine} builds its agents from.
 *
 * @param offlineAgents the offline pipeline's agents (never empty; includes {@code AgentIds.REQUIREMENTS})
 * @param templateIndex the template index of this {@code Autonoma} (archetypes, code examples)
 * @param packs the template packs the offline agents render: their reserved names and extension points
 * @param verifier the verifier of the run's verify stage, when it has one: an engine whose agents write code may run the
 *     app's checks on it too (the LLM engine sends their failures back to the model)
 */
public record EngineContext(List<Agent> offlineAgents, TemplateIndex templateIndex, TemplatePacks packs, Optional<Verifier> verifier) {

    public EngineContext {
        offlineAgents = List.copyOf(Objects.requireNonNull(offlineAgents, "offlineAgents"));
        Objects.requireNonNull(templateIndex, "templateIndex");
        Objects.requireNonNull(packs, "packs");
        Objects.requireNonNull(verifier, "verifier");
    }

    /** A context without a verify stage. */
    public EngineContext(List<Agent> offlineAgents, TemplateIndex templateIndex, TemplatePacks packs) {
        this(offlineAgents, templateIndex, packs, Optional.empty());
    }

    /** A context of the {@link TemplatePacks#defaults() built-in packs}. */
    public EngineContext(List<Agent> offlineAgents, TemplateIndex templateIndex) {
        this(offlineAgents, templateIndex, TemplatePacks.defaults());
    }
}
