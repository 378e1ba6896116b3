package io.autonoma.agents.backend;

import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.testkit.ExampleSpecAgentContract;
import io.autonoma.core.pipeline.Agent;

class BackendAgentContractTest extends ExampleSpecAgentContract {
    @Override
    protected Agent agent() {
        return new PackAgent(new FastApiPack());
    }
}
