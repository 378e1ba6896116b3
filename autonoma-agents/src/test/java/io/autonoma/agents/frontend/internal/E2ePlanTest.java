package io.autonoma.agents.frontend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class E2ePlanTest {
    /** The entities in the order the browser test creates them (its JSON's labels). */
    private static java.util.List<String> order(AppSpec spec) {
        try {
            java.util.List<String> out = new java.util.ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(E2ePlan.json(spec)).get("entities")
                    .forEach(e -> out.add(e.get("label").asText()));
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static Entity entity(String name, Field... fields) {
        return new Entity(name, List.of(fields));
    }

    @Test
    void referenced_entities_are_created_first() {
        AppSpec spec = AppSpec.builder("Shop")
                .entity(entity("Order", Field.builder("placed_on", FieldType.DATE).build()))
                .entity(entity("Customer", Field.builder("name", FieldType.STRING).build()))
                .relation(new Relation("Order", "Customer", RelationKind.MANY_TO_ONE, "customer", true))
                .build();
        assertThat(order(spec)).containsExactly("Customer", "Order");
    }

    @Test
    void relations_to_users_neither_order_entities_nor_need_a_target_page() {
        AppSpec spec = AppSpec.builder("Chat")
                .entity(entity("Message", Field.builder("body", FieldType.TEXT).build()))
                .entity(entity("Room", Field.builder("name", FieldType.STRING).build()))
                .relation(new Relation("Message", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "sender", true))
                .relation(new Relation("Message", "Room", RelationKind.MANY_TO_ONE, "room", true))
                .relation(new Relation("Room", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "moderator", false))
                .relation(new Relation("Room", AppSpec.USER_ENTITY, RelationKind.MANY_TO_MANY, "members", false))
                .build();
        assertThat(order(spec)).containsExactly("Room", "Message");
        String json = E2ePlan.json(spec);
        assertThat(json).contains("{ \"name\": \"sender_id\", \"kind\": \"current-user\" }",
                "{ \"name\": \"moderator_id\", \"kind\": \"user\" }", "{ \"name\": \"members_ids\", \"kind\": \"users\" }",
                "{ \"name\": \"room_id\", \"kind\": \"reference\", \"target\": \"/rooms\" }");
    }

    @Test
    void a_record_is_created_after_the_records_it_links_many_to_many() {
        AppSpec spec = AppSpec.builder("Blog")
                .entity(entity("Post", Field.builder("title", FieldType.STRING).build()))
                .entity(entity("Tag", Field.builder("label", FieldType.STRING).build()))
                .relation(new Relation("Post", "Tag", RelationKind.MANY_TO_MANY, "tags", false))
                .build();
        assertThat(order(spec)).containsExactly("Tag", "Post");
    }

    @Test
    void cycles_keep_spec_order() {
        AppSpec spec = AppSpec.builder("Loop")
                .entity(entity("Alpha", Field.builder("name", FieldType.STRING).build()))
                .entity(entity("Beta", Field.builder("name", FieldType.STRING).build()))
                .relation(new Relation("Alpha", "Beta", RelationKind.MANY_TO_ONE, "beta", false))
                .relation(new Relation("Beta", "Alpha", RelationKind.MANY_TO_ONE, "alpha", false))
                .build();
        assertThat(order(spec)).containsExactly("Alpha", "Beta");
    }

    @Test
    void values_fit_max_length_and_unique_ones_keep_the_run_token() {
        Field shortUnique = Field.builder("code", FieldType.STRING).unique(true).maxLength(10).build();
        assertThat(E2ePlan.value(entity("Item", shortUnique), shortUnique, false)).isEqualTo("{run}");
        Field tiny = Field.builder("tag", FieldType.STRING).maxLength(3).build();
        assertThat((String) E2ePlan.value(entity("Item", tiny), tiny, false)).hasSizeLessThanOrEqualTo(3);
        Field bounded = Field.builder("rating", FieldType.INTEGER).min(5).max(7).build();
        assertThat(E2ePlan.value(entity("Item", bounded), bounded, false)).isEqualTo("5");
        Field dec = Field.builder("price", FieldType.DECIMAL).max(10).build();
        assertThat(E2ePlan.value(entity("Item", dec), dec, false)).isEqualTo("10.00");
    }

    @Test
    void invalid_value_breaks_a_rule_the_form_checks() {
        Entity e = entity("Item", Field.builder("name", FieldType.STRING).build(),
                Field.builder("rating", FieldType.INTEGER).min(1).max(5).build());
        assertThat(E2ePlan.invalid(e)).isEqualTo(Map.of("name", "rating", "kind", "integer", "value", "0"));
        Entity onlyOptional = entity("Memo", Field.builder("body", FieldType.TEXT).required(false).build(),
                Field.builder("done", FieldType.BOOLEAN).build());
        assertThat(E2ePlan.invalid(onlyOptional)).isNull();
    }

    @Test
    void edit_prefers_the_display_field_and_falls_back_to_an_enum() {
        Entity e = entity("Ticket", Field.builder("code", FieldType.STRING).maxLength(20).build(),
                Field.builder("title", FieldType.STRING).build());
        assertThat(E2ePlan.edit(e, "title")).containsEntry("name", "title").containsEntry("value", "Ticket {run} edited");
        Field shortUnique = Field.builder("label", FieldType.STRING).unique(true).maxLength(12).build();
        assertThat(E2ePlan.edit(entity("Category", shortUnique), "label")).containsEntry("value", "e{run}");
        Entity enumOnly = entity("Flag", Field.builder("state", FieldType.ENUM).enumValues(List.of("on", "off_now")).build());
        assertThat(E2ePlan.edit(enumOnly, null)).containsEntry("value", "on").containsEntry("shown", "On");
    }

    @org.junit.jupiter.api.Test
    void a_field_shorter_than_the_run_token_gets_a_plain_value_within_its_limit() {
        org.assertj.core.api.Assertions.assertThat(E2ePlan.fit("Employee {run} edited", 5, true)).isEqualTo("Emplo");
        org.assertj.core.api.Assertions.assertThat(E2ePlan.fit("Employee {run} edited", 8, true)).isEqualTo("{run}");
        org.assertj.core.api.Assertions.assertThat(E2ePlan.fit("Edited {run}", 100, true)).isEqualTo("Edited {run}");
    }
}
