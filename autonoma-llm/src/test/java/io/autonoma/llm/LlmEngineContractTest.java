package io.autonoma.llm;

import io.autonoma.agents.engine.Engine;
import io.autonoma.agents.testkit.EngineContract;

/** The LLM engine is an {@link Engine}: the shared contract. */
class LlmEngineContractTest extends EngineContract {

    @Override
    protected Engine engine() {
        return LlmEngine.builder().client(LlmClient.builder().model(new ScriptedChatModel()).build()).closeClient(true).build();
    }
}
