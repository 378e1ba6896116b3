package io.autonoma.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.security.SecurityAgent;
import io.autonoma.agents.testkit.SandboxContract;
import io.autonoma.agents.testkit.TemplatePackContract;
import io.autonoma.agents.verify.ProcessSandbox;
import io.autonoma.agents.verify.Sandbox;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.test.AgentContract;
import io.autonoma.test.ContractCoverage;
import io.autonoma.test.TemplateIndexContract;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Agent}, {@link TemplateIndex}, {@link TemplatePack} and {@link Sandbox} implementation of this module has a test class
 * that extends its contract ({@link AgentContract}, {@link TemplateIndexContract}, {@link TemplatePackContract}), so a
 * new implementation without one fails here.
 */
class ContractCoverageTest {
    private static final ContractCoverage MODULE = ContractCoverage.of("io.autonoma.agents");

    @Test
    void every_agent_implementation_extends_the_agent_contract() throws Exception {
        Set<String> agents = MODULE.implementations(Agent.class);

        assertThat(agents).contains(SecurityAgent.class.getName(), PackAgent.class.getName(), "io.autonoma.agents.analyst.RequirementsAnalystAgent");
        assertThat(MODULE.covered(AgentContract.class, "agent")).containsAll(agents);
    }

    @Test
    void every_template_pack_extends_the_template_pack_contract() throws Exception {
        Set<String> packs = MODULE.implementations(TemplatePack.class);

        assertThat(packs).contains(FastApiPack.class.getName(), "io.autonoma.agents.frontend.NextJsPack");
        assertThat(MODULE.covered(TemplatePackContract.class, "pack")).containsAll(packs);
    }

    @Test
    void every_template_index_implementation_extends_the_template_index_contract() throws Exception {
        Set<String> indexes = MODULE.implementations(TemplateIndex.class);

        assertThat(indexes).contains("io.autonoma.agents.analyst.internal.KeywordTemplateIndex");
        assertThat(MODULE.covered(TemplateIndexContract.class, "newIndex")).containsAll(indexes);
    }

    @Test
    void every_sandbox_implementation_extends_the_sandbox_contract() throws Exception {
        Set<String> sandboxes = MODULE.implementations(Sandbox.class);

        assertThat(sandboxes).contains(ProcessSandbox.class.getName());
        assertThat(MODULE.covered(SandboxContract.class, "sandbox")).containsAll(sandboxes);
    }
}
