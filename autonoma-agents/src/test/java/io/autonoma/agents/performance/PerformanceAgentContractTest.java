package io.autonoma.agents.performance;

import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.testkit.ExampleSpecAgentContract;
import io.autonoma.core.pipeline.Agent;

class PerformanceAgentContractTest extends ExampleSpecAgentContract {
    @Override
    protected Agent agent() {
        return new PackAgent(new io.autonoma.agents.performance.PerformancePack());
    }
}
