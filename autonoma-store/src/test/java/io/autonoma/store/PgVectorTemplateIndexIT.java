package io.autonoma.store;

import io.autonoma.test.HashingEmbeddingModel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.template.TemplateEntry;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Store-specific behaviour of {@link PgVectorTemplateIndex}; the shared behaviour is in {@code PgVectorTemplateIndexContractIT}. */
class PgVectorTemplateIndexIT {
    private HashingEmbeddingModel model;
    private PgVectorTemplateIndex index;

    static TemplateEntry entry(String id, String collection, String framework, String title, String description, String... tags) {
        return new TemplateEntry(id, collection, title, description, "// " + title, List.of(tags),
                framework == null ? Map.of() : Map.of("framework", framework, "language", "x"));
    }

    static final List<TemplateEntry> FIXTURE = List.of(
            entry("login-form", "ui_components", "nextjs", "LoginForm", "Email and password sign-in form with validation", "auth", "form"),
            entry("data-table", "ui_components", "nextjs", "DataTable", "Sortable, paginated table of records", "table", "pagination"),
            entry("crud-router", "api_patterns", "fastapi", "CRUD router", "FastAPI router with list, create, read, update, delete endpoints", "crud", "rest"),
            entry("jwt-auth", "api_patterns", "fastapi", "JWT authentication", "Access and refresh tokens, password hashing", "auth", "jwt"),
            entry("dockerfile-py", "deployment_configs", "docker", "Python Dockerfile", "Multi-stage image for a FastAPI backend", "docker"),
            entry("k8s-deploy", "deployment_configs", "kubernetes", "Kubernetes deployment", "Deployment and service manifests with probes", "k8s"),
            entry("crm", "project_templates", null, "CRM", "Companies, contacts and deals with a sales pipeline", "crm", "sales"),
            entry("todo", "project_templates", null, "Todo app", "Tasks with title, due date and priority", "todo"));

    @BeforeEach
    void newIndex() {
        model = new HashingEmbeddingModel();
        index = PgVectorTemplateIndex.builder().dataSource(PgTest.dataSource()).embeddingModel(model)
                .namespace("it-" + UUID.randomUUID()).build();
    }

    @Test
    void stores_entries_in_both_tables_and_returns_them_unchanged() {
        index.addAll(FIXTURE);
        assertThat(index.size()).isEqualTo(FIXTURE.size());
        for (TemplateEntry e : FIXTURE) {
            assertThat(index.get(e.id())).contains(e);
        }
        Jdbi jdbi = Jdbi.create(PgTest.dataSource());
        int inProjectTable = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM project_templates WHERE namespace = :ns")
                .bind("ns", index.namespace()).mapTo(Integer.class).one());
        assertThat(inProjectTable).isEqualTo(2);
    }

    @Test
    void replacing_an_entry_can_move_it_between_collections_and_tables() {
        index.addAll(FIXTURE);
        TemplateEntry moved = entry("todo", "code_templates", "fastapi", "Todo model", "SQLAlchemy todo model");
        index.add(moved);
        assertThat(index.size()).isEqualTo(FIXTURE.size());
        assertThat(index.get("todo")).contains(moved);
        assertThat(index.search(TemplateQuery.of("todo", 10).inCollection("project_templates")))
                .extracting(m -> m.entry().id()).doesNotContain("todo");
    }

    @Test
    void finds_the_obvious_entry_with_filters_and_bounded_scores() {
        index.addAll(FIXTURE);
        assertThat(index.search("login form with email and password", 3).get(0).entry().id()).isEqualTo("login-form");
        assertThat(index.search("kubernetes manifests", 3).get(0).entry().id()).isEqualTo("k8s-deploy");
        assertThat(index.search("a sales CRM for companies and deals", 3).get(0).entry().id()).isEqualTo("crm");

        List<TemplateMatch> auth = index.search(TemplateQuery.of("authentication", 10).forFramework("fastapi"));
        assertThat(auth).extracting(m -> m.entry().id()).containsOnly("crud-router", "jwt-auth");
        assertThat(auth.get(0).entry().id()).isEqualTo("jwt-auth");
        assertThat(index.search(TemplateQuery.of("anything", 10).inCollection("project_templates")))
                .extracting(m -> m.entry().collection()).containsOnly("project_templates");
        assertThat(index.search(TemplateQuery.of("anything", 10).inCollection("nope"))).isEmpty();

        List<TemplateMatch> all = index.search("table of records", 8);
        assertThat(all).hasSize(8);
        assertThat(all).allSatisfy(m -> assertThat(m.score()).isBetween(0.0, 1.0));
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).score()).isLessThanOrEqualTo(all.get(i - 1).score());
        }
    }

    @Test
    void readding_unchanged_entries_reuses_their_embeddings() {
        index.addAll(FIXTURE);
        int first = model.embedded.get();
        index.addAll(FIXTURE);
        assertThat(model.embedded.get()).isEqualTo(first);
        index.add(entry("todo", "project_templates", null, "Todo app", "changed"));
        assertThat(model.embedded.get()).isEqualTo(first + 1);
    }

    @Test
    void remove_and_clear() {
        index.addAll(FIXTURE);
        assertThat(index.remove("crm")).isTrue();
        assertThat(index.remove("crm")).isFalse();
        assertThat(index.get("crm")).isEmpty();
        assertThat(index.clear()).isEqualTo(FIXTURE.size() - 1);
        assertThat(index.size()).isZero();
        assertThat(index.search("crm", 5)).isEmpty();
    }

    @Test
    void namespaces_are_independent() {
        index.addAll(FIXTURE);
        PgVectorTemplateIndex other = PgVectorTemplateIndex.builder().dataSource(PgTest.dataSource()).embeddingModel(model)
                .namespace("it-" + UUID.randomUUID()).build();
        assertThat(other.size()).isZero();
        assertThat(other.search("crm", 5)).isEmpty();
    }

    @Test
    void a_model_of_the_wrong_dimension_is_rejected_clearly_and_adds_nothing() {
        PgVectorTemplateIndex wrong = PgVectorTemplateIndex.builder().dataSource(PgTest.dataSource())
                .embeddingModel(new HashingEmbeddingModel(512)).namespace("it-" + UUID.randomUUID()).build();
        assertThatThrownBy(() -> wrong.addAll(FIXTURE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("512-dimensional").hasMessageContaining("vector(384)");
        assertThat(wrong.size()).isZero();
    }

    @Test
    void builder_validates() {
        assertThatThrownBy(() -> PgVectorTemplateIndex.builder().dataSource(PgTest.dataSource()).build())
                .hasMessageContaining("embedding model");
        assertThatThrownBy(() -> PgVectorTemplateIndex.builder().dataSource(PgTest.dataSource()).embeddingModel(model).semanticWeight(1.5).build())
                .hasMessageContaining("semanticWeight");
    }
}
