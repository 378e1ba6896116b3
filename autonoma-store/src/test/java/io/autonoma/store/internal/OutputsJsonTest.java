package io.autonoma.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutputsJsonTest {
    public record Endpoint(String method, String path, List<String> roles) {}

    @Test
    void plain_values_records_and_collections_round_trip_with_their_types() {
        Map<String, Object> outputs = Map.of(
                "text", "hello", "count", 42, "ratio", 0.5, "flag", true,
                "list", List.of("a", "b"), "map", Map.of("k", 1),
                "endpoint", new Endpoint("GET", "/api/items", List.of("admin")));

        Map<String, Object> back = OutputsJson.read(OutputsJson.write("backend", outputs));

        assertThat(back).isEqualTo(outputs);
        assertThat(back.get("endpoint")).isInstanceOf(Endpoint.class);
        assertThat(back.get("count")).isInstanceOf(Integer.class);
    }

    @Test
    void a_spec_with_whole_decimal_bounds_round_trips_equal() {
        // a model's spec says "max": 3000; without care the tree gives back 3E+3, a different BigDecimal
        io.autonoma.core.spec.AppSpec spec = io.autonoma.core.spec.AppSpecJson.read("""
                {"name": "Library", "entities": [{"name": "Book", "fields": [
                  {"name": "title", "type": "string", "required": true},
                  {"name": "published_year", "type": "integer", "min": 0, "max": 3000},
                  {"name": "price", "type": "decimal", "min": 0.50, "max": 100.0}]}]}""");
        Map<String, Object> outputs = Map.of("app-spec", spec);

        Map<String, Object> back = OutputsJson.read(OutputsJson.write("requirements", outputs));

        assertThat(back).isEqualTo(outputs);
    }

    @Test
    void empty_outputs_are_an_empty_object() {
        assertThat(OutputsJson.write("a", Map.of())).isEqualTo("{}");
        assertThat(OutputsJson.read("{}")).isEmpty();
    }

    static final class NoEquals {
        public String name = "x";
    }

    @Test
    void values_that_do_not_survive_json_are_rejected_naming_agent_key_and_type() {
        assertThatThrownBy(() -> OutputsJson.write("frontend", Map.of("widget", new NoEquals())))
                .isInstanceOf(OutputsJson.UnserialisableOutputException.class)
                .hasMessageContaining("agent 'frontend'").hasMessageContaining("output 'widget'")
                .hasMessageContaining(NoEquals.class.getName()).hasMessageContaining("records");
        assertThatThrownBy(() -> OutputsJson.write("frontend", Map.of("thread", new Object())))
                .isInstanceOf(OutputsJson.UnserialisableOutputException.class)
                .hasMessageContaining("cannot be checkpointed");
    }

    @Test
    void a_list_of_records_is_rejected_because_it_would_come_back_as_maps() {
        assertThatThrownBy(() -> OutputsJson.write("a", Map.of("eps", List.of(new Endpoint("GET", "/", List.of())))))
                .isInstanceOf(OutputsJson.UnserialisableOutputException.class)
                .hasMessageContaining("does not come back equal");
    }
}
