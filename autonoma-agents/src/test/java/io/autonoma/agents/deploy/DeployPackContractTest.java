package io.autonoma.agents.deploy;

import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.testkit.TemplatePackContract;

class DeployPackContractTest extends TemplatePackContract {
    @Override
    protected TemplatePack pack() {
        return new DeployPack();
    }
}
