package io.autonoma.agents.performance;

import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.testkit.ExampleSpecAgentContract;
import io.autonoma.core.pipeline.Agent;

class PerformanceAgentContractTest extends ExampleSpecAgentContract {
    @Override
    protected Agent agent() {
        return new PerformanceAgent(new TemplateRenderer());
    }
}
