package io.autonoma.agents.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.testkit.Packs;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How relations to the app's own users ({@code "to": "User"}) reach the backend view and its packs. */
class UserRelationsViewTest {

    /** Cards are created by a user, assigned to one, watched by many, and belong to a column. */
    static AppSpec board() {
        return AppSpec.builder("Board")
                .entity(new Entity("Column", List.of(Field.builder("name", FieldType.STRING).build())))
                .entity(new Entity("Card", List.of(Field.builder("title", FieldType.STRING).build())))
                .relation(new Relation("Card", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "author", true))
                .relation(new Relation("Card", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "assignee", false))
                .relation(new Relation("Card", AppSpec.USER_ENTITY, RelationKind.MANY_TO_MANY, "watchers", false))
                .relation(new Relation("Card", "Column", RelationKind.MANY_TO_ONE, "column", true))
                .build();
    }

    private static BackendView.EntityView card(BackendView view) {
        return view.entities().stream().filter(e -> e.name().equals("Card")).findFirst().orElseThrow();
    }

    private static BackendView.M2OView ref(BackendView.EntityView e, String name) {
        return e.manyToOne().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void a_required_reference_to_a_user_may_be_left_out_on_create_and_is_checked_against_the_current_user() {
        BackendView.EntityView card = card(BackendView.of(board()));
        BackendView.M2OView author = ref(card, "author");
        assertThat(author.toUser()).isTrue();
        assertThat(author.targetTable()).isEqualTo("users");
        assertThat(author.columnCode()).contains("ForeignKey(\"users.id\", ondelete=\"RESTRICT\")", "nullable=False", "index=True");
        assertThat(author.createLine()).isEqualTo("    author_id: AuthorIdValue | None = None");
        assertThat(author.readLine()).isEqualTo("    author_id: int");
        assertThat(author.createCheck()).isEqualTo("    await author_reference(session, user, data, \"author_id\")");
        assertThat(author.updateCheck()).isEqualTo("    await author_reference(session, user, data, \"author_id\", obj.author_id)");
        // null stays a 422 on update; on create it is the "left out" the server fills in
        assertThat(card.notNullableCode()).contains("\"author_id\"");
        assertThat(card.writer()).isEqualTo("user");
        assertThat(card.routerImports()).contains("from app.user_refs import author_reference, load_users, user_reference")
                .doesNotContain("app.models.user");
    }

    @Test
    void an_optional_reference_takes_any_active_user_and_other_references_still_use_ensure_exists() {
        BackendView.EntityView card = card(BackendView.of(board()));
        BackendView.M2OView assignee = ref(card, "assignee");
        assertThat(assignee.createLine()).isEqualTo("    assignee_id: AssigneeIdValue | None = None");
        assertThat(assignee.createCheck()).isEqualTo("    await user_reference(session, data, \"assignee_id\")");
        assertThat(assignee.updateCheck()).isEqualTo("    await user_reference(session, data, \"assignee_id\", obj.assignee_id)");
        BackendView.M2OView column = ref(card, "column");
        assertThat(column.toUser()).isFalse();
        assertThat(column.createCheck()).contains("await ensure_exists(").isEqualTo(column.updateCheck());
        assertThat(card.filterColumnsCode()).contains("\"author_id\": Card.author_id", "\"assignee_id\": Card.assignee_id");
    }

    @Test
    void many_to_many_users_get_an_association_table_and_load_users() {
        BackendView view = BackendView.of(board());
        BackendView.M2MView watchers = card(view).manyToMany().get(0);
        assertThat(watchers.toUser()).isTrue();
        assertThat(watchers.relationshipCode()).contains("watchers: Mapped[list[User]] = relationship(");
        assertThat(watchers.createLoad()).contains("obj.watchers = await load_users(").doesNotContain("load_many");
        assertThat(watchers.updateLoad()).contains("obj.watchers_ids,");
        assertThat(view.associations()).singleElement().satisfies(a -> {
            assertThat(a.toColumnPy()).isEqualTo("\"user_id\"");
            assertThat(a.toTargetPy()).isEqualTo("\"users.id\"");
        });
        assertThat(card(view).typeCheckingImports()).contains("    from app.models.user import User");
    }

    @Test
    void generic_tests_leave_users_to_tests_users_py() {
        BackendView view = BackendView.of(board());
        assertThat(view.relationTests()).extracting(BackendView.M2OView::name).containsExactly("column");
        assertThat(view.authorTests()).extracting(BackendView.M2OView::name).containsExactly("author");
        assertThat(view.assigneeTests()).extracting(BackendView.M2OView::name).containsExactly("assignee");
        assertThat(view.linkTests()).isEmpty();
        assertThat(view.userLinkTests()).extracting(BackendView.M2MView::name).containsExactly("watchers");
        BackendView.EntityView card = card(view);
        // the server fills in the author; records built alike name the same users, so no generic filter test
        assertThat(card.requiredOnCreateCode()).contains("\"column_id\"").doesNotContain("author_id");
        assertThat(card.echoedCode()).doesNotContain("author_id").doesNotContain("assignee_id");
        assertThat(card.filtersCode()).contains("Filter(\"column_id\")").doesNotContain("author_id");
        assertThat(card.parentLines()).singleElement().asString().contains("create_column");
        assertThat(card.invalidCode()).contains("(\"author_id\", 0)", "(\"watchers_ids\", [\"x\"])");
    }

    @Test
    void the_users_directory_its_helpers_and_tests_are_rendered_only_for_specs_with_user_relations() {
        Map<String, String> with = Packs.backend(board());
        assertThat(with).containsKeys("backend/app/user_refs.py", "backend/app/routers/users.py", "backend/tests/test_users.py");
        assertThat(with.get("backend/app/main.py")).contains("app.include_router(users.router)");
        assertThat(with.get("backend/app/routers/auth.py")).contains("await cache.invalidate()");
        assertThat(with.get("backend/tests/test_users.py")).contains("async def test_card_author_defaults_to_the_current_user(",
                "async def test_card_assignee_takes_any_active_user_or_none(", "async def test_card_watchers_links_users(");
        assertThat(with.get("backend/alembic/versions/" + BackendView.revision(board()) + "_initial_schema.py"))
                .contains("name=\"fk_cards_author_id_users\"");

        AppSpec plain = AppSpec.builder("Plain")
                .entity(new Entity("Note", List.of(Field.builder("title", FieldType.STRING).build()))).build();
        assertThat(BackendView.of(plain).withUsers()).isEmpty();
        Map<String, String> without = Packs.backend(plain);
        assertThat(without).doesNotContainKeys("backend/app/user_refs.py", "backend/app/routers/users.py",
                "backend/tests/test_users.py");
        assertThat(without.get("backend/app/main.py")).doesNotContain("users");
        assertThat(without.get("backend/app/routers/auth.py")).doesNotContain("ReadCacheDep").doesNotContain("invalidate");
        assertThat(without.get("backend/app/schemas/auth.py")).doesNotContain("UserOption");
    }

    @Test
    void a_cycle_through_the_users_table_is_no_cycle() {
        AppSpec spec = AppSpec.builder("Chat")
                .entity(new Entity("Message", List.of(Field.builder("body", FieldType.TEXT).build())))
                .entity(new Entity("Room", List.of(Field.builder("name", FieldType.STRING).build())))
                .relation(new Relation("Message", "Room", RelationKind.MANY_TO_ONE, "room", true))
                .relation(new Relation("Message", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "sender", true))
                .relation(new Relation("Room", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "owner_user", true))
                .build();
        // the users table comes first in the migration: entity tables are ordered among themselves only
        assertThat(BackendView.of(spec).tables()).extracting(BackendView.TableView::namePy)
                .containsExactly("\"rooms\"", "\"messages\"");
    }

    @Test
    void tables_follow_foreign_keys_only_and_a_foreign_key_cycle_is_a_clear_error() {
        AppSpec blog = AppSpec.builder("Blog")
                .entity(new Entity("Post", List.of(Field.builder("title", FieldType.STRING).build())))
                .entity(new Entity("Tag", List.of(Field.builder("label", FieldType.STRING).build())))
                .relation(new Relation("Post", "Tag", RelationKind.MANY_TO_MANY, "tags", false))
                .build();
        // a many-to-many link lives in its own table, created after every entity table
        assertThat(BackendView.of(blog).tables()).extracting(BackendView.TableView::namePy)
                .containsExactly("\"posts\"", "\"tags\"", "\"post_tags\"");

        AppSpec loop = AppSpec.builder("Loop")
                .entity(new Entity("Alpha", List.of(Field.builder("name", FieldType.STRING).build())))
                .entity(new Entity("Beta", List.of(Field.builder("name", FieldType.STRING).build())))
                .relation(new Relation("Alpha", "Beta", RelationKind.MANY_TO_ONE, "beta", false))
                .relation(new Relation("Beta", "Alpha", RelationKind.MANY_TO_ONE, "alpha", false))
                .build();
        assertThatThrownBy(() -> BackendView.of(loop)).isInstanceOf(io.autonoma.core.AutonomaException.class)
                .hasMessage("the many_to_one relations between [Alpha, Beta] form a cycle, which the FastAPI backend cannot create yet; "
                        + "make one of them many_to_many or drop it");
    }
}
