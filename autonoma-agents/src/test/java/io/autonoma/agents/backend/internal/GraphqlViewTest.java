package io.autonoma.agents.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.architecture.DocsPack;
import io.autonoma.agents.deploy.DeployPack;
import io.autonoma.agents.testkit.Packs;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Feature;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The graphql feature in the packs: app/graphql_api.py with a node type per entity, its list and get fields, the
 * related rows through batch loaders and the owned rows filtered; the router, settings and pins; its tests, docs and
 * the Ingress path. That GraphQL answers as REST does is proven by running the generated tests/test_graphql.py
 * (ci/test-generated.sh, the gym app); this test pins where it is wired in.
 */
class GraphqlViewTest {

    /** The user-relations board (cards in columns, by an author), its cards owned, with GraphQL. */
    private static AppSpec withGraphql() {
        return UserRelationsViewTest.board().toBuilder().capability(new Capability.Ownership("Card"))
                .feature(Feature.GRAPHQL).build();
    }

    @Test
    void each_entity_gets_a_node_its_list_and_get_fields_and_batch_loaded_relations() {
        BackendView view = BackendView.of(withGraphql());
        assertThat(view.withGraphql()).hasSize(1);
        Map<String, String> files = Packs.backend(withGraphql());
        String module = files.get("backend/app/graphql_api.py");
        assertThat(module).contains("@strawberry.type(name=\"Card\")\nclass CardNode:\n    id: int\n    title: str\n")
                .contains("    listing=card._LISTING,\n    sorts=_sorts(card.CardSort),\n    owner=\"author_id\",\n)")
                .contains("    async def column(self, info: Info[GraphQLContext, None]) -> ColumnNode | None:\n"
                        + "        item = await _one(info, _COLUMN, self.column_id)")
                .contains("    async def cards(self, info: Info[GraphQLContext, None]) -> list[CardNode]:\n"
                        + "        items = await _children(info, _CARD, \"column_id\", self.id)")
                .contains("    async def cards(\n", "    async def card(self, info: Info[GraphQLContext, None], id: int)")
                .contains("        assignee_id: int | None = None,", "        column_id: int | None = None,")
                .contains("filters={\"author_id\": author_id, \"assignee_id\": assignee_id, \"column_id\": column_id}")
                .doesNotContain("async def author(", "async def watchers(");
        assertThat(files.get("backend/app/main.py")).contains("from app.graphql_api import graphql_router")
                .contains("    app.include_router(graphql_router(settings))");
        assertThat(files.get("backend/app/config.py")).contains("    graphql_max_depth: int = Field(default=8");
        assertThat(files.get("backend/requirements.txt")).contains("strawberry-graphql==0.341.2\n");
        String tests = files.get("backend/tests/test_graphql.py");
        assertThat(tests).contains("async def test_graphql_refuses_anonymous_callers(")
                .contains("async def test_graphql_loads_related_rows_in_batches(")
                .contains("async def test_graphql_refuses_too_deep_queries(")
                .contains("async def test_graphql_hides_other_users_rows(")
                .doesNotContain("LINKS")
                .contains("    Nested(\n        \"Column\",\n        \"cards\",\n        \"Card\",\n        \"column_id\",\n        \"column\",\n    ),");
    }

    @Test
    void docs_and_the_ingress_name_graphql_only_for_apps_with_it() {
        Map<String, String> with = Packs.render(withGraphql(), new DocsPack(), new DeployPack());
        assertThat(with.get("docs/architecture.md")).contains("### GraphQL (`graphql`)", "- Card: `cards(page, size, sort, q,");
        assertThat(with.get("README.md")).contains("## GraphQL", "{ columns(size: 10) { total items { id } } }");
        assertThat(with.get("deploy/k8s/50-ingress.yaml")).contains("          - path: /graphql\n            pathType: Exact");

        AppSpec plain = UserRelationsViewTest.board();
        Map<String, String> backend = Packs.backend(plain);
        assertThat(BackendView.of(plain).withGraphql()).isEmpty();
        assertThat(backend).doesNotContainKeys("backend/app/graphql_api.py", "backend/tests/test_graphql.py");
        assertThat(backend.get("backend/app/main.py")).doesNotContain("graphql");
        assertThat(backend.get("backend/app/config.py")).doesNotContain("graphql");
        assertThat(backend.get("backend/requirements.txt")).doesNotContain("strawberry");
        Map<String, String> without = Packs.render(plain, new DocsPack(), new DeployPack());
        assertThat(without.get("docs/architecture.md")).doesNotContain("GraphQL");
        assertThat(without.get("deploy/k8s/50-ingress.yaml")).doesNotContain("graphql")
                .startsWith("# Public entry: /api goes to the backend,");
    }
}
