package io.autonoma.agents.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.template.TemplateIndex;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default index with the real all-MiniLM-L6-v2 model over the real seed. */
class DefaultTemplateIndexTest {

    private static TemplateIndex index;

    @BeforeAll
    static void create() {
        index = DefaultTemplateIndex.create();
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
        assertThat(DefaultEmbeddings.allMiniLmL6V2()).isSameAs(DefaultEmbeddings.allMiniLmL6V2());
        assertThat(DefaultEmbeddings.allMiniLmL6V2().embed("hello").content().dimension()).isEqualTo(384);
    }

    @Test
    void keyword_only_index_holds_the_seed_too() {
        TemplateIndex keyword = DefaultTemplateIndex.keywordOnly();

        assertThat(keyword.size()).isEqualTo(index.size());
        assertThat(keyword.search("kubernetes ingress tls", 3).get(0).entry().id()).isEqualTo("k8s-ingress");
    }
}
