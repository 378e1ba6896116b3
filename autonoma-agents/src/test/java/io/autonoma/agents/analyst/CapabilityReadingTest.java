package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.FieldType;
import org.junit.jupiter.api.Test;

/** Behaviour words become typed capabilities, on the entity they are about, in wordings of our own. */
class CapabilityReadingTest {
    private static final OfflineRequirementsAnalyst ANALYST = OfflineRequirementsAnalyst.create();

    private static io.autonoma.core.spec.Field field(AppSpec spec, String entity, String name) {
        return spec.entity(entity).orElseThrow().fields().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + entity + "." + name));
    }

    private static <T extends Capability> T only(AppSpec spec, Class<T> type) {
        SpecAssertions.assertSane(spec);
        assertThat(spec.capabilities()).as("capabilities of %s", spec.name()).filteredOn(type::isInstance).hasSize(1);
        return spec.capabilities().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void in_real_time_is_realtime_on_what_people_post() {
        Capability.Realtime c = only(ANALYST.analyze("A team chat where people post messages to channels in real time."),
                Capability.Realtime.class);
        assertThat(c.entity()).isEqualTo("Message");
    }

    @Test
    void submit_then_approve_or_reject_is_one_workflow_in_order() {
        AppSpec spec = ANALYST.analyze("Staff submit expense claims and managers approve or reject them.");
        Capability.Workflow w = only(spec, Capability.Workflow.class);

        assertThat(w.entity()).isEqualTo("ExpenseClaim");
        assertThat(w.transitions()).extracting(Capability.Transition::action).containsExactly("submit", "approve", "reject");
        assertThat(w.transitions().get(0).from()).containsExactly("draft");
        assertThat(w.transitions().get(1).from()).containsExactly("submitted");
        assertThat(w.transitions().get(1).roles()).contains("manager");
        assertThat(field(spec, "ExpenseClaim", w.field()).enumValues())
                .containsExactly("draft", "submitted", "approved", "rejected");
    }

    @Test
    void voting_on_ideas_is_a_vote_with_its_target_and_voter() {
        Capability.Vote v = only(ANALYST.analyze("Club members vote on which ideas the committee should fund next."),
                Capability.Vote.class);
        assertThat(v.target()).isEqualTo("idea");
        assertThat(v.voter()).isEqualTo("member");
    }

    @Test
    void dragging_cards_between_lists_orders_cards_in_their_list() {
        Capability.Ordering o = only(ANALYST.analyze("A task board with lists and cards that can be dragged between lists."),
                Capability.Ordering.class);
        assertThat(o.entity()).isEqualTo("Card");
    }

    @Test
    void a_shortener_without_the_word_url_still_shortens_what_people_paste() {
        AppSpec spec = ANALYST.analyze("A link shortener: people paste a long address and get a short code; opening the "
                + "short link redirects and counts visits.");
        Capability.ShortCode s = only(spec, Capability.ShortCode.class);

        assertThat(field(spec, s.entity(), s.target()).type()).isEqualTo(FieldType.URL);
        assertThat(field(spec, s.entity(), s.field()).unique()).isTrue();
    }

    @Test
    void photos_of_a_journal_take_image_uploads() {
        Capability.FileUpload f = only(ANALYST.analyze("Travel journal: trips with daily entries and photos."),
                Capability.FileUpload.class);
        assertThat(f.entity()).isEqualTo("Photo");
        assertThat(f.accept()).isEqualTo("image");
    }

    @Test
    void a_reminder_days_before_a_due_date_is_a_background_job() {
        Capability.BackgroundJob j = only(ANALYST.analyze("Household bills with a due date; send an email reminder three "
                + "days before a bill is due."), Capability.BackgroundJob.class);
        assertThat(j.field()).isEqualTo("due_date");
        assertThat(j.before()).isEqualTo("P3D");
    }

    @Test
    void their_own_private_items_are_owned() {
        Capability.Ownership o = only(ANALYST.analyze("Each employee keeps their own private to-do items."),
                Capability.Ownership.class);
        assertThat(o.entity()).isEqualTo("ToDoItem");
    }
}
