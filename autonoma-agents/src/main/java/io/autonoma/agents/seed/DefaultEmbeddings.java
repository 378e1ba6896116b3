package io.autonoma.agents.seed;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * The default embedding model: langchain4j's in-process all-MiniLM-L6-v2 (384 dimensions, ONNX,
 * no network). Created on first use (loading takes a few seconds) and shared; thread-safe. If
 * creation fails the error propagates and the next call tries again.
 */
public final class DefaultEmbeddings {

    private static volatile EmbeddingModel allMiniLm;

    private DefaultEmbeddings() {}

    /** The shared all-MiniLM-L6-v2 model. */
    public static EmbeddingModel allMiniLmL6V2() {
        EmbeddingModel m = allMiniLm;
        if (m == null) {
            synchronized (DefaultEmbeddings.class) {
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
