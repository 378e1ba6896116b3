package io.autonoma.agents.performance;

import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.testkit.TemplatePackContract;

class PerformancePackContractTest extends TemplatePackContract {
    @Override
    protected TemplatePack pack() {
        return new PerformancePack();
    }
}
