package io.autonoma.llm;

import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.test.TestAgent;

/** The business-rules agent after a stubbed backend agent that wrote the rules extension point. */
class LlmCodeAgentContractTest extends LlmAgentContract {
    @Override
    protected String answer() {
        return Fixtures.goodRulesAnswer();
    }

    @Override
    protected Agent agent() {
        return LlmCodeAgent.builder().client(client()).extensionPoint(Fixtures.rules()).build();
    }

    @Override
    protected GenerationRequest request() {
        return GenerationRequest.builder().prompt(Fixtures.LIBRARY_PROMPT).spec(Fixtures.librarySpec()).build();
    }

    @Override
    protected Agent stubFor(String name) {
        return TestAgent.of(name, ctx -> {
            ctx.artifacts().write("backend/app/main.py", "from fastapi import FastAPI\n\napp = FastAPI()\n");
            ctx.artifacts().write("backend/app/models/__init__.py", "from app.models.loan import Loan\n");
            ctx.artifacts().write(Fixtures.rules().path(), Fixtures.defaultRulesPy());
            return AgentResult.of("wrote the backend");
        });
    }
}
