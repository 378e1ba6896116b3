package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
    void an_export_to_csv_and_an_import_from_a_spreadsheet_are_jobs_of_the_entity_they_name() {
        AppSpec spec = ANALYST.analyze("A contacts app where I keep contacts with a name, an email and a phone. I can "
                + "export my contacts to CSV and import them from a spreadsheet.");
        assertThat(spec.capabilities(Capability.BackgroundJob.class)).extracting(Capability.BackgroundJob::entity,
                Capability.BackgroundJob::kind).containsExactly(tuple("Contact", "export"), tuple("Contact", "import"));
        assertThat(spec.entities()).extracting(e -> e.name()).containsExactly("Contact");
    }

    @Test
    void their_own_private_items_are_owned() {
        Capability.Ownership o = only(ANALYST.analyze("Each employee keeps their own private to-do items."),
                Capability.Ownership.class);
        assertThat(o.entity()).isEqualTo("ToDoItem");
    }

    // ------------------------------------------------------------------ limits

    private static void noLimit(String prompt) {
        AppSpec spec = ANALYST.analyze(prompt);
        SpecAssertions.assertSane(spec);
        assertThat(spec.capabilities()).as("capabilities of '%s'", prompt).noneMatch(Capability.Limit.class::isInstance);
    }

    @Test
    void a_number_per_thing_is_a_fixed_limit_on_the_counted_rows() {
        Capability.Limit l = only(ANALYST.analyze("Dinner club: hosts plan dinners and members RSVP, a maximum of eight "
                + "guests per dinner."), Capability.Limit.class);
        assertThat(l.entity()).isEqualTo("Rsvp");
        assertThat(l.parent()).isEqualTo("dinner");
        assertThat(l.max()).isEqualTo(8);
        assertThat(l.maxField()).isNull();
    }

    @Test
    void each_after_what_people_do_limits_per_user() {
        AppSpec spec = ANALYST.analyze("Seed library: gardeners borrow seed packets, up to two loans each.");
        Capability.Limit l = only(spec, Capability.Limit.class);
        assertThat(l.entity()).isEqualTo("Loan");
        assertThat(l.max()).isEqualTo(2);
        assertThat(l.parentRelation(spec).orElseThrow().to()).isEqualTo(AppSpec.USER_ENTITY);
    }

    @Test
    void a_limit_on_what_people_borrow_counts_their_loans() {
        AppSpec spec = ANALYST.analyze("Each student may borrow at most four laptops at a time.");
        Capability.Limit l = only(spec, Capability.Limit.class);
        assertThat(l.entity()).isEqualTo("Loan");
        assertThat(l.max()).isEqualTo(4);
        assertThat(l.parentRelation(spec).orElseThrow().to()).isEqualTo(AppSpec.USER_ENTITY);
    }

    @Test
    void limited_to_a_number_per_person_keeps_them_users_and_makes_no_stray_entity() {
        AppSpec spec = ANALYST.analyze("Coworking desks: members reserve desks, limited to 5 reservations per member.");
        Capability.Limit l = only(spec, Capability.Limit.class);
        assertThat(l.entity()).isEqualTo("Reservation");
        assertThat(l.max()).isEqualTo(5);
        assertThat(l.parentRelation(spec).orElseThrow().to()).isEqualTo(AppSpec.USER_ENTITY);
        assertThat(spec.entity("Limited")).isEmpty();
    }

    @Test
    void an_open_qualifier_counts_only_that_state_of_a_workflow() {
        AppSpec spec = ANALYST.analyze("Helpdesk: staff open tickets that agents resolve, at most three open tickets per "
                + "staff member.");
        Capability.Limit l = only(spec, Capability.Limit.class);
        assertThat(l.entity()).isEqualTo("Ticket");
        assertThat(l.max()).isEqualTo(3);
        assertThat(l.states()).containsExactly("open");
    }

    @Test
    void a_qualifier_without_a_status_field_counts_every_row() {
        Capability.Limit l = only(ANALYST.analyze("Camera club: members borrow lenses, at most 2 active loans per member."),
                Capability.Limit.class);
        assertThat(l.entity()).isEqualTo("Loan");
        assertThat(l.states()).isEmpty();
    }

    @Test
    void limited_places_are_the_capacity_of_what_is_booked_not_a_thing() {
        AppSpec spec = ANALYST.analyze("Pottery workshops with limited places; customers book a workshop.");
        Capability.Limit l = only(spec, Capability.Limit.class);
        assertThat(l.entity()).isEqualTo("Booking");
        assertThat(l.max()).isNull();
        String parent = l.parentRelation(spec).orElseThrow().to();
        assertThat(field(spec, parent, l.maxField()).type()).isEqualTo(FieldType.INTEGER);
        assertThat(spec.entities()).noneMatch(e -> e.name().endsWith("Place"));
    }

    @Test
    void seats_are_limited_caps_what_was_just_reserved() {
        AppSpec spec = ANALYST.analyze("Cinema: screenings are listed weekly and moviegoers reserve tickets; seats are limited.");
        Capability.Limit l = only(spec, Capability.Limit.class);
        assertThat(l.entity()).isEqualTo("Reservation");
        assertThat(l.parent()).isEqualTo("screening");
        // a cancelled reservation takes no seat: only the states of the status that have not ended count
        assertThat(l.states()).isNotEmpty().doesNotContain("cancelled")
                .isSubsetOf(field(spec, "Reservation", "status").enumValues());
        assertThat(field(spec, "Screening", l.maxField()).type()).isEqualTo(FieldType.INTEGER);
        assertThat(spec.entities()).noneMatch(e -> e.name().endsWith("Seat"));
    }

    @Test
    void a_session_with_a_capacity_limits_its_registrations() {
        AppSpec spec = ANALYST.analyze("Climbing wall: staff schedule sessions, each session has a maximum capacity and "
                + "climbers reserve a slot.");
        Capability.Limit l = only(spec, Capability.Limit.class);
        assertThat(l.entity()).isEqualTo("Reservation");
        assertThat(l.maxField()).isEqualTo("capacity");
    }

    @Test
    void limited_editions_unlimited_storage_and_rates_per_thing_are_no_limits() {
        noLimit("A limited edition print shop where artists sell prints to collectors.");
        noLimit("Cloud notes with unlimited storage: people write notes in notebooks.");
        noLimit("Vineyard log: vines by block and the grape yield per vine.");
        noLimit("Rental reminders: landlords keep leases and renters get an email up to 2 days before a lease ends.");
        noLimit("Conference rooms have a name, a floor and a capacity; staff book rooms.");
        noLimit("Guest house: rooms cost 80 per night and guests book rooms.");
    }
}
