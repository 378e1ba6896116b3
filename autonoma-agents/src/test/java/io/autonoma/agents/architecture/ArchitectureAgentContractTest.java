package io.autonoma.agents.architecture;

import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.testkit.ExampleSpecAgentContract;
import io.autonoma.core.pipeline.Agent;

class ArchitectureAgentContractTest extends ExampleSpecAgentContract {
    @Override
    protected Agent agent() {
        return new PackAgent(new DocsPack());
    }
}
