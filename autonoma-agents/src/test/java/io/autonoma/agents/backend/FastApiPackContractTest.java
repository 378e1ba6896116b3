package io.autonoma.agents.backend;

import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.testkit.TemplatePackContract;

class FastApiPackContractTest extends TemplatePackContract {
    @Override
    protected TemplatePack pack() {
        return new FastApiPack();
    }
}
