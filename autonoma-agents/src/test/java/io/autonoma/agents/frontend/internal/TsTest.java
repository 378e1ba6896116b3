package io.autonoma.agents.frontend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TsTest {
    @Test
    void string_literal_escapes_quotes_backslashes_controls_and_line_separators() {
        assertThat(Ts.string("a\"b\\c\nd\te\u2028f\u2029")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u2028f\\u2029\"");
        assertThat(Ts.string(null)).isEqualTo("\"\"");
        assertThat(Ts.string("${x} `y` é")).isEqualTo("\"${x} `y` é\"");
    }

    @Test
    void comment_cannot_close_the_comment_or_span_lines() {
        assertThat(Ts.comment("a */ b\r\nc")).isEqualTo("a *\\/ b c");
    }

    @Test
    void numbers_are_plain() {
        assertThat(Ts.number(new BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(Ts.number(new BigDecimal("12.500"))).isEqualTo("12.5");
        assertThat(Ts.number(new BigDecimal("0.00"))).isEqualTo("0");
        assertThat(Ts.number(new BigDecimal("-3"))).isEqualTo("-3");
    }
}
