package io.autonoma.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Behaviour specific to the in-memory index; the interface contract is in autonoma-test. */
class InMemoryTemplateIndexTest {

    /** Embeds by a lookup function and records every batch it was asked for. */
    static final class RecordingModel implements EmbeddingModel {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final Function<String, float[]> vectors;

        RecordingModel(Function<String, float[]> vectors) {
            this.vectors = vectors;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            List<String> texts = segments.stream().map(TextSegment::text).toList();
            batches.add(texts);
            List<Embedding> out = new ArrayList<>();
            for (String t : texts) {
                out.add(Embedding.from(vectors.apply(t)));
            }
            return Response.from(out);
        }
    }

    private static TemplateEntry entry(String id, String title) {
        return new TemplateEntry(id, "code_templates", title, "", "", List.of(), Map.of());
    }

    @Test
    void builder_rejects_a_semantic_weight_outside_zero_to_one() {
        assertThatThrownBy(() -> InMemoryTemplateIndex.builder().semanticWeight(1.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("semanticWeight");
        assertThatThrownBy(() -> InMemoryTemplateIndex.builder().semanticWeight(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InMemoryTemplateIndex.builder().embeddingBatchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("embeddingBatchSize");
    }

    @Test
    void builder_without_model_is_keyword_only() {
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().build();
        assertThat(index.isSemantic()).isFalse();
        index.add(entry("a", "login form"));
        assertThat(index.search("kubernetes", 5)).isEmpty();
        assertThat(index.search("login", 5)).extracting(m -> m.entry().id()).containsExactly("a");
    }

    @Test
    void embeds_new_entries_in_batches_and_reuses_unchanged_embeddings() {
        RecordingModel model = new RecordingModel(t -> new float[] {1, 0});
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().embeddingModel(model).embeddingBatchSize(2).build();
        List<TemplateEntry> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(entry("e" + i, "title " + i));
        }

        index.addAll(five);
        assertThat(model.batches).extracting(List::size).containsExactly(2, 2, 1);

        model.batches.clear();
        index.addAll(List.of(entry("e0", "title 0"), entry("e1", "changed")));
        assertThat(model.batches).hasSize(1);
        assertThat(model.batches.get(0)).hasSize(1).allSatisfy(t -> assertThat(t).contains("changed"));
        assertThat(index.size()).isEqualTo(5);
    }

    @Test
    void searching_an_empty_index_does_not_call_the_model() {
        RecordingModel model = new RecordingModel(t -> new float[] {1, 0});
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().embeddingModel(model).build();

        assertThat(index.search("anything", 5)).isEmpty();
        assertThat(model.batches).isEmpty();
    }

    @Test
    void a_failing_model_adds_nothing() {
        EmbeddingModel broken = new RecordingModel(t -> { throw new IllegalStateException("model down"); });
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().embeddingModel(broken).build();
        assertThatThrownBy(() -> index.addAll(List.of(entry("a", "x")))).hasMessageContaining("model down");
        assertThat(index.size()).isZero();
    }

    @Test
    void a_later_duplicate_in_one_batch_wins() {
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().build();
        index.addAll(List.of(entry("a", "first"), entry("a", "second")));
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.get("a")).map(TemplateEntry::title).contains("second");
        assertThat(index.search("first", 5)).isEmpty();
    }

    @Test
    void hybrid_score_is_weighted_sum_of_mapped_cosine_and_keyword_score() {
        // query and entry "same" are identical directions (cos 1 → 1.0); "orthogonal" has cos 0 → 0.5
        RecordingModel model = new RecordingModel(t -> t.contains("orthogonal") ? new float[] {0, 3} : new float[] {2, 0});
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().embeddingModel(model).semanticWeight(1.0).build();
        index.addAll(List.of(entry("same", "alpha"), entry("orthogonal", "orthogonal beta")));

        List<TemplateMatch> hits = index.search("gamma", 5);

        assertThat(hits).extracting(m -> m.entry().id()).containsExactly("same", "orthogonal");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-6));
        assertThat(hits.get(1).score()).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void keyword_weight_zero_semantic_weight_uses_keyword_score_only() {
        RecordingModel model = new RecordingModel(t -> new float[] {1, 1});
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().embeddingModel(model).semanticWeight(0.0).build();
        index.addAll(List.of(entry("a", "redis cache"), entry("b", "postgres database")));

        List<TemplateMatch> hits = index.search("postgres", 5);

        assertThat(hits.get(0).entry().id()).isEqualTo("b");
        assertThat(hits.get(0).score()).isGreaterThan(0.0);
        assertThat(hits.get(1).score()).isZero();
    }

    @Test
    void equal_scores_are_ordered_by_id() {
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().build();
        index.addAll(List.of(entry("c", "docker"), entry("a", "docker"), entry("b", "docker"), entry("d", "docker")));

        assertThat(index.search("docker", 3)).extracting(m -> m.entry().id()).containsExactly("a", "b", "c");
    }

    @Test
    void more_query_terms_matched_scores_higher_and_plurals_match_singulars() {
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().build();
        index.addAll(List.of(
                entry("one", "table"),
                entry("both", "table with sortable columns"),
                entry("none", "modal dialog")));

        List<TemplateMatch> hits = index.search("tables column", 5);

        assertThat(hits).extracting(m -> m.entry().id()).containsExactly("both", "one");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void removing_an_entry_removes_it_from_keyword_statistics() {
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().build();
        index.addAll(List.of(entry("a", "helm chart"), entry("b", "kustomize overlay")));

        assertThat(index.remove("a")).isTrue();

        assertThat(index.search("helm", 5)).isEmpty();
        assertThat(index.search("kustomize", 5)).extracting(m -> m.entry().id()).containsExactly("b");
    }

    @Test
    void semantic_scan_sees_exactly_the_live_entries_after_removes_and_replaces() {
        RecordingModel model = new RecordingModel(t -> new float[] {1, t.length()});
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().embeddingModel(model).build();
        for (int i = 0; i < 6; i++) {
            index.add(entry("e" + i, "entry " + i));
        }

        index.remove("e0");
        index.remove("e3");
        index.add(entry("e5", "entry five replaced"));
        index.remove("e5");
        index.add(entry("e6", "entry 6"));
        index.add(entry("e1", "entry one replaced"));

        assertThat(index.search("anything", 1000)).extracting(m -> m.entry().id())
                .containsExactlyInAnyOrder("e1", "e2", "e4", "e6");
        assertThat(index.get("e1")).map(TemplateEntry::title).contains("entry one replaced");
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void rejects_mismatched_embedding_dimensions_with_a_clear_message() {
        RecordingModel model = new RecordingModel(t -> t.equals("q") ? new float[] {1, 0, 0} : new float[] {1, 0});
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().embeddingModel(model).build();
        index.add(entry("a", "x"));

        assertThatThrownBy(() -> index.search("q", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dimension");
    }

    @Test
    void nulls_are_rejected() {
        InMemoryTemplateIndex index = InMemoryTemplateIndex.builder().build();
        assertThatThrownBy(() -> index.addAll(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> index.search((TemplateQuery) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> index.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> index.remove(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> InMemoryTemplateIndex.builder().embeddingModel(null))
                .isInstanceOf(NullPointerException.class);
    }
}
