package io.autonoma.embeddings.allminilml6v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.agents.seed.LazyTemplateIndex;
import io.autonoma.agents.seed.SeedTemplates;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With this module on the class path the default index is semantic: the real all-MiniLM-L6-v2 model over the real seed. */
class SemanticTemplateIndexTest {

    private static TemplateIndex index;

    @BeforeAll
    static void create() {
        LazyTemplateIndex lazy = DefaultTemplateIndex.lazy(true);
        assertThat(lazy.toString()).contains("keyword + all-MiniLM-L6-v2");
        index = lazy;
    }

    private static String best(TemplateQuery query) {
        List<TemplateMatch> hits = index.search(query);
        assertThat(hits).as("hits for %s", query).isNotEmpty();
        return hits.get(0).entry().id();
    }

    @Test
    void holds_every_seed_entry() {
        assertThat(index.size()).isEqualTo(SeedTemplates.load().size());
        assertThat(index.get("k8s-backend-deployment")).isPresent();
    }

    @ParameterizedTest(name = "\"{0}\" in {1} → {2}")
    @CsvSource({
            "sign in screen, ui_components, nextjs-login-form",
            "confirmation popup before removing something, ui_components, nextjs-confirm-dialog",
            "hash passwords and issue access tokens, api_patterns, fastapi-jwt-auth",
            "return results one page at a time, api_patterns, fastapi-pagination",
            "run the backend on a cluster with health probes, deployment_configs, k8s-backend-deployment",
            "collect application metrics, deployment_configs, prometheus-scrape-config",
            "run tests on every pull request, deployment_configs, github-actions-ci",
            "database table mapping class, code_templates, fastapi-sqlalchemy-model"})
    void finds_the_meant_template_within_a_collection(String query, String collection, String expectedId) {
        assertThat(best(TemplateQuery.of(query, 3).inCollection(collection))).isEqualTo(expectedId);
    }

    @Test
    void framework_filter_applies_to_the_seed() {
        List<TemplateMatch> hits = index.search(TemplateQuery.of("login", 10).forFramework("fastapi"));

        assertThat(hits).isNotEmpty().allSatisfy(m -> assertThat(m.entry().metadata()).containsEntry("framework", "fastapi"));
        assertThat(hits.get(0).entry().id()).isEqualTo("fastapi-jwt-auth");
    }

    @Test
    void default_model_is_created_once() {
        assertThat(AllMiniLmL6V2Embeddings.shared()).isSameAs(AllMiniLmL6V2Embeddings.shared());
        assertThat(AllMiniLmL6V2Embeddings.shared().embed("hello").content().dimension()).isEqualTo(384);
    }

    @Test
    void is_found_on_the_class_path_and_semantic_search_can_be_switched_off() {
        assertThat(DefaultTemplateIndex.embeddingModelProvider()).get().isInstanceOf(AllMiniLmL6V2Embeddings.class);
        assertThat(DefaultTemplateIndex.lazy(false).toString()).contains("keyword-only");
    }
}
