package io.autonoma.agents.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values the generated sort tests create: inside the field's bounds, ascending, a tie unless unique. */
class FieldModelSortValuesTest {
    private static List<String> values(Field.Builder field) {
        return new FieldModel(field.build(), "Thing").sortValues();
    }

    @Test
    void a_plain_field_gets_a_low_value_and_a_high_one_twice_for_a_tie() {
        assertThat(values(Field.builder("title", FieldType.STRING))).containsExactly("\"Alpha\"", "\"Bravo\"", "\"Bravo\"");
        assertThat(values(Field.builder("done", FieldType.BOOLEAN))).containsExactly("False", "True", "True");
        assertThat(values(Field.builder("due", FieldType.DATE))).containsExactly("\"2026-01-05\"", "\"2026-02-10\"", "\"2026-02-10\"");
    }

    @Test
    void a_unique_field_gets_three_distinct_values_that_fit_its_length() {
        assertThat(values(Field.builder("code", FieldType.STRING).unique(true).maxLength(1))).containsExactly("\"A\"", "\"B\"", "\"C\"");
        assertThat(values(Field.builder("email", FieldType.EMAIL).unique(true)))
                .containsExactly("\"a@example.com\"", "\"b@example.com\"", "\"c@example.com\"");
        assertThat(values(Field.builder("phone", FieldType.PHONE).unique(true).maxLength(8))).containsExactly("\"101\"", "\"102\"", "\"103\"");
    }

    @Test
    void numbers_stay_inside_their_bounds() {
        assertThat(values(Field.builder("n", FieldType.INTEGER).unique(true))).containsExactly("1", "2", "3");
        assertThat(values(Field.builder("n", FieldType.INTEGER).unique(true).max(0))).containsExactly("-2", "-1", "0");
        assertThat(values(Field.builder("n", FieldType.INTEGER).min(10).max(11))).containsExactly("10", "11", "11");
        assertThat(values(Field.builder("n", FieldType.INTEGER).unique(true).min(7).max(7))).containsExactly("7");
        assertThat(values(Field.builder("n", FieldType.INTEGER).min(7).max(7))).containsExactly("7", "7", "7");
        assertThat(values(Field.builder("price", FieldType.DECIMAL).unique(true))).containsExactly("\"1.25\"", "\"2.25\"", "\"3.25\"");
        assertThat(values(Field.builder("rate", FieldType.DECIMAL).unique(true).min(0.005).max(0.02)))
                .containsExactly("\"0.01\"", "\"0.02\"");
        assertThat(values(Field.builder("rate", FieldType.DECIMAL).min(100).max(1000))).containsExactly("\"100.00\"", "\"101.00\"", "\"101.00\"");
    }

    @Test
    void enum_values_differ_in_their_first_letter_so_every_collation_agrees() {
        // "in_progress" < "inbox" by code point but not in a linguistic collation that ignores '_'
        assertThat(values(Field.builder("state", FieldType.ENUM).enumValues(List.of("inbox", "in_progress", "done")).unique(true)))
                .containsExactly("\"done\"", "\"in_progress\"");
        assertThat(values(Field.builder("state", FieldType.ENUM).enumValues(List.of("only"))))
                .containsExactly("\"only\"", "\"only\"", "\"only\"");
    }
}
