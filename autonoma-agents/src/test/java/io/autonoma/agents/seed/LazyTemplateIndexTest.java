package io.autonoma.agents.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.template.InMemoryTemplateIndex;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.test.TemplateIndexContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTemplateIndexTest extends TemplateIndexContract {
    @Override
    protected TemplateIndex newIndex() {
        return new LazyTemplateIndex(() -> InMemoryTemplateIndex.builder().build(), "keyword");
    }

    @Test
    void builds_the_real_index_once_on_first_use() {
        AtomicInteger built = new AtomicInteger();
        LazyTemplateIndex lazy = new LazyTemplateIndex(() -> {
            built.incrementAndGet();
            return InMemoryTemplateIndex.builder().build();
        });
        assertThat(lazy.loaded()).isFalse();
        assertThat(built).hasValue(0);
        assertThat(lazy.size()).isZero();
        assertThat(lazy.search("anything", 3)).isEmpty();
        assertThat(lazy.loaded()).isTrue();
        assertThat(built).hasValue(1);
    }
}
