package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.template.TemplateEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class OfflineRequirementsAnalystTest {
    private static final OfflineRequirementsAnalyst ANALYST = OfflineRequirementsAnalyst.create();

    private static Field field(AppSpec spec, String entity, String name) {
        return SpecAssertions.entity(spec, entity).fields().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + entity + "." + name + " in\n" + AppSpecJson.write(spec)));
    }

    // ------------------------------------------------------------------ errors

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t "})
    void rejects_blank_prompt(String prompt) {
        assertThatThrownBy(() -> ANALYST.analyze(prompt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prompt must not be blank");
    }

    @Test
    void rejects_overlong_prompt() {
        assertThatThrownBy(() -> ANALYST.analyze("tasks with a title. ".repeat(2000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most");
    }

    // ------------------------------------------------------------------ enums

    @ParameterizedTest
    @ValueSource(strings = {
        "Tickets have a title and a status (open, pending, closed).",
        "Tickets have a title and a status: open, pending or closed.",
        "Tickets have a title and a status which can be open, pending or closed.",
        "Tickets have a title and a status, one of open, pending or closed.",
        "Tickets have a title and a status of open, pending or closed.",
        "Tickets have a title and a status open/pending/closed.",
        "Tickets have a title and a status (open / pending / closed).",
        "Tickets have a title and a status (Open, Pending or Closed)."
    })
    void reads_enum_forms(String prompt) {
        Field status = field(ANALYST.analyze(prompt), "Ticket", "status");

        assertThat(status.type()).isEqualTo(FieldType.ENUM);
        assertThat(status.enumValues()).containsExactly("open", "pending", "closed");
        assertThat(status.defaultValue()).isEqualTo("open");
    }

    @Test
    void enum_values_become_snake_case() {
        Field status = field(ANALYST.analyze("Books have a title and a status (to read, currently reading, finished)."),
                "Book", "status");

        assertThat(status.enumValues()).containsExactly("to_read", "currently_reading", "finished");
    }

    @Test
    void priority_with_or_form_in_the_middle_of_a_list() {
        AppSpec spec = ANALYST.analyze("Tasks have a title, a priority: low, medium or high, and a due date.");

        assertThat(field(spec, "Task", "priority").enumValues()).containsExactly("low", "medium", "high");
        assertThat(field(spec, "Task", "due_date").type()).isEqualTo(FieldType.DATE);
    }

    // ------------------------------------------------------------------ ranges and types

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Users can rate recipes from 1 to 5. Recipes have a title.|1|5",
        "Users can rate recipes on a scale of 1 to 10. Recipes have a title.|1|10",
        "Users rate recipes between 0 and 3. Recipes have a title.|0|3",
        "Users can rate recipes 1-5. Recipes have a title.|1|5"
    })
    void rating_range_becomes_bounded_score(String prompt, int min, int max) {
        AppSpec spec = ANALYST.analyze(prompt);
        Field score = field(spec, "Rating", "score");

        assertThat(score.type()).isEqualTo(FieldType.INTEGER);
        assertThat(score.min()).isEqualByComparingTo(String.valueOf(min));
        assertThat(score.max()).isEqualByComparingTo(String.valueOf(max));
        SpecAssertions.check(spec, List.of("Rating->Recipe"));
    }

    @Test
    void field_range_in_a_list() {
        AppSpec spec = ANALYST.analyze("Reviews have a comment and a rating from 1 to 10.");

        assertThat(field(spec, "Review", "rating").max()).isEqualByComparingTo("10");
        assertThat(field(spec, "Review", "comment").type()).isEqualTo(FieldType.TEXT);
    }

    @Test
    void infers_types_from_names_and_words() {
        AppSpec spec = ANALYST.analyze("Events have a name, a start time, an end date, a ticket price, a fee, a number of "
                + "seats, a capacity, a website, a contact email, a phone number, a published flag, an is_free flag, "
                + "a description, notes, a duration in minutes, a distance in km and a birthday.");

        SpecAssertions.check(spec, List.of("Event.name:string", "Event.start_time:datetime", "Event.end_date:date?",
                "Event.ticket_price:decimal[0..]", "Event.fee:decimal", "Event.seats:integer[1..]", "Event.capacity:integer",
                "Event.website:url?", "Event.contact_email:email", "Event.phone_number:phone?", "Event.published:boolean",
                "Event.is_free:boolean", "Event.description:text?", "Event.notes:text?", "Event.duration:integer[0..]",
                "Event.distance:decimal", "Event.birthday:date?"));
        assertThat(field(spec, "Event", "published").defaultValue()).isEqualTo("false");
    }

    @Test
    void marks_names_required_and_identifiers_unique() {
        AppSpec spec = ANALYST.analyze("Members have a name, an email, a membership number and optional notes. "
                + "Products have a SKU, a barcode, a title and a colour (optional).");

        SpecAssertions.check(spec, List.of("Member.email!", "Member.membership_number!", "Member.notes?",
                "Product.sku!", "Product.barcode!", "Product.colour?"));
        assertThat(field(spec, "Member", "name").required()).isTrue();
        assertThat(field(spec, "Product", "title").required()).isTrue();
        assertThat(field(spec, "Product", "title").unique()).isFalse();
    }

    @Test
    void reserved_field_names_are_renamed() {
        AppSpec spec = ANALYST.analyze("Vehicles have a type, a class and a model.");

        SpecAssertions.check(spec, List.of("Vehicle.vehicle_type", "Vehicle.class_name", "Vehicle.model"));
        assertThat(spec.notes()).anyMatch(n -> n.contains("reserved"));
    }

    // ------------------------------------------------------------------ entities and relations

    @Test
    void relations_from_belong_to_work_at_linked_to_and_for_each() {
        AppSpec spec = ANALYST.analyze("Suppliers have a name. Purchase orders belong to a supplier and have an order date. "
                + "Companies have a name. Contacts with a first name that work at a company. Deals with a title linked to "
                + "a company. Recipes have a title. For each recipe there are steps with a position and a text.");

        SpecAssertions.check(spec, List.of("PurchaseOrder->Supplier as supplier", "Contact->Company as company",
                "Deal->Company as company"));
    }

    @Test
    void many_to_many_for_tags_and_one_to_many_for_children() {
        AppSpec spec = ANALYST.analyze("Posts have a title and a body; posts have tags. Projects have a name; projects have "
                + "tasks. Each recipe has ingredients with a name and an amount.");

        SpecAssertions.check(spec, List.of("Post<->Tag", "Tag.name!", "Task->Project", "Ingredient->Recipe",
                "Ingredient.amount:decimal"));
        assertThat(spec.relations()).filteredOn(r -> r.to().equals("Tag")).extracting(r -> r.name()).containsExactly("tags");
    }

    @Test
    void field_naming_an_entity_becomes_a_relation() {
        AppSpec spec = ANALYST.analyze("Expenses have an amount, a date and a category. Categories have a name.");

        SpecAssertions.check(spec, List.of("Expense->Category as category"));
        assertThat(SpecAssertions.entity(spec, "Expense").fields()).extracting(Field::name).doesNotContain("category");
    }

    @Test
    void app_users_are_not_entities_but_members_with_fields_are() {
        AppSpec users = ANALYST.analyze("Users keep notes with a title and a body. Readers leave comments on notes.");
        AppSpec members = ANALYST.analyze("A club app with members (name, email, membership number) and events (title, date).");

        assertThat(SpecAssertions.names(users)).containsExactlyInAnyOrder("Note", "Comment");
        SpecAssertions.check(members, List.of("Member.membership_number", "Event.date:date"));
    }

    @Test
    void users_given_fields_are_renamed_away_from_the_built_in_user() {
        AppSpec spec = ANALYST.analyze("Users have a name, a bio and an avatar url. Users write posts with a title.");

        assertThat(SpecAssertions.names(spec)).doesNotContain("User").contains("Member", "Post");
        assertThat(spec.notes()).anyMatch(n -> n.contains("'User' is reserved"));
    }

    @Test
    void reserved_entity_names_get_a_prefix() {
        AppSpec spec = ANALYST.analyze("A yoga studio app. Sessions have a title and a start time. Classes have a name.");

        assertThat(SpecAssertions.names(spec)).doesNotContain("Session", "Class").hasSize(2);
        SpecAssertions.assertSane(spec);
    }

    @Test
    void entity_without_fields_gets_a_sensible_default() {
        AppSpec spec = ANALYST.analyze("Posts have a title. Readers leave comments on posts. Posts have tags. "
                + "Users check in on posts each day.");

        SpecAssertions.check(spec, List.of("Comment.body:text", "Tag.name", "CheckIn.date:date", "CheckIn->Post"));
    }

    @Test
    void ignores_behaviour_and_filler() {
        AppSpec spec = ANALYST.analyze("A habit tracker. Habits have a name. The app shows the current streak and sends "
                + "reminders; users can search and filter everything.");

        assertThat(SpecAssertions.names(spec)).containsExactly("Habit");
    }

    @Test
    void names_the_app() {
        assertThat(ANALYST.analyze("A todo app where users keep tasks with a title.").name()).isEqualTo("Todo");
        assertThat(ANALYST.analyze("Inventory management for a small shop: products with a name.").name())
                .isEqualTo("Inventory management");
        assertThat(ANALYST.analyze("A simple CRM: companies with a name.").name()).isEqualTo("CRM");
        assertThat(ANALYST.analyze("Products have a name and a price.").name()).isEqualTo("Product manager");
    }

    // ------------------------------------------------------------------ determinism

    @Test
    void same_prompt_gives_equal_spec_and_identical_json() {
        String prompt = "A library system with books (title, author, ISBN, published year), members (name, email) and "
                + "loans that record which member borrowed which book, the loan date and the return date.";

        AppSpec a = ANALYST.analyze(prompt);
        AppSpec b = OfflineRequirementsAnalyst.create().analyze(prompt);

        assertThat(a).isEqualTo(b);
        assertThat(AppSpecJson.write(a)).isEqualTo(AppSpecJson.write(b));
        assertThat(ANALYST.analyze("a personal reading list app")).isEqualTo(ANALYST.analyze("a personal reading list app"));
    }

    // ------------------------------------------------------------------ archetypes

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a personal reading list app|reading-list",
        "A recipe box for my family|recipes",
        "help desk for our customers|helpdesk",
        "I want to keep track of my spending|expenses",
        "Lost and found board for our office building|noticeboard",
        "a blog|blog"
    })
    void prompt_naming_no_things_uses_nearest_archetype(String prompt, String archetype) {
        AppSpec spec = ANALYST.analyze(prompt);

        SpecAssertions.assertSane(spec);
        assertThat(spec.description()).isEqualTo(prompt);
        assertThat(spec.notes()).anyMatch(n -> n.matches(".*used archetype '" + archetype + "' \\(score \\d\\.\\d\\d\\)\\."));
        assertThat(spec.entities()).isEqualTo(Archetypes.spec(archetype).orElseThrow().entities());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "something to track my workouts|Workout|the archetype 'workout-log'",
        "an app for my dental clinic appointments|ClinicAppointment|the app-domain layer (appointment)",
        "a kanban board for my team's projects|Project|the app-domain layer (project)"
    })
    void things_named_without_fields_are_the_app_and_get_fields_from_a_named_source(String prompt, String entity,
            String source) {
        AppSpec spec = ANALYST.analyze(prompt);

        SpecAssertions.assertSane(spec);
        assertThat(SpecAssertions.names(spec)).containsExactly(entity);
        assertThat(spec.entities().get(0).fields()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(spec.notes()).noneMatch(n -> n.contains("used archetype"))
                .anyMatch(n -> n.startsWith(entity + " had no field list in the prompt; inferred") && n.contains(source));
    }

    @Test
    void archetype_note_names_the_reason() {
        AppSpec spec = ANALYST.analyze("a personal reading list app");

        assertThat(spec.notes().get(0)).startsWith("No entities named in the prompt; used archetype 'reading-list' (score ");
    }

    @Test
    void uses_the_given_template_index() {
        FakeTemplateIndex index = new FakeTemplateIndex();
        AppSpec custom = AppSpec.builder("Garden").description("garden planner: beds and plants")
                .entity(new io.autonoma.core.spec.Entity("Bed", List.of(Field.builder("name", FieldType.STRING).build())))
                .build();
        index.add(new TemplateEntry("archetype:garden", Archetypes.COLLECTION, "Garden", "garden planner beds plants",
                AppSpecJson.write(custom), List.of(), Map.of()));
        index.add(new TemplateEntry("code:garden", "code_templates", "Garden code", "garden planner beds plants",
                "not a spec", List.of(), Map.of()));
        OfflineRequirementsAnalyst analyst = OfflineRequirementsAnalyst.builder().templateIndex(index).build();

        AppSpec spec = analyst.analyze("my garden planner");

        assertThat(SpecAssertions.names(spec)).containsExactly("Bed");
        assertThat(spec.notes().get(0)).contains("used archetype 'garden'");
        assertThat(index.queries).allSatisfy(q -> assertThat(q.collection()).contains("project_templates"));
    }

    @Test
    void skips_index_entries_that_are_not_valid_specs() {
        FakeTemplateIndex index = new FakeTemplateIndex();
        index.add(new TemplateEntry("archetype:broken", Archetypes.COLLECTION, "Garden", "garden planner", "{ nope",
                List.of(), Map.of()));
        index.addAll(Archetypes.entries());
        OfflineRequirementsAnalyst analyst = OfflineRequirementsAnalyst.builder().templateIndex(index).build();

        AppSpec spec = analyst.analyze("my garden planner");

        SpecAssertions.assertSane(spec);
        assertThat(spec.notes().get(0)).doesNotContain("'broken'");
    }

    @Test
    void empty_index_falls_back_to_the_default_archetype() {
        OfflineRequirementsAnalyst analyst = OfflineRequirementsAnalyst.builder().templateIndex(new FakeTemplateIndex())
                .defaultArchetype("note-taking").build();

        AppSpec spec = analyst.analyze("please make it nice and fast");

        assertThat(spec.entities()).isEqualTo(Archetypes.spec("note-taking").orElseThrow().entities());
        assertThat(spec.notes().get(0)).contains("default archetype 'note-taking'");
    }

    @Test
    void failing_index_falls_back_to_the_shipped_archetypes() {
        FakeTemplateIndex broken = new FakeTemplateIndex() {
            @Override
            public List<io.autonoma.core.template.TemplateMatch> search(io.autonoma.core.template.TemplateQuery q) {
                throw new IllegalStateException("database is down");
            }
        };
        OfflineRequirementsAnalyst analyst = OfflineRequirementsAnalyst.builder().templateIndex(broken).build();

        AppSpec spec = analyst.analyze("a personal reading list app");

        assertThat(spec.notes().get(0)).contains("used archetype 'reading-list'");
        assertThat(spec.notes()).anyMatch(n -> n.contains("database is down"));
        assertThat(analyst.analyze("Tasks have a title.").entities()).hasSize(1);
    }

    @Test
    void builder_validates() {
        assertThatThrownBy(() -> OfflineRequirementsAnalyst.builder().defaultArchetype("nope").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reading-list");
        assertThatThrownBy(() -> OfflineRequirementsAnalyst.builder().minArchetypeScore(2).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void explicit_fields_win_over_archetypes() {
        AppSpec spec = ANALYST.analyze("A reading list app: books have a title and a page count.");

        assertThat(SpecAssertions.names(spec)).containsExactly("Book");
        assertThat(spec.notes()).noneMatch(n -> n.contains("archetype"));
    }
}
