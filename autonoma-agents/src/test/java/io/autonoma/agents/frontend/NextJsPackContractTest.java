package io.autonoma.agents.frontend;

import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.testkit.TemplatePackContract;

class NextJsPackContractTest extends TemplatePackContract {
    @Override
    protected TemplatePack pack() {
        return new NextJsPack();
    }
}
