package io.autonoma.core.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecDeltaTest {

    private static final Field TITLE = Field.builder("title", FieldType.STRING).build();
    private static final Field STATUS = Field.builder("status", FieldType.ENUM).enumValues(List.of("draft", "published")).build();

    private static AppSpec blog() {
        return AppSpec.builder("Blog")
                .entity(new Entity("Post", List.of(TITLE, STATUS)))
                .entity(new Entity("Tag", List.of(Field.builder("name", FieldType.STRING).build())))
                .relation(new Relation("Post", "Tag", RelationKind.MANY_TO_MANY, "tags", false))
                .build();
    }

    @Test
    void the_delta_between_two_specs_applied_to_the_first_gives_the_second() {
        AppSpec next = AppSpec.builder("Blog")
                .entity(new Entity("Post", List.of(TITLE,
                        Field.builder("status", FieldType.ENUM).enumValues(List.of("draft", "published", "archived")).build(),
                        Field.builder("due_on", FieldType.DATE).required(false).build())))
                .entity(new Entity("Comment", List.of(Field.builder("body", FieldType.TEXT).build())))
                .relation(new Relation("Comment", "Post", RelationKind.MANY_TO_ONE, "post", true))
                .relation(new Relation("Comment", "User", RelationKind.MANY_TO_ONE, "author", true))
                .capability(new Capability.Ownership("Comment"))
                .build();

        SpecDelta delta = SpecDelta.between(blog(), next);

        assertThat(delta.changes()).extracting(SpecChange::describe).containsExactly(
                "remove entity Tag", "change field Post.status", "add field Post.due_on (date)",
                "add entity Comment", "add relation Comment MANY_TO_ONE Post", "add relation Comment MANY_TO_ONE User",
                "add capability " + new Capability.Ownership("Comment"));
        assertThat(delta.apply(blog())).isEqualTo(next);
        assertThat(delta.losses()).containsExactly("every row of Tag");
    }

    @Test
    void adding_enum_values_and_optional_fields_loses_nothing_but_dropping_or_narrowing_does() {
        Field archived = Field.builder("status", FieldType.ENUM).enumValues(List.of("draft", "published", "archived")).build();
        Field draftOnly = Field.builder("status", FieldType.ENUM).enumValues(List.of("draft")).build();
        Field shortTitle = Field.builder("title", FieldType.STRING).maxLength(20).build();
        Field titleAsText = Field.builder("title", FieldType.TEXT).build();
        Field titleAsNumber = Field.builder("title", FieldType.INTEGER).build();

        assertThat(new SpecChange.ChangeField("Post", STATUS, archived).loss()).isEmpty();
        assertThat(new SpecChange.ChangeField("Post", TITLE, titleAsText).loss()).isEmpty();
        assertThat(new SpecChange.ChangeField("Post", STATUS, draftOnly).loss()).contains("rows of Post.status holding published");
        assertThat(new SpecChange.ChangeField("Post", TITLE, shortTitle).loss()).contains("values of Post.title longer than 20 characters");
        assertThat(new SpecChange.ChangeField("Post", TITLE, titleAsNumber).loss())
                .contains("values of Post.title that are not valid as integer");
        Field optional = Field.builder("subtitle", FieldType.STRING).required(false).build();
        Field required = Field.builder("subtitle", FieldType.STRING).build();
        assertThat(new SpecChange.ChangeField("Post", optional, required).loss()).isPresent();
        assertThat(new SpecChange.AddField("Post", optional).loss()).isEmpty();
    }

    @Test
    void renames_keep_the_fields_and_follow_the_relations() {
        SpecDelta delta = new SpecDelta(List.of(new SpecChange.RenameEntity("Tag", "Label"),
                new SpecChange.RenameField("Post", "title", "headline")));

        AppSpec renamed = delta.apply(blog());

        assertThat(delta.destructive()).isFalse();
        assertThat(renamed.entities()).extracting(Entity::name).containsExactly("Post", "Label");
        assertThat(renamed.entities().get(0).fields()).extracting(Field::name).containsExactly("headline", "status");
        assertThat(renamed.relations()).containsExactly(new Relation("Post", "Label", RelationKind.MANY_TO_MANY, "tags", false));
    }

    @Test
    void between_never_guesses_a_rename_so_a_renamed_field_reads_as_a_destructive_removal() {
        AppSpec next = new SpecDelta(List.of(new SpecChange.RenameField("Post", "title", "headline"))).apply(blog());

        SpecDelta delta = SpecDelta.between(blog(), next);

        assertThat(delta.changes()).extracting(SpecChange::describe)
                .containsExactly("remove field Post.title", "add field Post.headline (string)");
        assertThat(delta.losses()).containsExactly("the values of Post.title");
    }

    @Test
    void a_step_that_does_not_fit_the_spec_names_itself_and_changes_nothing() {
        AppSpec base = blog();
        SpecDelta delta = new SpecDelta(List.of(new SpecChange.AddField("Post", Field.builder("x", FieldType.STRING).build()),
                new SpecChange.RemoveField("Post", "missing")));

        assertThatThrownBy(() -> delta.apply(base)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot remove field Post.missing: no such field");
        assertThat(base).isEqualTo(blog());
        assertThat(SpecDelta.between(base, base).isEmpty()).isTrue();
    }

    @Test
    void removing_an_entity_removes_its_relations_and_capabilities() {
        AppSpec owned = AppSpec.builder("Blog").entity(new Entity("Post", List.of(TITLE)))
                .relation(new Relation("Post", "User", RelationKind.MANY_TO_ONE, "author", true))
                .capability(new Capability.Ownership("Post")).build();

        AppSpec none = new SpecDelta(List.of(new SpecChange.RemoveEntity("Post"))).apply(owned);

        assertThat(none.entities()).isEmpty();
        assertThat(none.relations()).isEmpty();
        assertThat(none.capabilities()).isEmpty();
    }
}
