package io.autonoma.agents.testing;

import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.testkit.TemplatePackContract;

class FastApiTestsPackContractTest extends TemplatePackContract {
    @Override
    protected TemplatePack pack() {
        return new FastApiTestsPack();
    }
}
