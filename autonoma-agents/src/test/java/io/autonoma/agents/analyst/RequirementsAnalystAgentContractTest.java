package io.autonoma.agents.analyst;

import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.test.AgentContract;

/** The offline analyst, first agent of every pipeline, from a prompt. */
class RequirementsAnalystAgentContractTest extends AgentContract {
    @Override
    protected Agent agent() {
        return new RequirementsAnalystAgent();
    }

    @Override
    protected GenerationRequest request() {
        return GenerationRequest.builder().prompt("A todo app where users keep tasks with a title, a due date and a priority.").build();
    }
}
