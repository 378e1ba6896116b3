package io.autonoma.agents.extrapack;

import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.testkit.TemplatePackContract;

class EntityNotesPackContractTest extends TemplatePackContract {
    @Override
    protected TemplatePack pack() {
        return new EntityNotesPack();
    }
}
