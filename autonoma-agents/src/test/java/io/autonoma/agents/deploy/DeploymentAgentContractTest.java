package io.autonoma.agents.deploy;

import io.autonoma.agents.testkit.TestContext;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.test.AgentContract;

/** The deployment agent behaves like every agent in a real pipeline (requirements stubbed). */
class DeploymentAgentContractTest extends AgentContract {
    @Override
    protected Agent agent() {
        return new DeploymentAgent();
    }

    @Override
    protected GenerationRequest request() {
        return GenerationRequest.builder().spec(TestContext.exampleSpec()).build();
    }
}
