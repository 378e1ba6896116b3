package io.autonoma.agents.seed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.autonoma.agents.analyst.Archetypes;
import io.autonoma.agents.analyst.internal.KeywordTemplateIndex;
import io.autonoma.agents.spi.EmbeddingModelProvider;
import io.autonoma.core.template.InMemoryTemplateIndex;
import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The template index Autonoma uses unless it is given one: the seed ({@link SeedTemplates}) and the
 * app archetypes, searched
 * <ul>
 *   <li><b>semantically</b> (keyword + embeddings, {@link InMemoryTemplateIndex}) when an embedding
 *       model is given or one is on the class path ({@link EmbeddingModelProvider}, e.g. the
 *       {@code autonoma-embeddings-all-minilm-l6-v2} module);</li>
 *   <li>else <b>by keyword</b> ({@link #keywordOnly()}): no model, no native code, instant. Archetypes
 *       are matched exactly as the offline analyst's own keyword index matches them, so the analyst
 *       loses nothing without an embedding module.</li>
 * </ul>
 */
public final class DefaultTemplateIndex {

    private DefaultTemplateIndex() {}

    /**
     * The default index, built on first use (so a run whose prompt names its entities never builds it):
     * {@link #semantic(EmbeddingModel)} with the model of {@link #embeddingModelProvider()} when
     * {@code semanticSearch} is true and there is one, else {@link #keywordOnly()}. Its
     * {@code toString()} says which.
     */
    public static LazyTemplateIndex lazy(boolean semanticSearch) {
        Optional<EmbeddingModelProvider> provider = semanticSearch ? embeddingModelProvider() : Optional.empty();
        if (provider.isPresent()) {
            EmbeddingModelProvider p = provider.get();
            return new LazyTemplateIndex(() -> semantic(p.embeddingModel()), "seed, keyword + " + p.name());
        }
        return new LazyTemplateIndex(DefaultTemplateIndex::keywordOnly, "seed, keyword-only");
    }

    /** {@link #semantic(EmbeddingModel)} on first use, for a model given by the application. */
    public static LazyTemplateIndex lazy(EmbeddingModel model) {
        Objects.requireNonNull(model, "model");
        return new LazyTemplateIndex(() -> semantic(model), "seed, keyword + " + model.getClass().getSimpleName());
    }

    /**
     * The first {@link EmbeddingModelProvider} registered on the class path of this library (by class
     * name, so the choice is stable when there are several), or empty.
     */
    public static Optional<EmbeddingModelProvider> embeddingModelProvider() {
        List<EmbeddingModelProvider> found = new ArrayList<>();
        ServiceLoader.load(EmbeddingModelProvider.class, DefaultTemplateIndex.class.getClassLoader()).forEach(found::add);
        return found.stream().min(java.util.Comparator.comparing(p -> p.getClass().getName()));
    }

    /** A new hybrid (keyword + {@code model}) {@link InMemoryTemplateIndex} holding the seed and the archetypes. */
    public static TemplateIndex semantic(EmbeddingModel model) {
        TemplateIndex index = InMemoryTemplateIndex.builder().embeddingModel(model).build();
        index.addAll(SeedTemplates.load());
        return index;
    }

    /**
     * A new keyword-only index holding the seed and the archetypes: no model, instant. Archetypes are
     * the analyst's own ({@link Archetypes#entries()}) in the analyst's keyword index, which scores
     * within the queried collection only, so an archetype search gives what the offline analyst finds
     * without any index.
     */
    public static TemplateIndex keywordOnly() {
        List<TemplateEntry> entries = new ArrayList<>(SeedTemplates.loadSeed(DefaultTemplateIndex.class.getClassLoader()));
        entries.addAll(Archetypes.entries());
        KeywordTemplateIndex index = new KeywordTemplateIndex();
        index.addAll(entries);
        return index;
    }
}
