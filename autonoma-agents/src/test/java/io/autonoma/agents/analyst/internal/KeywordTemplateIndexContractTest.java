package io.autonoma.agents.analyst.internal;

import io.autonoma.core.template.TemplateIndex;
import io.autonoma.test.TemplateIndexContract;

/** The offline analyst's own keyword index keeps the TemplateIndex contract. */
class KeywordTemplateIndexContractTest extends TemplateIndexContract {
    @Override
    protected TemplateIndex newIndex() {
        return new KeywordTemplateIndex();
    }
}
