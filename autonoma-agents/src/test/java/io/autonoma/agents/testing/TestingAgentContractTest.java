package io.autonoma.agents.testing;

import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.testkit.ExampleSpecAgentContract;
import io.autonoma.core.pipeline.Agent;

class TestingAgentContractTest extends ExampleSpecAgentContract {
    @Override
    protected Agent agent() {
        return new PackAgent(new FastApiTestsPack());
    }
}
