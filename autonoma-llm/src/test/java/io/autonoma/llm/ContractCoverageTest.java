package io.autonoma.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.pipeline.Agent;
import io.autonoma.test.AgentContract;
import io.autonoma.test.ContractCoverage;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every {@link Agent} implementation of this module has a test class that extends {@link AgentContract}. */
class ContractCoverageTest {

    @Test
    void every_agent_implementation_extends_the_agent_contract() throws Exception {
        ContractCoverage module = ContractCoverage.of("io.autonoma.llm");
        Set<String> agents = module.implementations(Agent.class);

        assertThat(agents).contains(LlmCodeAgent.class.getName(), LlmRequirementsAnalystAgent.class.getName(), "io.autonoma.llm.LlmEngine$After");
        assertThat(module.covered(AgentContract.class, "agent")).containsAll(agents);
    }
}
