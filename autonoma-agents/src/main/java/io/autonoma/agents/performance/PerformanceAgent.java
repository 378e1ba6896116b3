package io.autonoma.agents.performance;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.performance.internal.PerformanceView;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.render.SpecRenderingAgent;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;

/**
 * Documents the performance choices of the generated app in {@code docs/performance.md} and writes
 * a bounded, loopback-only load-test script ({@code backend/scripts/load_test.py}).
 */
public final class PerformanceAgent extends SpecRenderingAgent {
    private final TemplateRenderer renderer;

    public PerformanceAgent(TemplateRenderer renderer) {
        super(AgentIds.PERFORMANCE, AgentIds.REQUIREMENTS);
        this.renderer = renderer;
    }

    @Override
    public Map<String, String> render(AppSpec spec) {
        return renderer.renderPack("performance", PerformanceView.of(spec));
    }

    @Override
    protected String summary(AppSpec spec, int fileCount) {
        return "load test targets " + PerformanceView.of(spec).entityPath();
    }
}
