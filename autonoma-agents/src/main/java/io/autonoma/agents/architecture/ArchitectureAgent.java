package io.autonoma.agents.architecture;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.architecture.internal.DocsView;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.render.SpecRenderingAgent;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;

/**
 * Decides the project layout and documents it: writes {@code docs/architecture.md} (components,
 * entity diagram in mermaid, API table) and the project's root {@code README.md}.
 */
public final class ArchitectureAgent extends SpecRenderingAgent {
    private final TemplateRenderer renderer;

    public ArchitectureAgent() {
        this(new TemplateRenderer());
    }

    public ArchitectureAgent(TemplateRenderer renderer) {
        super(AgentIds.ARCHITECTURE, AgentIds.REQUIREMENTS);
        this.renderer = renderer;
    }

    @Override
    public Map<String, String> render(AppSpec spec) {
        return renderer.renderPack("docs", DocsView.of(spec));
    }

    @Override
    protected String summary(AppSpec spec, int fileCount) {
        return "documented " + spec.entities().size() + " entities in docs/architecture.md";
    }
}
