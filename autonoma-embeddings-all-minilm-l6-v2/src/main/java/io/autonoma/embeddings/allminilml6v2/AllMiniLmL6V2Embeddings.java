package io.autonoma.embeddings.allminilml6v2;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.autonoma.agents.spi.EmbeddingModelProvider;

/**
 * Semantic template search for Autonoma: langchain4j's in-process all-MiniLM-L6-v2 (384 dimensions,
 * ONNX Runtime, no network). Registered as an {@link EmbeddingModelProvider}, so adding this module to
 * the class path is all it takes for {@code Autonoma.builder()} (and the Spring starter) to search
 * templates and archetypes by meaning as well as by keyword.
 *
 * <p>The model is created on first use (a few seconds) and shared; the seed's own texts are answered
 * from stored vectors ({@link PrecomputedEmbeddingModel}), so only queries need the model.
 */
public final class AllMiniLmL6V2Embeddings implements EmbeddingModelProvider {
    /** The model's name. */
    public static final String NAME = "all-MiniLM-L6-v2";

    private static volatile EmbeddingModel allMiniLm;

    /** For {@link java.util.ServiceLoader}; cheap (loads nothing). */
    public AllMiniLmL6V2Embeddings() {}

    @Override
    public String name() {
        return NAME;
    }

    /** The seed's stored vectors in front of the {@link #shared()} model (created on the first text without one). */
    @Override
    public EmbeddingModel embeddingModel() {
        return PrecomputedEmbeddingModel.seed(AllMiniLmL6V2Embeddings::shared);
    }

    /**
     * The shared all-MiniLM-L6-v2 model, created on the first call; thread-safe. If creation fails the
     * error propagates and the next call tries again.
     */
    public static EmbeddingModel shared() {
        EmbeddingModel m = allMiniLm;
        if (m == null) {
            synchronized (AllMiniLmL6V2Embeddings.class) {
                m = allMiniLm;
                if (m == null) {
                    m = new AllMiniLmL6V2EmbeddingModel();
                    allMiniLm = m;
                }
            }
        }
        return m;
    }
}
