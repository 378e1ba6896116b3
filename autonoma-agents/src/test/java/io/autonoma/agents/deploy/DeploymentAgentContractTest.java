package io.autonoma.agents.deploy;

import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.testkit.ExampleSpecAgentContract;
import io.autonoma.core.pipeline.Agent;

/** The deployment agent behaves like every agent in a real pipeline (requirements stubbed). */
class DeploymentAgentContractTest extends ExampleSpecAgentContract {
    @Override
    protected Agent agent() {
        return new PackAgent(new DeployPack());
    }
}
