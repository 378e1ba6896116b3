package io.autonoma.agents.architecture;

import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.testkit.TemplatePackContract;

class DocsPackContractTest extends TemplatePackContract {
    @Override
    protected TemplatePack pack() {
        return new DocsPack();
    }
}
