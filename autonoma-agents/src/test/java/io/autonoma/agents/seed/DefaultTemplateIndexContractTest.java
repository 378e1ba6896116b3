package io.autonoma.agents.seed;

import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.test.TemplateIndexContract;

/**
 * The default index as {@link DefaultTemplateIndex#create()} builds it (hybrid, stored seed vectors in
 * front of all-MiniLM-L6-v2), emptied of the seed so that the contract starts from nothing.
 */
class DefaultTemplateIndexContractTest extends TemplateIndexContract {
    @Override
    protected TemplateIndex newIndex() {
        TemplateIndex index = DefaultTemplateIndex.create();
        SeedTemplates.load().stream().map(TemplateEntry::id).forEach(index::remove);
        return index;
    }
}
