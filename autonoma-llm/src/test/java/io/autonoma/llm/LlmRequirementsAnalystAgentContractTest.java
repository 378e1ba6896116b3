package io.autonoma.llm;

import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.GenerationRequest;

class LlmRequirementsAnalystAgentContractTest extends LlmAgentContract {
    @Override
    protected String answer() {
        return Fixtures.librarySpecJson();
    }

    @Override
    protected Agent agent() {
        return LlmRequirementsAnalystAgent.builder().client(client()).build();
    }

    @Override
    protected GenerationRequest request() {
        return GenerationRequest.builder().prompt(Fixtures.LIBRARY_PROMPT).build();
    }
}
