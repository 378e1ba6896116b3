package io.autonoma.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservedNamesTest {
    private static final ReservedNames PY = ReservedNames.builder("py-pack")
            .fields("a Python keyword", "class", "lambda")
            .entities("the declarative base", "Base")
            .build();
    private static final ReservedNames TS = ReservedNames.builder("ts-pack")
            .fields("a TypeScript reserved word", "class", "function")
            .entities("a JavaScript global", "Date")
            .build();

    private static AppSpec spec(String entity, String field, String relation) {
        return new AppSpec("X", null, List.of(new Entity("Other", List.of(Field.builder("title", FieldType.STRING).build())),
                new Entity(entity, List.of(Field.builder("name", FieldType.STRING).build(), Field.builder(field, FieldType.STRING).build()))),
                List.of(new Relation(entity, "Other", RelationKind.MANY_TO_ONE, relation, true)), null, null, null, null, null);
    }

    @Test
    void every_reason_names_its_owner() {
        assertThat(PY.fieldReason("class")).contains("py-pack (a Python keyword)");
        assertThat(PY.entityReason("Base")).contains("py-pack (the declarative base)");
        assertThat(PY.fieldReason("title")).isEmpty();
        assertThat(PY.fieldReason(null)).isEmpty();
    }

    @Test
    void the_union_keeps_every_name_and_both_reasons_of_a_shared_one() {
        ReservedNames both = ReservedNames.union(List.of(PY, TS));

        assertThat(both.fields()).containsOnlyKeys("class", "lambda", "function");
        assertThat(both.entities()).containsOnlyKeys("Base", "Date");
        assertThat(both.fieldReason("class")).contains("py-pack (a Python keyword) and ts-pack (a TypeScript reserved word)");
        assertThat(ReservedNames.none().and(PY)).isEqualTo(PY);
        assertThat(PY.and(ReservedNames.none())).isEqualTo(PY);
    }

    @Test
    void the_core_reserves_only_the_spec_s_own_user_entity() {
        assertThat(ReservedNames.spec().fields()).isEmpty();
        assertThat(ReservedNames.spec().entities()).containsOnlyKeys(AppSpec.USER_ENTITY);
    }

    @Test
    void the_validator_names_the_path_the_pack_and_the_reason() {
        AppSpec spec = spec("Date", "class", "lambda");

        assertThat(AppSpecValidator.validate(spec).problems()).isEmpty();
        assertThat(AppSpecValidator.validate(spec, PY.and(TS)).problems()).containsExactly(
                "entities[1].name: 'Date' is reserved by ts-pack (a JavaScript global); rename it (e.g. Member, Account)",
                "entities[1].fields[1].name: 'class' is reserved by py-pack (a Python keyword) and ts-pack (a TypeScript reserved word); "
                        + "choose another name",
                "relations[0].name: 'lambda' is reserved by py-pack (a Python keyword); choose another name");
    }

    @Test
    void a_name_no_spec_can_hold_or_a_missing_reason_is_refused() {
        assertThatThrownBy(() -> ReservedNames.builder("p").fields("why", "Class").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[Class]").hasMessageContaining("snake_case");
        assertThatThrownBy(() -> ReservedNames.builder("p").entities("why", "base").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[base]").hasMessageContaining("PascalCase");
        assertThatThrownBy(() -> ReservedNames.builder("p").fields(" ", "x")).hasMessageContaining("say why");
        assertThatThrownBy(() -> ReservedNames.builder(" ")).hasMessageContaining("owner");
        assertThatThrownBy(() -> new ReservedNames(Map.of("X", ""), Map.of())).hasMessageContaining("'X' needs a reason");
    }
}
