package io.autonoma.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.autonoma.core.template.InMemoryTemplateIndex;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.core.template.TemplateQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract for the hybrid in-memory index with the real in-process all-MiniLM-L6-v2 model. */
class InMemoryTemplateIndexMiniLmTest extends TemplateIndexContract {

    private static EmbeddingModel model;

    @BeforeAll
    static void loadModel() {
        model = new AllMiniLmL6V2EmbeddingModel();
    }

    @Override
    protected TemplateIndex newIndex() {
        return InMemoryTemplateIndex.builder().embeddingModel(model).build();
    }

    private static TemplateIndex keywordOnlyFixture() {
        TemplateIndex keywordOnly = InMemoryTemplateIndex.builder().build();
        keywordOnly.addAll(fixture());
        return keywordOnly;
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource({
            "sign in form, " + LOGIN,
            "orchestrate pods on a cluster, " + K8S,
            "articles and reader remarks, " + BLOG,
            "spreadsheet grid view, " + TABLE})
    void finds_the_meant_entry_for_a_query_sharing_no_keyword(String query, String expectedId) {
        index.addAll(fixture());
        assertThat(keywordOnlyFixture().search(query, 5)).as("the query shares no keyword with the fixture").isEmpty();

        assertThat(ids(index.search(query, 3)).get(0)).isEqualTo(expectedId);
    }

    @Test
    void semantic_match_respects_the_collection_filter() {
        index.addAll(fixture());
        TemplateQuery query = TemplateQuery.of("orchestrate pods on a cluster", 3).inCollection("deployment_configs");
        assertThat(keywordOnlyFixture().search(query)).isEmpty();

        assertThat(ids(index.search(query))).containsExactly(K8S, DOCKERFILE);
    }

    @Test
    void every_entry_passing_the_filters_is_a_candidate() {
        index.addAll(fixture());

        assertThat(index.search("weather forecast", 1000)).hasSize(fixture().size());
        assertThat(index.search(TemplateQuery.of("weather forecast", 1000).forFramework("nextjs"))).hasSize(3);
    }
}
