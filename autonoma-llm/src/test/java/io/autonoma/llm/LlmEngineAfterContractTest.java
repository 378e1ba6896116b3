package io.autonoma.llm;

import io.autonoma.agents.architecture.ArchitectureAgent;
import io.autonoma.agents.testkit.ExampleSpecAgentContract;
import io.autonoma.core.pipeline.Agent;

/** An agent the LLM engine makes wait for the business rules behaves like the agent it wraps. */
class LlmEngineAfterContractTest extends ExampleSpecAgentContract {
    @Override
    protected Agent agent() {
        return new LlmEngine.After(new ArchitectureAgent(), LlmCodeAgent.ID);
    }
}
