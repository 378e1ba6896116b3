package io.autonoma.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    private static Field f(String name, FieldType type) {
        return Field.builder(name, type).build();
    }

    /** A spec that uses every capability kind and relations to the app's users. */
    static AppSpec board() {
        return AppSpec.builder("Board")
                .entity(new Entity("Column", List.of(f("name", FieldType.STRING), f("card_limit", FieldType.INTEGER))))
                .entity(new Entity("Card", List.of(f("title", FieldType.STRING), f("position", FieldType.INTEGER),
                        f("due_date", FieldType.DATE), f("attachment", FieldType.STRING),
                        Field.builder("status", FieldType.ENUM).enumValues(List.of("open", "done", "archived"))
                                .defaultValue("open").build())))
                .entity(new Entity("Link", List.of(f("code", FieldType.STRING), f("target_url", FieldType.URL),
                        f("clicks", FieldType.INTEGER))))
                .entity(new Entity("Visit", List.of(f("visited_at", FieldType.DATETIME))))
                .entity(new Entity("Star", List.of(f("score", FieldType.INTEGER))))
                .relation(new Relation("Card", "Column", RelationKind.MANY_TO_ONE, "column", true))
                .relation(new Relation("Card", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "assignee", false))
                .relation(new Relation("Card", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "owner", true))
                .relation(new Relation("Column", AppSpec.USER_ENTITY, RelationKind.MANY_TO_MANY, "watchers", false))
                .relation(new Relation("Visit", "Link", RelationKind.MANY_TO_ONE, "link", true))
                .relation(new Relation("Star", "Card", RelationKind.MANY_TO_ONE, "card", true))
                .relation(new Relation("Star", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "voter", true))
                .role(new Role("manager", List.of("*")))
                .capability(new Capability.Ownership("Card"))
                .capability(new Capability.Workflow("Card", "status", List.of(
                        new Capability.Transition("finish", List.of("open"), "done", List.of()),
                        new Capability.Transition("archive", List.of("open", "done"), "archived", List.of("manager")))))
                .capability(new Capability.Ordering("Card", "position", "column"))
                .capability(new Capability.Limit("Card", "column", null, "card_limit", List.of("open")))
                .capability(new Capability.Vote("Star", "card", "voter", "rating", "score"))
                .capability(new Capability.ShortCode("Link", "code", "target_url"))
                .capability(new Capability.Counter("Link", "clicks", "Visit", null))
                .capability(new Capability.Realtime("Card"))
                .capability(new Capability.FileUpload("Card", "attachment", "any"))
                .capability(new Capability.BackgroundJob("Card", "reminder", "due_date", "P3D"))
                .build();
    }

    @Test
    void every_kind_round_trips_through_json_with_its_type_name() {
        AppSpec spec = board();
        String json = AppSpecJson.write(spec);
        assertThat(json).contains("\"type\" : \"short_code\"").contains("\"type\" : \"background_job\"")
                .contains("\"to\" : \"User\"");
        assertThat(AppSpecJson.read(json)).isEqualTo(spec);
        assertThat(spec.capabilities()).extracting(Capability::type).contains(CapabilityType.values());
        assertThat(spec.capabilities(Capability.Workflow.class)).hasSize(1);
    }

    @Test
    void a_spec_without_capabilities_writes_no_capabilities_key() {
        AppSpec spec = AppSpec.builder("X").entity(new Entity("Task", List.of(f("title", FieldType.STRING)))).build();
        assertThat(AppSpecJson.write(spec)).doesNotContain("capabilities");
    }

    @Test
    void unknown_capability_type_is_named_with_its_path() {
        String json = """
                {"name":"X","entities":[{"name":"Task","fields":[{"name":"t","type":"string"}]}],
                 "capabilities":[{"type":"teleport","entity":"Task"}]}""";
        assertThatThrownBy(() -> AppSpecJson.read(json)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("capabilities[0]").hasMessageContaining("teleport");
    }

    @Test
    void relations_may_point_at_the_apps_users_but_not_start_there() {
        String json = """
                {"name":"X","entities":[{"name":"Task","fields":[{"name":"t","type":"string"}]}],
                 "relations":[{"from":"User","to":"Task","kind":"many_to_one","name":"task"},
                              {"from":"Task","to":"Person","kind":"many_to_one","name":"person"}]}""";
        assertThatThrownBy(() -> AppSpecJson.read(json)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("relations[0].from").hasMessageContaining("\"to\": \"User\"")
                .hasMessageContaining("relations[1].to: unknown entity 'Person'");
    }

    @Test
    void every_bad_reference_is_reported_with_the_json_path_of_the_parameter() {
        String json = """
                {"name":"X","roles":[{"name":"manager"}],
                 "entities":[{"name":"Card","fields":[{"name":"title","type":"string"},{"name":"status","type":"enum","enumValues":["open","done"]}]},
                             {"name":"Star","fields":[{"name":"score","type":"string"}]}],
                 "relations":[{"from":"Star","to":"Card","kind":"many_to_one","name":"card"}],
                 "capabilities":[
                   {"type":"ownership","entity":"Nope"},
                   {"type":"workflow","entity":"Card","field":"status","transitions":[
                      {"action":"close","from":["open","limbo"],"to":"closed","roles":["boss"]}]},
                   {"type":"ordering","entity":"Card","field":"title","parent":"column"},
                   {"type":"vote","entity":"Star","target":"card","voter":"card","kind":"rating","value":"score"},
                   {"type":"limit","entity":"Star","parent":"card","max":3,"maxField":"title"},
                   {"type":"background_job","entity":"Card","kind":"reminder","field":"title","before":"three days"},
                   {"type":"file_upload","entity":"Card","field":"photo","accept":"video"},
                   {"type":"counter","entity":"Star","field":"score","source":"Card","sum":"title"}]}""";
        assertThatThrownBy(() -> AppSpecJson.read(json)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("capabilities[0].entity: unknown entity 'Nope'")
                .hasMessageContaining("capabilities[1].transitions[0].from[1]: 'limbo' is not a state")
                .hasMessageContaining("capabilities[1].transitions[0].to: 'closed' is not a state")
                .hasMessageContaining("capabilities[1].transitions[0].roles[0]: unknown role 'boss'")
                .hasMessageContaining("capabilities[2].field: field 'title' of Card is string; it must be integer")
                .hasMessageContaining("capabilities[2].parent: 'column' is not a many-to-one relation of Card")
                .hasMessageContaining("capabilities[3].voter: relation 'card' must point at User")
                .hasMessageContaining("capabilities[3].value: field 'score' of Star is string")
                .hasMessageContaining("capabilities[4].max: give either a fixed max or a maxField")
                .hasMessageContaining("capabilities[5].field: field 'title' of Card is string; it must be date or datetime")
                .hasMessageContaining("capabilities[5].before: 'three days' must be an ISO-8601 period")
                .hasMessageContaining("capabilities[6].field: unknown field 'photo' of Card")
                .hasMessageContaining("capabilities[6].accept")
                .hasMessageContaining("capabilities[7].field: field 'score' of Star is string; it must be integer or decimal")
                .hasMessageContaining("capabilities[7].source: Card has no many-to-one relation to Star")
                .hasMessageContaining("capabilities[7].sum: field 'title' of Card is string");
    }

    /** Classes with a capacity, bookings with a status, and {@code limits} on the bookings. */
    private static String bookings(String limits) {
        return """
                {"name":"Gym",
                 "entities":[{"name":"GymClass","fields":[{"name":"title","type":"string"},{"name":"capacity","type":"integer"}]},
                             {"name":"Booking","fields":[{"name":"note","type":"string"},
                                {"name":"status","type":"enum","enumValues":["booked","cancelled"]},
                                {"name":"kind","type":"enum","enumValues":["trial","regular"]}]}],
                 "relations":[{"from":"Booking","to":"GymClass","kind":"many_to_one","name":"gym_class","required":true},
                              {"from":"Booking","to":"User","kind":"many_to_one","name":"member","required":true},
                              {"from":"GymClass","to":"Booking","kind":"many_to_many","name":"waitlist"}],
                 "capabilities":[%s]}""".formatted(limits);
    }

    @Test
    void a_limit_counts_per_parent_up_to_a_fixed_max_or_a_field_of_the_parent_and_only_in_its_states() {
        AppSpec spec = AppSpecJson.read(bookings("""
                {"type":"limit","entity":"Booking","parent":"gym_class","maxField":"capacity","states":["booked"]},
                {"type":"limit","entity":"Booking","parent":"member","max":3}"""));
        List<Capability.Limit> limits = spec.capabilities(Capability.Limit.class);
        assertThat(limits.get(0).parentRelation(spec)).map(Relation::to).contains("GymClass");
        assertThat(limits.get(0).stateField(spec)).map(Field::name).contains("status");
        assertThat(limits.get(1).parentRelation(spec)).map(Relation::to).contains(AppSpec.USER_ENTITY);
        assertThat(limits.get(1).stateField(spec)).isEmpty();
        // with a workflow, the states are those of its field
        assertThat(board().capabilities(Capability.Limit.class).get(0).stateField(board())).map(Field::name).contains("status");
    }

    @Test
    void a_bad_limit_is_reported_with_the_json_path_of_the_parameter() {
        assertThatThrownBy(() -> AppSpecJson.read(bookings("""
                {"type":"limit","entity":"Booking","parent":"room","max":3},
                {"type":"limit","entity":"Booking","parent":"gym_class","maxField":"title"},
                {"type":"limit","entity":"Booking","parent":"member","maxField":"capacity"},
                {"type":"limit","entity":"GymClass","parent":"waitlist","max":3},
                {"type":"limit","entity":"Booking","parent":"gym_class"},
                {"type":"limit","entity":"Booking","parent":"gym_class","max":0,"states":["booked","lost"]},
                {"type":"limit","entity":"Booking","parent":"gym_class","max":2,"maxField":"capacity","states":["booked","trial"]}""")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("capabilities[0].parent: 'room' is not a many-to-one relation of Booking")
                .hasMessageContaining("capabilities[1].maxField: field 'title' of GymClass is string; it must be integer")
                .hasMessageContaining("capabilities[2].maxField: the parent is the app's users, which have no fields; use a fixed max")
                .hasMessageContaining("capabilities[3].parent: 'waitlist' is not a many-to-one relation of GymClass")
                .hasMessageContaining("capabilities[4].max: give either a fixed max or a maxField of the parent, not both or neither")
                .hasMessageContaining("capabilities[5].max: must be at least 1")
                .hasMessageContaining("capabilities[5].states[1]: 'lost' is not a value of status [booked, cancelled] or kind [trial, regular]")
                .hasMessageContaining("capabilities[6].max: give either a fixed max or a maxField of the parent, not both or neither")
                .hasMessageContaining("capabilities[6].states: the states must all be values of one enum field of Booking");
        assertThatThrownBy(() -> AppSpecJson.read(bookings("""
                {"type":"limit","entity":"GymClass","parent":"nope","max":3,"states":["open"]}""")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("capabilities[0].states: counting only some states needs an enum field (a status) on GymClass");
        // with a workflow, only the values of its field are states, even if another enum field holds them
        assertThatThrownBy(() -> AppSpecJson.read(bookings("""
                {"type":"workflow","entity":"Booking","field":"status","transitions":[{"action":"cancel","from":["booked"],"to":"cancelled"}]},
                {"type":"limit","entity":"Booking","parent":"gym_class","max":2,"states":["trial"]}""")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("capabilities[1].states[0]: 'trial' is not a value of status [booked, cancelled]");
    }

    @Test
    void ownership_needs_a_required_reference_to_a_user_and_names_it_as_the_owner() {
        AppSpec spec = board();
        assertThat(spec.capabilities(Capability.Ownership.class).get(0).owner(spec)).map(Relation::name).contains("owner");

        // an optional assignee is not an owner: rows without one would belong to no one
        AppSpec.Builder b = AppSpec.builder("Notes")
                .entity(new Entity("Note", List.of(f("title", FieldType.STRING))))
                .relation(new Relation("Note", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "assignee", false))
                .capability(new Capability.Ownership("Note"));
        assertThatThrownBy(b::build).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("capabilities[0]: ownership of Note needs a required many-to-one relation from Note to User")
                .hasMessageContaining("\"name\": \"owner\", \"required\": true");
    }

    @Test
    void the_same_capability_twice_is_a_duplicate() {
        AppSpec.Builder b = board().toBuilder().capability(new Capability.Ordering("Card", "position", null));
        assertThatThrownBy(b::build).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("duplicate ordering capability for Card");
    }

    @Test
    void the_published_json_schema_names_every_capability_kind() throws Exception {
        var node = AppSpecJson.mapper().readTree(AppSpecJson.jsonSchema());
        String kinds = node.at("/$defs/capability/oneOf").toString();
        for (CapabilityType t : CapabilityType.values()) {
            assertThat(kinds).contains("\"const\":\"" + t.json() + "\"");
        }
    }
}
