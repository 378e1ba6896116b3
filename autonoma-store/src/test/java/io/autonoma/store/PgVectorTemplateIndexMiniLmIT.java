package io.autonoma.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.test.TemplateIndexContract;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TemplateIndex contract against pgvector with the real in-process all-MiniLM-L6-v2 (384 dims). */
class PgVectorTemplateIndexMiniLmIT extends TemplateIndexContract {
    private static EmbeddingModel model;

    @BeforeAll
    static void loadModel() {
        model = new AllMiniLmL6V2EmbeddingModel();
    }

    @Override
    protected TemplateIndex newIndex() {
        return PgVectorTemplateIndex.builder().dataSource(PgTest.dataSource()).embeddingModel(model)
                .namespace("minilm-" + UUID.randomUUID()).build();
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource({
            "sign in form, " + LOGIN,
            "orchestrate pods on a cluster, " + K8S,
            "articles and reader remarks, " + BLOG,
            "spreadsheet grid view, " + TABLE})
    void finds_the_meant_entry_for_a_query_sharing_no_keyword(String query, String expectedId) {
        index.addAll(fixture());
        assertThat(ids(index.search(query, 3)).get(0)).isEqualTo(expectedId);
    }
}
