package io.autonoma.agents.verify;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.testkit.ExampleSpecAgentContract;
import io.autonoma.core.pipeline.Agent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The verify stage behaves like every agent in a real pipeline (its dependencies stubbed, so the project holds no app:
 * it runs no check). A PATH without tools keeps the contract's runs fast and off the network.
 */
class VerifyAgentContractTest extends ExampleSpecAgentContract {
    @Override
    protected Agent agent() {
        Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "autonoma-verify-contract");
        return new VerifyAgent(List.of(AgentIds.SECURITY),
                Verifier.builder().cacheDir(nowhere.resolve("cache")).environment(Map.of("PATH", nowhere.toString())).build());
    }
}
