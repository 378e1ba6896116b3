package io.autonoma.test;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic, fast stand-in for all-MiniLM-L6-v2: feature-hashed bag of words (and camelCase
 * parts) into {@code dimension} buckets. Texts sharing words are close; counts embedded texts.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {
    private final int dimension;
    public final AtomicInteger embedded = new AtomicInteger();

    public HashingEmbeddingModel() {
        this(384);
    }

    public HashingEmbeddingModel(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        for (TextSegment s : segments) {
            embedded.incrementAndGet();
            out.add(Embedding.from(vector(s.text())));
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    public float[] vector(String text) {
        float[] v = new float[dimension];
        String split = text.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        for (String t : split.split("[^a-z0-9]+")) {
            if (t.length() < 2) continue;
            if (t.endsWith("s") && t.length() > 3) t = t.substring(0, t.length() - 1);
            int h = t.hashCode() * 0x9E3779B1;
            v[Math.floorMod(h, dimension)] += 1f;
            v[Math.floorMod(h >>> 7, dimension)] += (h & 1) == 0 ? 0.5f : -0.5f;
        }
        v[0] += 0.01f; // never the zero vector
        return v;
    }
}
