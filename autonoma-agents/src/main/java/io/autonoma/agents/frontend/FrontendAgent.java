package io.autonoma.agents.frontend;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.frontend.internal.FrontendView;
import io.autonoma.agents.frontend.internal.FrontendViews;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.render.SpecRenderingAgent;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the Next.js frontend under {@code frontend/} from the {@code frontend-nextjs} template pack:
 * typed API client, Zod schemas, pages per entity, auth, and a browser test
 * ({@code frontend/e2e/crud.spec.mjs}) that knows the spec's entities. Same spec, same bytes.
 */
public final class FrontendAgent extends SpecRenderingAgent {
    public static final String PACK = "frontend-nextjs";
    private final TemplateRenderer renderer;

    public FrontendAgent() {
        this(new TemplateRenderer());
    }

    public FrontendAgent(TemplateRenderer renderer) {
        super(AgentIds.FRONTEND, AgentIds.REQUIREMENTS);
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    @Override
    public Map<String, String> render(AppSpec spec) {
        FrontendView view = FrontendViews.of(Objects.requireNonNull(spec, "spec"));
        return renderer.renderPack(PACK, view);
    }

    @Override
    protected String summary(AppSpec spec, int fileCount) {
        return "wrote " + fileCount + " frontend files for " + spec.entities().size() + " entities";
    }
}
