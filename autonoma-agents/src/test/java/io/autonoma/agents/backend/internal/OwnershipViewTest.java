package io.autonoma.agents.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.architecture.DocsPack;
import io.autonoma.agents.frontend.NextJsPack;
import io.autonoma.agents.testkit.Packs;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ownership capability in the FastAPI packs: the owner check on every verb, the listing limited to the
 * reader's rows, one read-cache entry per owner, and tests/test_ownership.py. Whether the rules hold is proven by
 * running that generated test (ci/test-generated.sh); this test pins where they are wired in.
 */
class OwnershipViewTest {

    /** The user-relations board with its cards owned by their author. */
    private static AppSpec owned() {
        return UserRelationsViewTest.board().toBuilder().capability(new Capability.Ownership("Card")).build();
    }

    private static BackendView.EntityView entity(BackendView view, String name) {
        return view.entities().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void the_owner_is_the_required_reference_to_a_user_and_every_verb_checks_it() {
        BackendView view = BackendView.of(owned());
        BackendView.EntityView card = entity(view, "Card");
        assertThat(card.owned()).isTrue();
        assertThat(card.ownerFk()).isEqualTo("author_id");
        assertThat(card.manyToOne()).filteredOn(BackendView.M2OView::owner).extracting(BackendView.M2OView::name)
                .containsExactly("author");
        assertThat(card.filterColumnsCode()).contains("\"_owner\": Card.author_id");
        assertThat(card.filterArgs()).contains("                \"_owner\": owner_filter(user),");
        assertThat(card.routerImports()).contains("ensure_owner", "owner_filter", "owner_variant").doesNotContain("AdminUser");
        assertThat(entity(view, "Column").owned()).isFalse();
        assertThat(entity(view, "Column").routerImports()).contains("AdminUser");
        assertThat(view.ownedEntities()).extracting(BackendView.EntityView::name).containsExactly("Card");

        String router = Packs.backend(owned()).get("backend/app/routers/card.py");
        assertThat(router).contains("cached = await cache.lookup(request, owner_variant(user))")
                .contains("        ensure_owner(user, item[\"author_id\"], _LABEL, card_id)")
                .contains("    ensure_owner(user, obj.author_id, _LABEL, card_id)")
                .doesNotContain("_admin: AdminUser");
        assertThat(router.split("ensure_owner\\(", -1)).hasSize(3 + 1); // called by get, update and delete
    }

    @Test
    void its_tests_and_docs_are_rendered_only_for_apps_with_owned_rows() {
        Map<String, String> with = Packs.backend(owned());
        assertThat(with.get("backend/tests/test_ownership.py")).contains("async def test_card_rows_are_their_owners_alone(")
                .contains("owner = \"author_id\"");
        assertThat(with.get("backend/tests/resources.py")).contains("        owned=True,");

        Map<String, String> front = Packs.render(owned(), new NextJsPack(), new DocsPack());
        assertThat(front.get("frontend/src/entities/card.ts")).contains("  ownedRows: true,");
        assertThat(front.get("frontend/src/entities/column.ts")).contains("  ownedRows: false,");
        assertThat(front.get("frontend/e2e/crud.spec.mjs")).contains("\"owned\": true");
        assertThat(front.get("docs/architecture.md")).contains("### Rows that belong to their owner (`ownership`)",
                "- Card: each row belongs to the user its `author_id` names");
        assertThat(front.get("README.md")).contains("## Private rows");

        Map<String, String> without = Packs.backend(UserRelationsViewTest.board());
        assertThat(without).doesNotContainKey("backend/tests/test_ownership.py");
        assertThat(without.get("backend/tests/resources.py")).doesNotContain("owned=True");
        assertThat(without.get("backend/app/routers/card.py")).doesNotContain("ensure_owner").contains("_admin: AdminUser");
        Map<String, String> plainFront = Packs.render(UserRelationsViewTest.board(), new NextJsPack(), new DocsPack());
        assertThat(plainFront.get("frontend/e2e/crud.spec.mjs")).doesNotContain("\"owned\"");
        assertThat(plainFront.get("docs/architecture.md")).doesNotContain("ownership");
    }
}
