package io.autonoma.agents.seed;

import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.test.HashingEmbeddingModel;
import io.autonoma.test.TemplateIndexContract;

/**
 * The default index as {@link DefaultTemplateIndex#semantic} builds it (hybrid keyword + vectors, here
 * from a deterministic hashing model), emptied of the seed so that the contract starts from nothing.
 */
class DefaultTemplateIndexContractTest extends TemplateIndexContract {
    @Override
    protected TemplateIndex newIndex() {
        TemplateIndex index = DefaultTemplateIndex.semantic(new HashingEmbeddingModel());
        SeedTemplates.load().stream().map(TemplateEntry::id).forEach(index::remove);
        return index;
    }
}
