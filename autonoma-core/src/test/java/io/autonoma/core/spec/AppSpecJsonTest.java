package io.autonoma.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppSpecJsonTest {

    static AppSpec sample() {
        return AppSpec.builder("Shop")
                .description("A shop with \"quotes\", `backticks` and </script>")
                .entity(new Entity("Supplier", List.of(Field.builder("name", FieldType.STRING).maxLength(200).build())))
                .entity(new Entity("PurchaseOrder", List.of(
                        Field.builder("status", FieldType.ENUM).enumValues(List.of("draft", "sent")).defaultValue("draft").build(),
                        Field.builder("total", FieldType.DECIMAL).min(0).build(),
                        Field.builder("rating", FieldType.INTEGER).required(false).min(1).max(5).build())))
                .relation(new Relation("PurchaseOrder", "Supplier", RelationKind.MANY_TO_ONE, "supplier", true))
                .role(new Role("admin", List.of("*")))
                .feature(Feature.AUTH).feature(Feature.RATE_LIMIT)
                .note("hand written")
                .build();
    }

    @Test
    void round_trips_through_json_unchanged() {
        AppSpec spec = sample();
        String json = AppSpecJson.write(spec);
        assertThat(AppSpecJson.read(json)).isEqualTo(spec);
        assertThat(AppSpecJson.write(AppSpecJson.read(json))).isEqualTo(json);
    }

    @Test
    void writes_lower_case_enums_and_omits_absent_values() {
        String json = AppSpecJson.write(sample());
        assertThat(json).contains("\"kind\" : \"many_to_one\"").contains("\"type\" : \"decimal\"").contains("\"rate_limit\"")
                .doesNotContain("null");
    }

    @Test
    void unknown_field_type_points_at_the_field_and_lists_the_allowed_types() {
        String json = "{\"name\":\"X\",\"entities\":[{\"name\":\"Task\",\"fields\":[{\"name\":\"t\",\"type\":\"strng\"}]}]}";
        assertThatThrownBy(() -> AppSpecJson.read(json))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("entities[0].fields[0].type")
                .hasMessageContaining("strng")
                .hasMessageContaining("decimal");
    }

    @Test
    void unknown_property_is_named() {
        String json = "{\"name\":\"X\",\"entites\":[]}";
        assertThatThrownBy(() -> AppSpecJson.read(json))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("entites");
    }

    @Test
    void malformed_json_reports_line_and_column() {
        assertThatThrownBy(() -> AppSpecJson.read("{\"name\": \"X\",\n  \"entities\": [ }"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void empty_document_is_rejected() {
        assertThatThrownBy(() -> AppSpecJson.read("  ")).isInstanceOf(InvalidSpecException.class).hasMessageContaining("empty");
    }

    @Test
    void semantic_problems_are_all_reported_with_paths() {
        String json = """
                {"name":"1bad","entities":[
                  {"name":"task","fields":[{"name":"Title","type":"string"},{"name":"id","type":"integer"}]},
                  {"name":"User","fields":[{"name":"s","type":"enum"}]},
                  {"name":"Order","fields":[{"name":"n","type":"integer","min":5,"max":1,"maxLength":3}]}],
                 "relations":[{"from":"Order","to":"Nope","kind":"many_to_one","name":"nope"}]}
                """;
        ReservedNames packs = ReservedNames.builder("some-pack").fields("a column every model has", "id").build();
        assertThatThrownBy(() -> AppSpecJson.read(json, packs))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("name:"))
                        .anySatisfy(p -> assertThat(p).startsWith("entities[0].name:").contains("PascalCase"))
                        .anySatisfy(p -> assertThat(p).startsWith("entities[0].fields[0].name:").contains("snake_case"))
                        .anySatisfy(p -> assertThat(p).isEqualTo("entities[0].fields[1].name: 'id' is reserved by some-pack "
                                + "(a column every model has); choose another name"))
                        .anySatisfy(p -> assertThat(p).startsWith("entities[1].name: 'User' is reserved by the app spec"))
                        .anySatisfy(p -> assertThat(p).startsWith("entities[1].fields[0].enumValues:"))
                        .anySatisfy(p -> assertThat(p).startsWith("entities[2].fields[0].min:"))
                        .anySatisfy(p -> assertThat(p).startsWith("entities[2].fields[0].maxLength:"))
                        .anySatisfy(p -> assertThat(p).startsWith("relations[0].to:").contains("Nope")));
    }

    @Test
    void builder_validates() {
        assertThatThrownBy(() -> AppSpec.builder("X").build())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("at least one entity");
    }

    @Test
    void the_published_json_schema_is_valid_json_and_names_every_field_type() throws Exception {
        var node = AppSpecJson.mapper().readTree(AppSpecJson.jsonSchema());
        var types = node.at("/$defs/field/properties/type/enum");
        assertThat(types.size()).isEqualTo(FieldType.values().length);
        for (FieldType t : FieldType.values()) {
            assertThat(types.toString()).contains("\"" + t.json() + "\"");
        }
    }

    @Test
    void the_example_spec_in_docs_is_valid() throws Exception {
        Path p = Path.of("..", "docs", "examples", "inventory.app-spec.json");
        assertThat(p).exists();
        AppSpec spec = AppSpecJson.read(Files.readString(p));
        assertThat(spec.entities()).extracting(Entity::name).containsExactly("Supplier", "Product", "PurchaseOrder");
    }
}
