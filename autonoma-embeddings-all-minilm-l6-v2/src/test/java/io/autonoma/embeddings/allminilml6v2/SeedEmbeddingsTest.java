package io.autonoma.embeddings.allminilml6v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.autonoma.agents.seed.SeedTemplates;
import io.autonoma.core.template.InMemoryTemplateIndex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stored seed vectors ({@value PrecomputedEmbeddingModel#SEED_RESOURCE}) are complete and equal
 * to what the real all-MiniLM-L6-v2 model computes, so the default index gives the same results as
 * before, without running the model over the seed on every start.
 * With {@code -Dautonoma.writeSeedEmbeddings=true} it first rewrites the file from the real model.
 */
class SeedEmbeddingsTest {

    /** Records every text the index embeds and the real model's vector for it. */
    private static final class Recording implements EmbeddingModel {
        final Map<String, float[]> seen = new LinkedHashMap<>();

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            Response<List<Embedding>> r = AllMiniLmL6V2Embeddings.shared().embedAll(segments);
            for (int i = 0; i < segments.size(); i++) {
                seen.put(segments.get(i).text(), r.content().get(i).vector());
            }
            return r;
        }
    }

    @Test
    void stored_vectors_cover_the_seed_and_equal_the_models() throws IOException {
        Recording real = new Recording();
        InMemoryTemplateIndex.builder().embeddingModel(real).build().addAll(SeedTemplates.load());
        assertThat(real.seen).hasSizeGreaterThan(40);
        if (Boolean.getBoolean("autonoma.writeSeedEmbeddings")) {
            Path file = Path.of("src/main/resources", PrecomputedEmbeddingModel.SEED_RESOURCE);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                PrecomputedEmbeddingModel.write(real.seen, w);
            }
            Path built = Path.of("target/classes", PrecomputedEmbeddingModel.SEED_RESOURCE);
            Files.copy(file, built, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        PrecomputedEmbeddingModel stored = PrecomputedEmbeddingModel.seed(() -> {
            throw new AssertionError("the stored vectors miss a seed text: regenerate " + PrecomputedEmbeddingModel.SEED_RESOURCE
                    + " with -Dautonoma.writeSeedEmbeddings=true (see the file's header)");
        });
        assertThat(stored.storedCount()).isEqualTo(real.seen.size());
        List<String> texts = List.copyOf(real.seen.keySet());
        List<Embedding> got = stored.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        for (int i = 0; i < texts.size(); i++) {
            float[] want = real.seen.get(texts.get(i));
            float[] have = got.get(i).vector();
            assertThat(have).hasSize(want.length);
            for (int d = 0; d < want.length; d++) {
                assertThat(have[d]).as("text %d, dimension %d", i, d).isCloseTo(want[d], org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void the_default_index_embeds_the_seed_without_loading_the_model() {
        EmbeddingModel noModel = PrecomputedEmbeddingModel.seed(() -> {
            throw new AssertionError("the model was loaded while indexing the seed");
        });
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().embeddingModel(noModel).build();
        index.addAll(SeedTemplates.load());
        assertThat(index.size()).isEqualTo(SeedTemplates.load().size());
    }

    @Test
    void misses_go_to_the_model_in_order_and_hits_do_not() throws IOException {
        StringWriter file = new StringWriter();
        PrecomputedEmbeddingModel.write(Map.of("stored", new float[] {1f, 2f, 3f}), file);
        List<String> asked = new java.util.ArrayList<>();
        EmbeddingModel fake = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                segments.forEach(s -> asked.add(s.text()));
                return Response.from(segments.stream().map(s -> Embedding.from(new float[] {s.text().length(), 0f, 0f})).toList());
            }
        };
        PrecomputedEmbeddingModel m = new PrecomputedEmbeddingModel(
                PrecomputedEmbeddingModel.read(new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8))), () -> fake);

        List<Embedding> out = m.embedAll(List.of(TextSegment.from("a"), TextSegment.from("stored"), TextSegment.from("bbb"))).content();

        assertThat(out).extracting(Embedding::vector).containsExactly(new float[] {1f, 0f, 0f}, new float[] {1f, 2f, 3f}, new float[] {3f, 0f, 0f});
        assertThat(asked).containsExactly("a", "bbb");
        assertThat(m.dimension()).isEqualTo(3);
    }

    @Test
    void a_malformed_file_is_an_error_naming_the_line() {
        byte[] bad = "# header\nnot-a-hash\tAAAA\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> PrecomputedEmbeddingModel.read(new ByteArrayInputStream(bad)))
                .isInstanceOf(IOException.class).hasMessageContaining("line 2");
    }
}
