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
 * The limit capability in the packs: the parent row locked and the rows counted in the transaction of a create or a
 * move, the 409, the tests, the parent's page and the browser step. That the limit holds (also under concurrent
 * requests) is proven by running the generated tests/test_limits.py (ci/test-generated.sh); this test pins the wiring.
 */
class LimitViewTest {

    /** Shifts with a number of seats; signups with a status, limited per shift (seats) and per volunteer (2 active). */
    private static AppSpec shifts() {
        return AppSpec.builder("Shifts")
                .entity(new Entity("Shift", List.of(Field.builder("title", FieldType.STRING).build(),
                        Field.builder("seats", FieldType.INTEGER).min(1).build())))
                .entity(new Entity("Signup", List.of(Field.builder("status", FieldType.ENUM).enumValues(List.of("active", "withdrawn"))
                        .defaultValue("active").build())))
                .relation(new Relation("Signup", "Shift", RelationKind.MANY_TO_ONE, "shift", true))
                .relation(new Relation("Signup", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "volunteer", true))
                .capability(new Capability.Limit("Signup", "shift", null, "seats", List.of("active")))
                .capability(new Capability.Limit("Signup", "volunteer", 2, null, List.of("active")))
                .build();
    }

    @Test
    void creates_and_moves_check_room_under_each_limit_before_the_commit() {
        Map<String, String> files = Packs.backend(shifts());
        String router = files.get("backend/app/routers/signup.py");
        assertThat(router).contains("from app.limits import SIGNUP_PER_SHIFT, SIGNUP_PER_VOLUNTEER, ensure_room",
                "    await ensure_room(session, SIGNUP_PER_SHIFT, data)\n    await ensure_room(session, SIGNUP_PER_VOLUNTEER, data)",
                "    await ensure_room(session, SIGNUP_PER_SHIFT, data, obj)");
        assertThat(router.indexOf("ensure_room(session, SIGNUP_PER_SHIFT, data)")).isLessThan(router.indexOf("await commit_or_409(session, _CONFLICT)"));
        // the update checks before the changes are applied to the row, which still says where it was
        assertThat(router.indexOf("ensure_room(session, SIGNUP_PER_SHIFT, data, obj)")).isLessThan(router.indexOf("setattr(obj, key, value)"));
        String limits = files.get("backend/app/limits.py");
        assertThat(limits).contains("SIGNUP_PER_SHIFT = Limit(", "    max_field=\"seats\",", "    states=(\"active\",),",
                "    \"signups with status active\",", "SIGNUP_PER_VOLUNTEER = Limit(", "    maximum=2,", "from app.models.user import User",
                "query.with_for_update(key_share=True)", "has reached its limit of {maximum} {limit.noun}");
        assertThat(files.get("backend/app/routers/shift.py")).doesNotContain("ensure_room");
    }

    @Test
    void the_tests_fill_each_limit_and_race_it_without_reaching_another_limit_first() {
        Map<String, String> files = Packs.backend(shifts());
        String tests = files.get("backend/tests/test_limits.py");
        assertThat(tests).contains("async def test_signup_per_shift_takes_rows_up_to_its_limit_then_409(",
                "async def test_signup_per_shift_refuses_a_row_moved_to_a_full_parent(",
                "async def test_signup_per_shift_counts_only_rows_in_its_states(",
                "@pytest.mark.concurrency\nasync def test_signup_per_shift_limit_holds_under_concurrent_creates(",
                "async def test_signup_per_volunteer_takes_rows_up_to_its_limit_then_409(");
        // one volunteer makes all the rows of the per-shift tests: fewer than the volunteer's limit of 2
        assertThat(tests).contains("path, limit, requests = \"/api/v1/signups\", 1, 21", "path, limit, requests = \"/api/v1/signups\", 2, 22");
        // the generic tests make many rows as one user: their samples do not count
        assertThat(files.get("backend/tests/resources.py")).contains("\"status\": \"withdrawn\",");
    }

    @Test
    void the_parent_page_shows_how_full_it_is_and_the_browser_test_fills_it() {
        Map<String, String> front = Packs.render(shifts(), new NextJsPack(), new DocsPack());
        assertThat(front.get("frontend/src/app/shifts/[id]/page.tsx")).contains("import { signupsApi } from \"@/lib/api\";",
                "limits={[{ label: \"Signups (active)\", queryKey: \"signups\", list: signupsApi.list, parentFilter: \"shift_id\", max: null, "
                        + "maxField: \"seats\", state: { field: \"status\", values: [\"active\"] } }]}");
        assertThat(front).containsKey("frontend/src/components/limit-usage.tsx");
        assertThat(front.get("frontend/src/app/signups/[id]/page.tsx")).doesNotContain("LimitUsage");
        assertThat(front.get("frontend/e2e/crud.spec.mjs")).contains("\"parentLabel\": \"Shift\"", "\"maxField\": \"seats\"",
                "if (entity.limit) {", "for (const row of limitRows) {");
        assertThat(front.get("docs/architecture.md")).contains("### Limits (`limit`)",
                "- at most its `seats` Signup rows per Shift (`shift_id`), counting those whose `status` is `active`",
                "- at most 2 Signup rows per user (`volunteer_id`)");
    }

    @Test
    void apps_without_limits_get_none_of_it() {
        AppSpec plain = AppSpec.builder("Plain").entity(new Entity("Task", List.of(Field.builder("title", FieldType.STRING).build()))).build();
        Map<String, String> files = new java.util.HashMap<>(Packs.render(plain, new NextJsPack(), new DocsPack()));
        files.putAll(Packs.backend(plain));
        assertThat(files).doesNotContainKeys("backend/app/limits.py", "backend/tests/test_limits.py", "frontend/src/components/limit-usage.tsx");
        assertThat(files.get("frontend/e2e/crud.spec.mjs")).doesNotContain("limit");
        assertThat(files.get("docs/architecture.md")).doesNotContain("Limits");
    }
}
