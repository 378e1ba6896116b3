package io.autonoma.agents.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Long relation names must still give lines that ruff format leaves alone (the hostile spec runs it in CI). */
class PyLayoutTest {
    @Test
    void a_long_union_annotation_goes_in_parentheses_and_a_short_one_stays_on_its_line() {
        assertThat(Py.annotated("owner_id", "OwnerIdValue | None", "None")).isEqualTo("    owner_id: OwnerIdValue | None = None");
        String name = "escalated_by_the_support_agent_who_filed_this_ticket_id";
        assertThat(Py.annotated(name, "EscalatedByTheSupportAgentWhoFiledThisTicketIdValue | None", "None"))
                .isEqualTo("    " + name + ": (\n        EscalatedByTheSupportAgentWhoFiledThisTicketIdValue | None\n    ) = None");
        // a single name has nothing to split: ruff keeps the long line
        assertThat(Py.annotated(name, "EscalatedByTheSupportAgentWhoFiledThisTicketIdValue", "[]"))
                .isEqualTo("    " + name + ": EscalatedByTheSupportAgentWhoFiledThisTicketIdValue = []");
        assertThat(Py.annotated("x", "int", null)).isEqualTo("    x: int");
    }

    @Test
    void model_dump_explodes_every_level_with_trailing_commas_when_too_long() {
        assertThat(BackendView.modelDump(List.of())).isEqualTo("payload.model_dump()");
        assertThat(BackendView.modelDump(List.of("exclude_unset=True", "exclude={\"tags_ids\"}")))
                .isEqualTo("payload.model_dump(exclude_unset=True, exclude={\"tags_ids\"})");
        assertThat(BackendView.modelDump(List.of("exclude_unset=True",
                "exclude={\"watching_employees_list_ids\", \"users_following_this_escalation_for_status_updates_ids\"}")))
                .isEqualTo("""
                        payload.model_dump(
                                exclude_unset=True,
                                exclude={
                                    "watching_employees_list_ids",
                                    "users_following_this_escalation_for_status_updates_ids",
                                },
                            )""");
    }
}
