package io.autonoma.embeddings.allminilml6v2;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.Sha256;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@link EmbeddingModel} that answers texts it holds a stored vector for and asks the real model
 * (created on first need) for every other text, queries included. The seed's vectors are computed
 * once at development time ({@value #SEED_RESOURCE}) because embedding the 50-odd seed entries on
 * every start took about 3 s of a 7 s CLI run; the stored vectors are exactly what the model
 * returned, so search results do not change.
 *
 * <p>File format: {@code #} comment lines, then one line per text: the SHA-256 of the UTF-8 text in
 * hex, a tab, and the vector as little-endian float32 in Base64.
 */
public final class PrecomputedEmbeddingModel implements EmbeddingModel {
    /** The stored all-MiniLM-L6-v2 vectors of the seed's searchable texts. */
    public static final String SEED_RESOURCE = "io/autonoma/embeddings/allminilml6v2/seed-embeddings.txt";

    private final Map<String, float[]> byHash;
    private final Supplier<EmbeddingModel> model;
    private final int dimension;

    public PrecomputedEmbeddingModel(Map<String, float[]> byHash, Supplier<EmbeddingModel> model) {
        this.byHash = Map.copyOf(byHash);
        this.model = Objects.requireNonNull(model, "model");
        this.dimension = this.byHash.values().stream().findFirst().map(v -> v.length).orElse(-1);
        if (this.byHash.values().stream().anyMatch(v -> v.length != dimension)) {
            throw new IllegalArgumentException("stored vectors have different dimensions");
        }
    }

    /** The stored seed vectors of this jar (none if the resource is absent) in front of {@code model}. */
    public static PrecomputedEmbeddingModel seed(Supplier<EmbeddingModel> model) {
        InputStream in = PrecomputedEmbeddingModel.class.getClassLoader().getResourceAsStream(SEED_RESOURCE);
        if (in == null) {
            return new PrecomputedEmbeddingModel(Map.of(), model);
        }
        try (in) {
            return new PrecomputedEmbeddingModel(read(in), model);
        } catch (IOException | RuntimeException e) {
            throw new AutonomaException(SEED_RESOURCE + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** How many stored vectors there are. */
    public int storedCount() {
        return byHash.size();
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            float[] v = byHash.get(Sha256.hex(segments.get(i).text()));
            out.add(v == null ? null : Embedding.from(v.clone()));
            if (v == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<Embedding> computed = model.get().embedAll(missing.stream().map(segments::get).toList()).content();
            for (int j = 0; j < missing.size(); j++) {
                out.set(missing.get(j), computed.get(j));
            }
        }
        return Response.from(out);
    }

    @Override
    public int dimension() {
        return dimension > 0 ? dimension : model.get().dimension();
    }

    @Override
    public String modelName() {
        return model.get().modelName();
    }

    static Map<String, float[]> read(InputStream in) throws IOException {
        Map<String, float[]> map = new LinkedHashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab != 64) {
                throw new IOException("line " + n + ": expected '<sha-256 hex>\\t<base64 float32>'");
            }
            ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(line.substring(tab + 1))).order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[b.remaining() / Float.BYTES];
            b.asFloatBuffer().get(v);
            map.put(line.substring(0, tab), v);
        }
        return map;
    }

    /** Writes {@code vectorsByText} in the format {@link #read} reads, sorted by hash so the file is stable. */
    static void write(Map<String, float[]> vectorsByText, Writer out) throws IOException {
        out.write("# all-MiniLM-L6-v2 vectors of the template seed's searchable texts (see PrecomputedEmbeddingModel).\n");
        out.write("# Regenerate after changing the seed: mvn -pl autonoma-embeddings-all-minilm-l6-v2 -am test -Dtest=SeedEmbeddingsTest -Dsurefire.failIfNoSpecifiedTests=false -Dautonoma.writeSeedEmbeddings=true\n");
        Map<String, float[]> byHash = new java.util.TreeMap<>();
        vectorsByText.forEach((text, v) -> byHash.put(Sha256.hex(text), v));
        for (Map.Entry<String, float[]> e : byHash.entrySet()) {
            ByteBuffer b = ByteBuffer.allocate(e.getValue().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(e.getValue());
            out.write(e.getKey() + "\t" + Base64.getEncoder().encodeToString(b.array()) + "\n");
        }
    }
}
