package io.autonoma.agents.testkit;

import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.test.AgentContract;

/**
 * {@link AgentContract} for an agent that works from the app spec: the request carries the example
 * spec (docs/examples/inventory.app-spec.json), so its stubbed dependencies need publish nothing.
 */
public abstract class ExampleSpecAgentContract extends AgentContract {
    @Override
    protected GenerationRequest request() {
        return GenerationRequest.builder().spec(TestContext.exampleSpec()).build();
    }
}
