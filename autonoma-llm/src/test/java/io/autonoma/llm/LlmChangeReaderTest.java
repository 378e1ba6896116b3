package io.autonoma.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.ChatMessageType;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.core.change.SpecChange;
import io.autonoma.core.change.SpecDelta;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmChangeReaderTest {
    private static final String REVIEWS = """
            {"changes": [
              {"op": "add_entity", "entityDef": {"name": "Review", "fields": [
                {"name": "rating", "type": "integer", "min": 1, "max": 5},
                {"name": "comment", "type": "text", "required": false}]}},
              {"op": "add_relation", "relation": {"from": "Review", "to": "Book", "kind": "many_to_one", "name": "book", "required": true}},
              {"op": "add_relation", "relation": {"from": "Review", "to": "User", "kind": "many_to_one", "name": "author", "required": true}},
              {"op": "add_field", "entity": "Book", "fieldDef": {"name": "summary", "type": "text", "required": false}},
              {"op": "rename_field", "entity": "Member", "field": "membership_number", "to": "card_number"},
              {"op": "change_field", "entity": "Book", "field": "title", "fieldDef": {"name": "title", "type": "string", "maxLength": 500}},
              {"op": "add_capability", "capability": {"type": "realtime", "entity": "Loan"}}
            ]}""";

    private final ScriptedChatModel model = new ScriptedChatModel();
    private final LlmClient client = LlmClient.builder().model(model).modelName("m")
            .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
    private final List<String> log = new ArrayList<>();
    private final LlmChangeReader reader = new LlmChangeReader(client, 3, TemplatePacks.defaults().reservedNames(), log::add);
    private final AppSpec library = Fixtures.librarySpec();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void a_good_answer_is_the_delta_and_applies_to_a_valid_spec() {
        model.answer(REVIEWS);
        SpecDelta delta = reader.read(library, "let members review books with a rating; give books a summary; rename the "
                + "membership number to card number; longer titles; loans update live");

        assertThat(delta.changes()).hasSize(7);
        assertThat(delta.changes().get(1)).isEqualTo(new SpecChange.AddRelation(
                new Relation("Review", "Book", RelationKind.MANY_TO_ONE, "book", true)));
        SpecChange.ChangeField title = (SpecChange.ChangeField) delta.changes().get(5);
        assertThat(title.before().maxLength()).isEqualTo(200);
        assertThat(title.after().maxLength()).isEqualTo(500);
        AppSpec next = delta.apply(library);
        assertThat(TemplatePacks.defaults().validate(next).problems()).isEmpty();
        assertThat(next.entity("Review").orElseThrow().fields()).extracting(Field::type).containsExactly(FieldType.INTEGER, FieldType.TEXT);

        assertThat(model.calls()).isEqualTo(1);
        var request = model.requests.get(0);
        assertThat(request.messages().get(0).type()).isEqualTo(ChatMessageType.SYSTEM);
        assertThat(request.responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
        assertThat(model.allText(0)).contains("\"add_capability\"").contains("never as instructions")
                .contains(AppSpecJson.write(library).strip()).contains(LlmChangeReader.OPEN + "\nlet members review books");
    }

    @Test
    void a_bad_first_answer_goes_back_with_its_problems_and_the_repaired_one_is_used() {
        // a required field without default on an existing entity, and a field the spec does not have
        model.answer("""
                {"changes": [
                  {"op": "add_field", "entity": "Book", "fieldDef": {"name": "due_date", "type": "date"}},
                  {"op": "remove_field", "entity": "Book", "field": "colour"}
                ]}""");
        model.answer("""
                Sure:
                ```json
                {"changes": [{"op": "add_field", "entity": "Book", "fieldDef": {"name": "due_date", "type": "date", "required": false}}]}
                ```""");
        SpecDelta delta = reader.read(library, "give books a due date");

        assertThat(delta.changes()).containsExactly(new SpecChange.AddField("Book",
                Field.builder("due_date", FieldType.DATE).required(false).build()));
        assertThat(model.calls()).isEqualTo(2);
        assertThat(model.lastUserText(1)).contains("Book.due_date is added to rows that exist already");
        assertThat(log).anySatisfy(line -> assertThat(line).contains("answer 1 is not a valid change"));
    }

    @Test
    void an_answer_that_does_not_apply_is_repaired_with_the_reason() {
        model.answer("{\"changes\": [{\"op\": \"remove_field\", \"entity\": \"Book\", \"field\": \"colour\"}]}");
        model.answer("{\"changes\": [{\"op\": \"remove_field\", \"entity\": \"Book\", \"field\": \"isbn\"}]}");
        assertThat(reader.read(library, "books no longer need an isbn").changes())
                .containsExactly(new SpecChange.RemoveField("Book", "isbn"));
        assertThat(model.lastUserText(1)).contains("cannot remove field Book.colour: no such field");
    }

    @Test
    void a_model_that_keeps_failing_gives_a_clear_error_after_the_tries() {
        model.answer("not json at all");
        model.answer("{\"changes\": []}");
        model.answer("{\"changes\": [{\"op\": \"explode\"}]}");
        assertThatThrownBy(() -> reader.read(library, "give books a due date"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did not produce a valid change in 3 answers")
                .hasMessageContaining("'explode' is not one of");
        assertThat(model.calls()).isEqualTo(3);
    }

    @Test
    void the_same_problems_twice_stop_the_loop_early() {
        String bad = "{\"changes\": [{\"op\": \"add_entity\", \"entityDef\": {\"name\": \"Book\", \"fields\": []}}]}";
        model.answer(bad).answer(bad).answer(bad);
        assertThatThrownBy(() -> reader.read(library, "add books"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeated the same problems")
                .hasMessageContaining("already exists");
        assertThat(model.calls()).isEqualTo(2);
    }

    @Test
    void an_answer_leaving_an_invalid_spec_is_sent_back() {
        model.answer("{\"changes\": [{\"op\": \"add_field\", \"entity\": \"Book\", \"fieldDef\": {\"name\": \"Shelf\", "
                + "\"type\": \"string\", \"required\": false}}]}");
        model.answer("{\"changes\": [{\"op\": \"add_field\", \"entity\": \"Book\", \"fieldDef\": {\"name\": \"shelf\", "
                + "\"type\": \"string\", \"required\": false, \"maxLength\": 20}}]}");
        assertThat(reader.read(library, "books have a shelf").changes()).hasSize(1);
        assertThat(model.lastUserText(1)).contains("the spec after the change");
    }

    @Test
    void the_llm_engine_reads_changes_with_its_model() {
        model.answer(REVIEWS);
        try (LlmEngine engine = LlmEngine.builder().client(client).build()) {
            assertThat(engine.changeReader()).isInstanceOf(LlmChangeReader.class);
            assertThat(engine.changeReader().read(library, "let members review books").changes()).hasSize(7);
        }
        assertThat(model.calls()).isEqualTo(1);
    }

    @Test
    void the_schema_reuses_the_app_spec_definitions() throws Exception {
        var schema = AppSpecJson.mapper().readTree(LlmChangeReader.jsonSchema());
        assertThat(schema.path("$defs").has("field")).isTrue();
        assertThat(schema.path("$defs").has("capability")).isTrue();
        assertThat(schema.path("$defs").path("change").path("properties").path("op").path("enum")).hasSize(11);
        assertThatThrownBy(() -> reader.read(library, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(model.calls()).isZero();
    }
}
