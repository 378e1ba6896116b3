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
import io.autonoma.core.spec.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workflow capability in the packs: the state is server-made, the actions router moves it by compare-and-set,
 * every move is recorded in a history table of the migration, and a role of the app's own can be given on /roles.
 * That the rules hold is proven by running the generated tests/test_workflow.py (ci/test-generated.sh).
 */
class WorkflowViewTest {

    /** Expenses are drafted, submitted, then approved by a reviewer or sent back; anyone may submit. */
    private static AppSpec expenses() {
        return AppSpec.builder("Expenses")
                .entity(new Entity("Expense", List.of(Field.builder("amount", FieldType.DECIMAL).build(),
                        Field.builder("stage", FieldType.ENUM).enumValues(List.of("draft", "submitted", "approved")).build())))
                .role(new Role("reviewer", List.of()))
                .capability(new Capability.Workflow("Expense", "stage", List.of(
                        new Capability.Transition("submit", List.of("draft"), "submitted", List.of()),
                        new Capability.Transition("approve", List.of("submitted"), "approved", List.of("reviewer")),
                        new Capability.Transition("send_back", List.of("submitted"), "draft", List.of("admin")))))
                .build();
    }

    @Test
    void the_state_is_server_made_and_moves_only_by_compare_and_set() {
        Map<String, String> files = Packs.backend(expenses());
        String schemas = files.get("backend/app/schemas/expense.py");
        assertThat(schemas.substring(schemas.indexOf("class ExpenseCreate"), schemas.indexOf("class ExpenseRead"))).doesNotContain("stage");
        assertThat(files.get("backend/app/models/expense.py")).contains("nullable=False", "default=\"draft\"");
        String actions = files.get("backend/app/routers/expense_actions.py");
        assertThat(actions).contains("@router.post(\"/{expense_id}/actions/{action}\"", ".where(Expense.id == expense_id, Expense.stage == source)",
                "    \"submit\": Step((\"draft\",), \"submitted\", ()),", "    SEND_BACK = \"send_back\"");
        assertThat(files.get("backend/app/main.py")).contains("app.include_router(expense_actions.router)",
                "app.include_router(roles.router)");
        assertThat(files.get("backend/app/routers/roles.py")).contains("    REVIEWER = \"reviewer\"");
    }

    @Test
    void every_move_is_recorded_in_a_table_the_migration_creates() {
        Map<String, String> files = Packs.backend(expenses());
        assertThat(files.get("backend/app/models/expense_transition.py")).contains("class ExpenseTransition(TimestampMixin, Base):",
                "__tablename__ = \"expense_transitions\"");
        String migration = files.entrySet().stream().filter(e -> e.getKey().startsWith("backend/alembic/versions/")).findFirst()
                .orElseThrow().getValue();
        assertThat(migration).contains("\"expense_transitions\"", "name=\"fk_expense_transitions_expense_id_expenses\"",
                "ondelete=\"CASCADE\"", "ondelete=\"SET NULL\"");
        assertThat(migration.indexOf("\"expense_transitions\"")).isGreaterThan(migration.indexOf("\"expenses\""));
    }

    @Test
    void tests_reach_every_action_from_the_initial_state_and_check_roles() {
        String tests = Packs.backend(expenses()).get("backend/tests/test_workflow.py");
        assertThat(tests).contains("async def test_expense_submit_from_draft_records_who_moved_it(",
                "async def test_expense_approve_from_submitted_is_kept_for_reviewer(",
                "async def test_expense_send_back_from_submitted_is_kept_for_admins(",
                "@pytest.mark.concurrency\nasync def test_expense_only_one_of_20_simultaneous_submit_requests_moves_it(");
        // approve starts where submit leads: the test walks there first
        String approve = tests.substring(tests.indexOf("def test_expense_approve_from_submitted_records"));
        assertThat(approve.substring(0, approve.indexOf("\n\n\n"))).contains("    await walk(client, admin_headers, url, \"submit\")");
    }

    @Test
    void the_frontend_offers_actions_by_state_and_role_and_the_docs_describe_them() {
        Map<String, String> files = Packs.render(expenses(), new NextJsPack(), new DocsPack());
        assertThat(files.get("frontend/src/entities/expense.ts")).contains("workflow: { field: \"stage\", steps: [{ action: \"submit\"");
        assertThat(files.get("frontend/src/lib/app.ts")).contains("ASSIGNABLE_ROLES: string[] = [\"admin\", \"user\", \"reviewer\"]");
        assertThat(files).containsKey("frontend/src/app/roles/page.tsx");
        assertThat(files.get("docs/architecture.md")).contains("### Workflows (`workflow`)", "Expense.`stage`: `approve` moves submitted to approved (reviewer)");
    }

    @Test
    void an_app_without_a_role_of_its_own_gets_no_roles_page() {
        AppSpec plain = expenses().toBuilder().build();
        AppSpec noRoles = new AppSpec(plain.name(), plain.description(), plain.entities(), plain.relations(),
                List.of(new Capability.Workflow("Expense", "stage", List.of(
                        new Capability.Transition("submit", List.of("draft"), "submitted", List.of())))),
                List.of(), plain.pages(), plain.features(), plain.notes());
        assertThat(Packs.backend(noRoles)).doesNotContainKey("backend/app/routers/roles.py").containsKey("backend/app/routers/expense_actions.py");
        assertThat(Packs.render(noRoles, new NextJsPack())).doesNotContainKey("frontend/src/app/roles/page.tsx");
    }

    @Test
    void a_limit_on_a_workflow_state_counts_new_rows_from_the_initial_state_and_is_freed_by_an_action() {
        AppSpec spec = AppSpec.builder("Workshops")
                .entity(new Entity("Workshop", List.of(Field.builder("capacity", FieldType.INTEGER).build())))
                .entity(new Entity("Booking", List.of(Field.builder("stage", FieldType.ENUM)
                        .enumValues(List.of("pending", "confirmed", "rejected")).build())))
                .relation(new io.autonoma.core.spec.Relation("Booking", "Workshop", io.autonoma.core.spec.RelationKind.MANY_TO_ONE,
                        "workshop", true))
                .capability(new Capability.Workflow("Booking", "stage", List.of(
                        new Capability.Transition("confirm", List.of("pending"), "confirmed", List.of()),
                        new Capability.Transition("reject", List.of("pending"), "rejected", List.of()))))
                .capability(new Capability.Limit("Booking", "workshop", null, "capacity", List.of("pending", "confirmed")))
                .build();
        Map<String, String> files = Packs.backend(spec);
        // the spec gives the state no default: new rows still start in the workflow's first state, which counts
        assertThat(files.get("backend/app/limits.py")).contains("initial=\"pending\"");
        assertThat(files.get("backend/app/routers/booking_actions.py"))
                .contains("await ensure_room(session, BOOKING_PER_WORKSHOP, {\"stage\": step.target}, obj)");
        assertThat(files.get("backend/tests/test_limits.py"))
                .contains("async def test_booking_per_workshop_a_row_an_action_takes_out_of_its_states_frees_its_place(",
                        "/actions/reject\"").doesNotContain("counts_only_rows_in_its_states");
    }
}
