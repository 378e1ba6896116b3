package io.autonoma.agents.frontend;

import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.testkit.ExampleSpecAgentContract;
import io.autonoma.core.pipeline.Agent;

class FrontendAgentContractTest extends ExampleSpecAgentContract {
    @Override
    protected Agent agent() {
        return new PackAgent(new NextJsPack());
    }
}
