package io.autonoma.agents.performance;

import io.autonoma.agents.performance.internal.PerformanceView;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.spec.AppSpec;
import java.util.Set;

/**
 * Documents the performance choices of the generated app in {@code docs/performance.md} and writes
 * a bounded, loopback-only load-test script ({@code backend/scripts/load_test.py}).
 */
public final class PerformanceAgent implements Agent {
    public static final String NAME = "performance";
    private final TemplateRenderer renderer;

    public PerformanceAgent(TemplateRenderer renderer) {
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
        AppSpec spec = ctx.spec().orElseThrow(() -> new AutonomaException("the performance agent needs an app spec"));
        PerformanceView view = PerformanceView.of(spec);
        renderer.renderPack("performance", view).forEach((path, content) -> ctx.artifacts().write(path, content));
        return AgentResult.of("load test targets " + view.entityPath());
    }
}
