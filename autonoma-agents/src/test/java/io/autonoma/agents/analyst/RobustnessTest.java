package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.spec.AppSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Odd, sloppy or hostile prompts still give a valid spec (or the documented error). */
class RobustnessTest {
    private static final OfflineRequirementsAnalyst ANALYST = OfflineRequirementsAnalyst.create();

    @ParameterizedTest
    @ValueSource(strings = {
        "Products: name, price.",
        "A todo app.",
        "tasks",
        "Tasks!!!",
        "Tasks with a title; tasks with a title; TASKS WITH A TITLE.",
        "An app where users can do things with stuff, etc.",
        "Une application pour gérer des recettes avec un titre et une durée.",
        "Products (name, price (in €), stock (optional)), orders (date, status (new, paid, shipped)).",
        "Users with an email and a password.",
        "Items have a type, a class, a default, an id, a created_at and a from.",
        "Sessions, tokens, settings and configs have a name.",
        "Orders have 1 to 3 items; items have a 2nd name and a 3d model.",
        "A blog where posts have a title, a title and a TITLE.",
        "The system stores dates, times and numbers.",
        "Employees have a name and a manager. Managers are employees.",
        "Categories have subcategories. Subcategories have a name.",
        "Tasks have subtasks and a parent task.",
        "I want an app.",
        "a b c d e f g",
        "(((",
        ")) : ; , , and or",
        "Books (title, author (name, bio), isbn).",
        "Posts have tags, tags have posts.",
        "Robert'); DROP TABLE students;-- have a name",
        "<script>alert(1)</script> tasks with a title",
        "Orders have a status (1st, 2nd, 3rd) and a code (A/B).",
        "Invoices have a total of $100 and a due date of 2025-01-01.",
        "Track books, movies and games I own.",
        "Build me a time-tracking tool: clients, projects for each client with an hourly rate, and time entries with a "
                + "start, an end and a description.",
        "Our café needs to track menu items with a name, a price and allergens, and daily specials.",
        "Things have stuff and data has info.",
        "123 456",
        "Très bien: Produits avec un nom.",
        "Projects have a name that is very very very very long and descriptive and a budget."
    })
    void always_returns_a_valid_spec(String prompt) {
        AppSpec spec = ANALYST.analyze(prompt);

        SpecAssertions.assertSane(spec);
        assertThat(spec.description()).isEqualTo(prompt.strip());
        assertThat(spec.name()).matches("[A-Za-z][A-Za-z0-9 _-]{0,62}");
    }

    @Test
    void long_prompt_with_many_entities_stays_valid() {
        StringBuilder b = new StringBuilder("A big system. ");
        for (String noun : List.of("products", "suppliers", "orders", "customers", "invoices", "payments", "shipments",
                "warehouses", "employees", "departments", "projects", "tasks", "tickets", "comments", "tags")) {
            b.append(noun).append(" have a name, a description, a status (new, active, closed) and a price. ");
        }
        AppSpec spec = ANALYST.analyze(b.toString());

        SpecAssertions.assertSane(spec);
        assertThat(spec.entities()).hasSizeGreaterThanOrEqualTo(14);
    }

    @Test
    void time_tracking_with_entity_list_after_colon() {
        AppSpec spec = ANALYST.analyze("Build me a time-tracking tool: clients, projects for each client with an hourly rate, "
                + "and time entries with a start, an end and a description.");

        SpecAssertions.check(spec, List.of("Project.hourly_rate:decimal", "Project->Client", "TimeEntry.start:datetime",
                "TimeEntry.end:datetime?", "TimeEntry.description:text?", "Client.name"));
    }

    @Test
    void qualified_fields_that_name_an_entity_become_named_relations() {
        AppSpec spec = ANALYST.analyze("Teams have players; players have a name, a jersey number and a position "
                + "(goalkeeper, defender, midfielder, forward); matches have a date, a home team, an away team and a score.");

        SpecAssertions.check(spec, List.of("Player->Team as team", "Match->Team as home_team", "Match->Team as away_team",
                "Player.position=[goalkeeper,defender,midfielder,forward]", "Match.score:integer"));
    }

    @Test
    void decimal_ranges_and_dates_are_not_confused() {
        AppSpec spec = ANALYST.analyze("Events have a date from 2024 to 2025 and a price between 10.5 and 20.");

        SpecAssertions.check(spec, List.of("Event.date:date", "Event.price:decimal"));
        assertThat(spec.entity("Event").orElseThrow().fields().get(1).min()).isEqualByComparingTo("10.5");
    }

    @Test
    void actor_with_intent_verb_is_not_an_entity() {
        AppSpec spec = ANALYST.analyze("Our café needs to track menu items with a name, a price and allergens.");

        SpecAssertions.check(spec, List.of("MenuItem.name", "MenuItem.price:decimal", "-Cafe", "-Caf"));
    }
}
