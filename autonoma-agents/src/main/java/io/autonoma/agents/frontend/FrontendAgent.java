package io.autonoma.agents.frontend;

import io.autonoma.agents.frontend.internal.FrontendView;
import io.autonoma.agents.frontend.internal.FrontendViews;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the Next.js frontend under {@code frontend/} from the {@code frontend-nextjs} template pack:
 * typed API client, Zod schemas, pages per entity, auth, and a browser test
 * ({@code frontend/e2e/crud.spec.mjs}) that knows the spec's entities. Same spec, same bytes.
 */
public final class FrontendAgent implements Agent {
    public static final String NAME = "frontend";
    public static final String PACK = "frontend-nextjs";
    private final TemplateRenderer renderer;

    public FrontendAgent() {
        this(new TemplateRenderer());
    }

    public FrontendAgent(TemplateRenderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
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
                "the frontend agent needs an app spec: run the requirements agent first or pass a spec"));
        Map<String, String> files = render(spec);
        for (Map.Entry<String, String> file : files.entrySet()) {
            ctx.cancellation().throwIfCancelled();
            ctx.artifacts().write(file.getKey(), file.getValue());
        }
        return AgentResult.of("wrote " + files.size() + " frontend files for " + spec.entities().size() + " entities");
    }

    /** Renders the pack: output path (under {@code frontend/}) → content, in pack order. */
    public Map<String, String> render(AppSpec spec) {
        FrontendView view = FrontendViews.of(Objects.requireNonNull(spec, "spec"));
        return renderer.renderPack(PACK, view);
    }
}
