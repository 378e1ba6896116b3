package io.autonoma.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.template.InMemoryTemplateIndex;
import io.autonoma.core.template.TemplateIndex;
import org.junit.jupiter.api.Test;

/** The contract for the keyword-only in-memory index (no embedding model). */
class InMemoryTemplateIndexKeywordTest extends TemplateIndexContract {

    @Override
    protected TemplateIndex newIndex() {
        return InMemoryTemplateIndex.builder().build();
    }

    @Test
    void keyword_only_index_returns_nothing_for_a_query_sharing_no_word() {
        index.addAll(fixture());

        assertThat(index.search("sign in form", 5)).isEmpty();
    }
}
