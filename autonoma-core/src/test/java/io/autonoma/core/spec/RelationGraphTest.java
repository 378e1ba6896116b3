package io.autonoma.core.spec;

import static io.autonoma.core.spec.RelationKind.MANY_TO_MANY;
import static io.autonoma.core.spec.RelationKind.MANY_TO_ONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one creation-order rule, for foreign keys and for records with all their links. */
class RelationGraphTest {

    private static AppSpec spec(List<String> entities, Relation... relations) {
        List<Entity> es = new ArrayList<>();
        entities.forEach(n -> es.add(new Entity(n, List.of(Field.builder("title", FieldType.STRING).build()))));
        AppSpec spec = new AppSpec("Graph", null, es, Arrays.asList(relations), null, null, null, null, null);
        assertThat(AppSpecValidator.validate(spec).problems()).as("the test spec is valid").isEmpty();
        return spec;
    }

    private static Relation rel(String from, String to, RelationKind kind, String name) {
        return new Relation(from, to, kind, name, true);
    }

    private static List<String> order(AppSpec spec, java.util.Set<RelationKind> kinds) {
        return spec.relationGraph().creationOrder(kinds).stream().map(Entity::name).toList();
    }

    @Test
    void referenced_entities_come_first_and_ties_keep_spec_order() {
        AppSpec spec = spec(List.of("Order", "Note", "Customer"), rel("Order", "Customer", MANY_TO_ONE, "customer"));

        assertThat(order(spec, RelationGraph.FOREIGN_KEYS)).containsExactly("Note", "Customer", "Order");
        assertThat(spec.relationGraph().cycle(RelationGraph.FOREIGN_KEYS)).isEmpty();
    }

    @Test
    void many_to_many_links_hold_back_records_but_not_tables() {
        AppSpec spec = spec(List.of("Post", "Comment", "Tag"), rel("Comment", "Post", MANY_TO_ONE, "post"),
                rel("Post", "Tag", MANY_TO_MANY, "tags"));

        assertThat(order(spec, RelationGraph.FOREIGN_KEYS)).containsExactly("Post", "Comment", "Tag");
        assertThat(order(spec, RelationGraph.ALL_LINKS)).containsExactly("Tag", "Post", "Comment");
    }

    @Test
    void self_references_and_relations_to_the_app_s_users_never_hold_an_entity_back() {
        AppSpec spec = spec(List.of("Task", "Project"), rel("Task", "Task", MANY_TO_ONE, "parent"),
                rel("Task", AppSpec.USER_ENTITY, MANY_TO_ONE, "assignee"), rel("Project", AppSpec.USER_ENTITY, MANY_TO_MANY, "members"),
                rel("Project", "Project", MANY_TO_MANY, "related"));

        assertThat(order(spec, RelationGraph.ALL_LINKS)).containsExactly("Task", "Project");
        assertThat(spec.relationGraph().cycle(RelationGraph.ALL_LINKS)).isEmpty();
        assertThat(spec.relationGraph().toUsers()).extracting(Relation::name).containsExactly("assignee", "members");
        assertThat(spec.relationGraph().hasUserRelations()).isTrue();
    }

    @Test
    void a_cycle_keeps_spec_order_from_its_first_entity_and_is_reported_with_what_waits_for_it() {
        AppSpec spec = spec(List.of("Expert", "Interview", "Request", "Free"),
                rel("Expert", "Interview", MANY_TO_ONE, "interview"), rel("Interview", "Expert", MANY_TO_ONE, "expert"),
                rel("Request", "Interview", MANY_TO_ONE, "interview"));

        assertThat(order(spec, RelationGraph.FOREIGN_KEYS)).containsExactly("Free", "Expert", "Interview", "Request");
        assertThat(spec.relationGraph().cycle(RelationGraph.FOREIGN_KEYS)).contains(List.of("Expert", "Interview", "Request"));
    }

    @Test
    void a_cycle_through_a_many_to_many_link_is_one_for_records_only() {
        AppSpec spec = spec(List.of("Room", "Message"), rel("Message", "Room", MANY_TO_ONE, "room"),
                rel("Room", "Message", MANY_TO_MANY, "pinned"));

        assertThat(spec.relationGraph().cycle(RelationGraph.FOREIGN_KEYS)).isEmpty();
        assertThat(order(spec, RelationGraph.FOREIGN_KEYS)).containsExactly("Room", "Message");
        assertThat(spec.relationGraph().cycle(RelationGraph.ALL_LINKS)).contains(List.of("Room", "Message"));
        assertThat(order(spec, RelationGraph.ALL_LINKS)).containsExactly("Room", "Message");
    }

    @Test
    void references_are_listed_per_entity_in_spec_order() {
        AppSpec spec = spec(List.of("A", "B"), rel("A", "B", MANY_TO_ONE, "b"), rel("B", "A", MANY_TO_MANY, "as"),
                rel("A", "B", MANY_TO_MANY, "bs"));

        assertThat(spec.relationGraph().from("A")).extracting(Relation::name).containsExactly("b", "bs");
        assertThat(spec.relationGraph().from("Nope")).isEmpty();
        assertThat(spec.relationGraph().hasUserRelations()).isFalse();
        assertThat(spec.relations().get(0).selfReference()).isFalse();
    }

    @Test
    void the_graph_is_not_part_of_the_json() {
        AppSpec spec = spec(List.of("Task"), rel("Task", AppSpec.USER_ENTITY, MANY_TO_ONE, "owner_ref"));

        assertThat(AppSpecJson.write(spec)).doesNotContain("relationGraph", "toUser", "selfReference");
    }
}
