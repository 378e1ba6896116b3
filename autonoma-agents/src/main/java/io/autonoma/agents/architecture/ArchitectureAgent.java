package io.autonoma.agents.architecture;

import io.autonoma.agents.architecture.internal.DocsView;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;
import java.util.Set;

/**
 * Decides the project layout and documents it: writes {@code docs/architecture.md} (components,
 * entity diagram in mermaid, API table) and the project's root {@code README.md}.
 */
public final class ArchitectureAgent implements Agent {
    public static final String NAME = "architecture";
    private final TemplateRenderer renderer;

    public ArchitectureAgent() {
        this(new TemplateRenderer());
    }

    public ArchitectureAgent(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of("requirements");
    }

    @Override
    public AgentResult run(AgentContext ctx) {
        AppSpec spec = ctx.spec().orElseThrow(() -> new AutonomaException(
                "the architecture agent needs an app spec: run the requirements agent first or pass a spec"));
        Map<String, String> files = renderer.renderPack("docs", DocsView.of(spec));
        files.forEach((path, content) -> ctx.artifacts().write(path, content));
        return AgentResult.of("documented " + spec.entities().size() + " entities in docs/architecture.md");
    }
}
