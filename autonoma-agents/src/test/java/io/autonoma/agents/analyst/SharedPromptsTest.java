package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The example prompts in the repository's {@code prompts/prompts.jsonl}. */
class SharedPromptsTest {
    private static final OfflineRequirementsAnalyst ANALYST = OfflineRequirementsAnalyst.create();

    /** Types a reader would expect from the field name alone. */
    private static final Map<String, String> OBVIOUS_TYPES = Map.ofEntries(
            Map.entry("due_date", "date"), Map.entry("date", "date"), Map.entry("order_date", "date"),
            Map.entry("loan_date", "date"), Map.entry("return_date", "date"), Map.entry("start_time", "datetime"),
            Map.entry("price", "decimal"), Map.entry("amount", "decimal"), Map.entry("monthly_budget", "decimal"),
            Map.entry("stock_quantity", "integer"), Map.entry("capacity", "integer"), Map.entry("seats", "integer"),
            Map.entry("published_year", "integer"), Map.entry("cooking_time", "integer"), Map.entry("score", "integer"),
            Map.entry("published", "boolean"), Map.entry("remote", "boolean"), Map.entry("email", "email"),
            Map.entry("phone", "phone"), Map.entry("phone_number", "phone"), Map.entry("website", "url"),
            Map.entry("description", "text"), Map.entry("body", "text"), Map.entry("instructions", "text"),
            Map.entry("cover_letter", "text"), Map.entry("note", "text"), Map.entry("status", "enum"),
            Map.entry("priority", "enum"), Map.entry("stage", "enum"), Map.entry("frequency", "enum"),
            Map.entry("title", "string"), Map.entry("name", "string"), Map.entry("sku", "string"),
            Map.entry("isbn", "string"), Map.entry("membership_number", "string"));

    static Path promptsFile() {
        return io.autonoma.test.PromptFiles.file(io.autonoma.test.PromptFiles.FIELD_LISTS);
    }

    static Stream<Arguments> prompts() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(promptsFile(), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode n = AppSpecJson.mapper().readTree(line);
            out.add(Arguments.of(n.get("id").asText(), n.get("prompt").asText(), n.get("expect_entities")));
        }
        assertThat(out).as("prompts in " + promptsFile()).hasSizeGreaterThanOrEqualTo(10);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prompts")
    void finds_every_expected_entity_and_field(String id, String prompt, JsonNode expected) {
        AppSpec spec = ANALYST.analyze(prompt);

        SpecAssertions.assertSane(spec);
        assertThat(spec.description()).isEqualTo(prompt);
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> en = it.next();
            Entity e = SpecAssertions.entity(spec, en.getKey());
            for (JsonNode f : en.getValue()) {
                assertThat(e.fields()).extracting(Field::name).as("%s fields", e.name()).contains(f.asText());
            }
        }
        for (Entity e : spec.entities()) {
            for (Field f : e.fields()) {
                if (OBVIOUS_TYPES.containsKey(f.name())) {
                    assertThat(f.type().json()).as("type of %s.%s", e.name(), f.name()).isEqualTo(OBVIOUS_TYPES.get(f.name()));
                }
            }
        }
        assertThat(spec.notes()).noneMatch(n -> n.contains("used archetype"));
        List<String> expectedNames = new ArrayList<>();
        expected.fieldNames().forEachRemaining(expectedNames::add);
        expectedNames.addAll(ALSO_NAMED.getOrDefault(id, List.of()));
        assertThat(spec.entities()).extracting(Entity::name).as("a prompt that lists its things gets those things only")
                .containsExactlyInAnyOrderElementsOf(expectedNames);
    }

    /** Things a prompt names as actors that are organisations, so records of their own ("companies post jobs"). */
    private static final Map<String, List<String>> ALSO_NAMED = Map.of("jobs", List.of("Company"));

    static Stream<Arguments> relations() {
        return Stream.of(
                Arguments.of("blog", List.of("Comment->Post as post", "Post<->Tag", "Tag.name!", "Post.published:boolean")),
                Arguments.of("inventory", List.of("PurchaseOrder->Supplier as supplier", "Product.sku!",
                        "PurchaseOrder.status=[draft,sent,received]", "Product.price:decimal[0..]")),
                Arguments.of("recipes", List.of("Ingredient->Recipe", "Rating->Recipe", "Rating.score:integer[1..5]")),
                Arguments.of("crm", List.of("Contact->Company as company", "Deal->Company as company",
                        "Deal.stage=[lead,qualified,proposal,won,lost]")),
                Arguments.of("events", List.of("Booking->Event", "-Ticket", "Event.capacity:integer[1..]")),
                Arguments.of("habits", List.of("CheckIn->Habit", "CheckIn.date:date", "Habit.frequency=[daily,weekly]")),
                Arguments.of("library", List.of("Loan->Member", "Loan->Book", "Book.isbn!", "Member.email!",
                        "Member.membership_number!", "Loan.return_date?")),
                Arguments.of("expenses", List.of("Expense->Category", "Expense.note?")),
                Arguments.of("jobs", List.of("Application->Job", "Application.status=[submitted,interviewing,rejected,hired]",
                        "Job.remote:boolean")),
                Arguments.of("todo", List.of("Task.priority=[low,medium,high]", "Task.description?", "Task.title:string")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("relations")
    void infers_relations_and_constraints(String id, List<String> expectations) throws IOException {
        String prompt = prompts().filter(a -> a.get()[0].equals(id)).findFirst().orElseThrow().get()[1].toString();
        SpecAssertions.check(ANALYST.analyze(prompt), expectations);
    }

    @Test
    void names_apps_after_the_prompt() throws IOException {
        Map<String, String> names = Map.of("todo", "Todo", "inventory", "Inventory management", "crm", "CRM",
                "blog", "Blog", "jobs", "Job board", "habits", "Habit tracker");
        prompts().forEach(a -> {
            String id = a.get()[0].toString();
            if (names.containsKey(id)) {
                assertThat(ANALYST.analyze(a.get()[1].toString()).name()).as(id).isEqualTo(names.get(id));
            }
        });
    }
}
