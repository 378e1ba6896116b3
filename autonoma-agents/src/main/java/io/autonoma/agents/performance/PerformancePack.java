package io.autonoma.agents.performance;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.pack.PackCheck;
import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.performance.internal.PerformanceView;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.spec.AppSpec;
import java.util.List;

/**
 * The performance choices of the generated app ({@code templates/performance}, rendered by
 * {@link AgentIds#PERFORMANCE}): {@code docs/performance.md} and a bounded, loopback-only load-test script
 * ({@code backend/scripts/load_test.py}) that fails when fewer requests than asked are answered in its time limit.
 */
public final class PerformancePack implements TemplatePack {
    public static final String NAME = "performance";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AgentId agentId() {
        return AgentIds.PERFORMANCE;
    }

    @Override
    public Object view(AppSpec spec) {
        return PerformanceView.of(spec);
    }

    @Override
    public List<PackCheck> checks() {
        return List.of(PackCheck.of("load-test", "backend", "python", "scripts/load_test.py", "--base-url", "http://127.0.0.1:8000")
                .needing("the backend running on 127.0.0.1:8000"));
    }

    @Override
    public String summary(AppSpec spec, int fileCount) {
        return "load test targets " + PerformanceView.of(spec).entityPath();
    }
}
