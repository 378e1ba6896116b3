package io.autonoma.agents.seed;

import io.autonoma.core.template.InMemoryTemplateIndex;
import io.autonoma.core.template.TemplateIndex;

/** Ready-made template indexes holding {@link SeedTemplates#load()}. */
public final class DefaultTemplateIndex {

    private DefaultTemplateIndex() {}

    /**
     * A new hybrid {@link InMemoryTemplateIndex} with the shared all-MiniLM-L6-v2 model
     * ({@link DefaultEmbeddings#allMiniLmL6V2()}) and the seed (plus archetypes, if packaged) added.
     * The seed's vectors come from {@link PrecomputedEmbeddingModel#SEED_RESOURCE}; the model itself is
     * loaded on the first text without a stored vector (every query), which takes a second or two.
     */
    public static TemplateIndex create() {
        TemplateIndex index = InMemoryTemplateIndex.builder()
                .embeddingModel(PrecomputedEmbeddingModel.seed(DefaultEmbeddings::allMiniLmL6V2))
                .build();
        index.addAll(SeedTemplates.load());
        return index;
    }

    /** A new keyword-only {@link InMemoryTemplateIndex} with the seed: no model, instant, for offline tests. */
    public static TemplateIndex keywordOnly() {
        TemplateIndex index = InMemoryTemplateIndex.builder().build();
        index.addAll(SeedTemplates.load());
        return index;
    }
}
