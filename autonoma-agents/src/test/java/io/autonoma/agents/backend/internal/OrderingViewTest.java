package io.autonoma.agents.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.architecture.DocsPack;
import io.autonoma.agents.frontend.NextJsPack;
import io.autonoma.agents.testkit.Packs;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ordering capability in the packs: a server-made position, new rows last, a move endpoint, the hooks of the
 * writes that change a parent's rows, and the frontend's board page with dnd-kit. That the order holds under
 * concurrent moves is proven by running the generated tests/test_ordering.py (ci/test-generated.sh); this test pins
 * where it is wired in.
 */
class OrderingViewTest {

    /** Songs in order within their setlist (any names: nothing here is about kanban boards). */
    private static AppSpec setlists() {
        return AppSpec.builder("Gigs")
                .entity(new Entity("Setlist", List.of(Field.builder("title", FieldType.STRING).build())))
                .entity(new Entity("Song", List.of(Field.builder("title", FieldType.STRING).build(),
                        Field.builder("slot", FieldType.INTEGER).build())))
                .relation(new Relation("Song", "Setlist", RelationKind.MANY_TO_ONE, "setlist", true))
                .capability(new Capability.Ordering("Song", "slot", "setlist"))
                .build();
    }

    @Test
    void the_position_is_server_made_and_every_write_that_changes_a_parents_rows_renumbers_them() {
        Map<String, String> files = Packs.backend(setlists());
        String schemas = files.get("backend/app/schemas/song.py");
        assertThat(schemas.substring(schemas.indexOf("class SongCreate"), schemas.indexOf("class SongRead"))).doesNotContain("slot");
        assertThat(schemas).contains("class SongMove(BaseModel):", "    setlist_id: Annotated[int, Field(ge=1, le=MAX_INT)] | None = None",
                "    position: int = Field(ge=0, le=MAX_INT)");
        String router = files.get("backend/app/routers/song.py");
        assertThat(router).containsPattern("_ORDER = Order\\(Song, \"slot\", \"setlist_id\", Setlist, lock_key=\\d+\\)")
                .contains("    data[\"slot\"] = await append(session, _ORDER, data.get(\"setlist_id\"))",
                        "    await reparent(session, _ORDER, obj, data.get(\"setlist_id\", obj.setlist_id))",
                        "    await leave(session, _ORDER, obj)", "    \"/{song_id}/move\",", "async def move_song(",
                        "    await move(session, _ORDER, obj, parent_id, payload.position)");
        assertThat(router.indexOf("await append(")).isLessThan(router.indexOf("obj = Song(**data)"));
        assertThat(router.indexOf("await leave(")).isLessThan(router.indexOf("await session.delete(obj)"));
        assertThat(files.get("backend/app/ordering.py")).contains(".with_for_update()", "pg_advisory_xact_lock");
        assertThat(files.get("backend/tests/test_ordering.py")).contains("@pytest.mark.concurrency",
                "async def test_song_order_holds_under_concurrent_moves(", "async def test_song_moves_to_another_parent_and_both_are_renumbered(",
                "async def test_song_move_to_a_missing_parent_or_row_is_refused(");
        assertThat(files.get("backend/app/routers/setlist.py")).doesNotContain("_ORDER").doesNotContain("/move");
    }

    @Test
    void an_app_without_ordering_gets_none_of_it() {
        AppSpec plain = setlists().toBuilder().build();
        AppSpec none = new AppSpec(plain.name(), plain.description(), plain.entities(), plain.relations(), List.of(), plain.roles(),
                plain.pages(), plain.features(), plain.notes());
        Map<String, String> files = new java.util.HashMap<>(Packs.render(none, new NextJsPack(), new DocsPack()));
        files.putAll(Packs.backend(none));
        assertThat(files).doesNotContainKeys("backend/app/ordering.py", "backend/tests/test_ordering.py",
                "frontend/src/components/entity-board.tsx", "frontend/src/app/songs/board/page.tsx");
        assertThat(files.get("frontend/package.json")).doesNotContain("@dnd-kit");
    }

    @Test
    void the_frontend_has_a_board_with_dnd_kit_and_the_browser_test_moves_a_row_by_keyboard_and_by_mouse() {
        Map<String, String> front = Packs.render(setlists(), new NextJsPack(), new DocsPack());
        assertThat(front.get("frontend/package.json")).contains("\"@dnd-kit/core\": \"6.3.1\"", "\"@dnd-kit/sortable\": \"10.0.0\"");
        assertThat(front.get("frontend/package-lock.json")).contains("\"node_modules/@dnd-kit/core\": {", "\"@dnd-kit/core\": \"6.3.1\"");
        assertThat(front.get("frontend/src/app/songs/board/page.tsx")).contains("parent={setlistConfig}", "parentField=\"setlist_id\"",
                "positionField=\"slot\"", "parentSort=\"id\"");
        assertThat(front.get("frontend/src/app/songs/page.tsx")).contains("href=\"/songs/board\"");
        assertThat(front.get("frontend/src/app/setlists/page.tsx")).doesNotContain("board");
        assertThat(front.get("frontend/src/components/entity-board.tsx")).contains("KeyboardSensor", "sortableKeyboardCoordinates",
                "onMutate", "/move`");
        assertThat(front.get("frontend/e2e/crud.spec.mjs")).contains("\"board\": { \"route\": \"/songs/board\", \"parent\": \"/setlists\" }",
                "page.mouse.down()", "page.keyboard.press(\"ArrowUp\")");
        assertThat(front.get("docs/architecture.md")).contains("### Rows in order (`ordering`)",
                "- Song rows keep their order in `slot` within their Setlist (`setlist_id`)");
    }

    @Test
    void an_ordered_link_whose_only_field_is_its_position_still_generates() throws Exception {
        // a song on a setlist: the position is the server's, so clients send only the two references
        AppSpec spec = io.autonoma.core.spec.AppSpecJson.read(new String(OrderingViewTest.class
                .getResourceAsStream("/specs/position-only.app-spec.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        Map<String, String> files = new java.util.HashMap<>(Packs.backend(spec));
        files.putAll(Packs.render(spec, new NextJsPack(), new DocsPack()));
        assertThat(files.get("backend/app/schemas/setlist_song.py")).contains("class SetlistSongCreate");
    }
}
