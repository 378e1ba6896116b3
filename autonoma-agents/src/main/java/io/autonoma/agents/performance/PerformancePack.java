package io.autonoma.agents.performance;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.pack.AbstractTemplatePack;
import io.autonoma.agents.pack.PackCheck;
import io.autonoma.agents.pack.PackDescriptor;
import io.autonoma.agents.performance.internal.PerformanceView;

/**
 * The performance choices of the generated app ({@code templates/performance}, rendered by
 * {@link AgentIds#PERFORMANCE}): {@code docs/performance.md} and a bounded, loopback-only load-test script
 * ({@code backend/scripts/load_test.py}) that fails when fewer requests than asked are answered in its time limit.
 */
public final class PerformancePack extends AbstractTemplatePack {
    public static final String NAME = "performance";

    public PerformancePack() {
        super(PackDescriptor.builder(NAME)
                .agent(AgentIds.PERFORMANCE)
                .check(PackCheck.of("load-test", "backend", "python", "scripts/load_test.py", "--base-url", "http://127.0.0.1:8000")
                        .needing("the backend running on 127.0.0.1:8000"))
                .build(), PerformanceView::of,
                (spec, fileCount) -> "load test targets " + PerformanceView.of(spec).entityPath());
    }
}
