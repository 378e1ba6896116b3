package io.autonoma.agents.spi;

import dev.langchain4j.model.embedding.EmbeddingModel;

/**
 * Service-provider interface: an embedding model for template search that a module brings along,
 * found with {@link java.util.ServiceLoader} when none is given to {@code Autonoma.builder()}
 * (see {@link io.autonoma.agents.seed.DefaultTemplateIndex#embeddingModelProvider()}). Register an
 * implementation in {@code META-INF/services/io.autonoma.agents.spi.EmbeddingModelProvider};
 * {@code autonoma-embeddings-all-minilm-l6-v2} registers the in-process all-MiniLM-L6-v2 model.
 *
 * <p>Implementations need a public no-argument constructor that does no heavy work: loading the
 * model belongs in {@link #embeddingModel()} or, better, in the model's first call.
 */
public interface EmbeddingModelProvider {

    /** The model's name for logs and descriptions, e.g. {@code all-MiniLM-L6-v2}. Never blank. */
    String name();

    /**
     * The model template search embeds with. May be loaded on its first call; may answer the seed's
     * own texts from stored vectors. Thread-safe. Never null.
     */
    EmbeddingModel embeddingModel();
}
