package io.autonoma.agents.security;

import io.autonoma.agents.Autonoma;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.agents.testkit.ExampleSpecAgentContract;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.test.TestAgent;

/**
 * The security agent after the offline engine's code agents; each stub writes what the real agent
 * of its name writes, so the review runs over a whole generated project.
 */
class SecurityAgentContractTest extends ExampleSpecAgentContract {
    @Override
    protected Agent agent() {
        return Autonoma.offlineAgents(DefaultTemplateIndex.keywordOnly()).stream()
                .filter(a -> a.name().equals(io.autonoma.agents.AgentIds.SECURITY.name())).findFirst().orElseThrow();
    }

    @Override
    protected Agent stubFor(String name) {
        Agent real = Autonoma.offlineAgents(DefaultTemplateIndex.keywordOnly()).stream()
                .filter(a -> a.name().equals(name)).findFirst().orElseThrow();
        return TestAgent.of(name, real::run);
    }
}
