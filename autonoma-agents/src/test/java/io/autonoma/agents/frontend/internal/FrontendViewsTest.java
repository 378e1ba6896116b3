package io.autonoma.agents.frontend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontendViewsTest {
    private static FieldView field(EntityView e, String name) {
        return e.formFields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static PropertyView property(EntityView e, String name) {
        return e.properties().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void relations_to_users_pick_from_the_users_directory_and_a_required_one_is_left_to_the_server() {
        AppSpec spec = AppSpec.builder("Chat")
                .entity(new Entity("Message", List.of(Field.builder("body", FieldType.TEXT).build())))
                .relation(new Relation("Message", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "sender", true))
                .relation(new Relation("Message", AppSpec.USER_ENTITY, RelationKind.MANY_TO_ONE, "assignee", false))
                .relation(new Relation("Message", AppSpec.USER_ENTITY, RelationKind.MANY_TO_MANY, "readers", false))
                .build();
        FrontendView view = FrontendViews.of(spec);
        assertThat(view.hasUserRelations()).isTrue();
        EntityView message = view.entities().get(0);
        assertThat(message.apiImports()).containsExactly("messagesApi", "usersApi");
        String usersTarget = "target: { api: usersApi, label: \"User\", route: null, displayField: \"name\" }";

        FieldView sender = field(message, "sender_id");
        assertThat(sender.inForm()).isFalse();
        assertThat(sender.inList()).isTrue();
        assertThat(sender.kind()).isEqualTo("reference");
        assertThat(sender.extras()).containsExactly(usersTarget);
        assertThat(property(message, "sender_id")).satisfies(p -> {
            assertThat(p.tsType()).isEqualTo("number");
            assertThat(p.inputOptional()).isTrue();
            assertThat(p.doc()).contains("Left out on create: the current user.");
        });

        FieldView assignee = field(message, "assignee_id");
        assertThat(assignee.inForm()).isTrue();
        assertThat(assignee.zod()).isEqualTo("f.reference({ required: false })");
        assertThat(assignee.extras()).containsExactly(usersTarget);
        assertThat(property(message, "assignee_id").inputOptional()).isFalse();

        FieldView readers = field(message, "readers_ids");
        assertThat(readers.inForm()).isTrue();
        assertThat(readers.kind()).isEqualTo("references");
        assertThat(readers.extras()).containsExactly(usersTarget);
        assertThat(field(message, "body").inForm()).isTrue();
    }

    @Test
    void apps_without_relations_to_users_have_no_users_client() {
        AppSpec spec = AppSpec.builder("Notes")
                .entity(new Entity("Note", List.of(Field.builder("title", FieldType.STRING).build()))).build();
        FrontendView view = FrontendViews.of(spec);
        assertThat(view.hasUserRelations()).isFalse();
        assertThat(view.entities().get(0).apiImports()).containsExactly("notesApi");
    }

    @Test
    void logo_initials_are_the_first_letters_of_the_first_two_words_upper_case() {
        assertThat(FrontendViews.logoInitials("Sales CRM")).isEqualTo("SC");
        assertThat(FrontendViews.logoInitials("inventory")).isEqualTo("I");
        assertThat(FrontendViews.logoInitials("pet-clinic_manager app")).isEqualTo("PC");
        assertThat(FrontendViews.logoInitials("  7 wonders")).isEqualTo("7W");
    }

    @Test
    void logo_initials_hold_only_ascii_letters_and_digits_whatever_the_name() {
        assertThat(FrontendViews.logoInitials("<svg> & \"x\"")).isEqualTo("SX");
        assertThat(FrontendViews.logoInitials("émoji 🚀 </text>")).isEqualTo("MT");
        assertThat(FrontendViews.logoInitials("")).isEqualTo("A");
        assertThat(FrontendViews.logoInitials(null)).isEqualTo("A");
        assertThat(FrontendViews.logoInitials("--- ***")).isEqualTo("A");
    }
}
