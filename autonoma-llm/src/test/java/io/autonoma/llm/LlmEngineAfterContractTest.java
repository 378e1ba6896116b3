package io.autonoma.llm;

import io.autonoma.agents.testkit.ExampleSpecAgentContract;
import io.autonoma.core.pipeline.Agent;

/** An agent the LLM engine makes wait for the business rules behaves like the agent it wraps. */
class LlmEngineAfterContractTest extends ExampleSpecAgentContract {
    @Override
    protected Agent agent() {
        return new LlmEngine.After(new io.autonoma.agents.pack.PackAgent(new io.autonoma.agents.architecture.DocsPack()), java.util.Set.of(io.autonoma.agents.AgentIds.BUSINESS_RULES));
    }
}
