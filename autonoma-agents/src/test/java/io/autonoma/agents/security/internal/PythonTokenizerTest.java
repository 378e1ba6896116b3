package io.autonoma.agents.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.security.internal.PyToken.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonTokenizerTest {
    private static List<PyToken> tokens(String src) throws UnreadableSourceException {
        return PythonTokenizer.tokenize(src);
    }

    private static List<String> texts(String src) throws UnreadableSourceException {
        return tokens(src).stream().filter(t -> t.kind() != Kind.END).map(t -> t.kind() == Kind.NEWLINE ? "NL"
                : t.kind() == Kind.INDENT ? "IN" : t.kind() == Kind.DEDENT ? "DE" : t.text()).toList();
    }

    @Test
    void comments_are_dropped_but_a_hash_inside_a_string_is_text() throws Exception {
        assertThat(texts("x = '# not a comment'  # a comment with 'quotes' and (brackets\n"))
                .containsExactly("x", "=", "'# not a comment'", "NL");
    }

    @Test
    void strings_of_every_form_are_one_token() throws Exception {
        String src = """
                a = r"C:\\path" + b'\\x00' + Rb"raw" + u"\\"quoted\\""
                b = \"\"\"triple with "quotes" and
                a ) bracket and # hash\"\"\"
                c = f"{d["key"]:>{width}} {{literal}} {'nested' + "mix"}"
                e = 1
                """;
        List<PyToken> ts = tokens(src);

        assertThat(ts).filteredOn(t -> t.kind() == Kind.STRING).extracting(PyToken::text).containsExactly(
                "r\"C:\\path\"", "b'\\x00'", "Rb\"raw\"", "u\"\\\"quoted\\\"\"",
                "\"\"\"triple with \"quotes\" and\na ) bracket and # hash\"\"\"",
                "f\"{d[\"key\"]:>{width}} {{literal}} {'nested' + \"mix\"}\"");
        assertThat(ts).filteredOn(t -> t.is("e")).singleElement().extracting(PyToken::line).isEqualTo(5);
        assertThat(ts.get(ts.size() - 1).kind()).isEqualTo(Kind.END);
    }

    @Test
    void string_values_drop_prefix_and_quotes() throws Exception {
        assertThat(tokens("b'x-frame-options'").get(0).stringValue()).isEqualTo("x-frame-options");
        assertThat(tokens("'''doc'''").get(0).stringValue()).isEqualTo("doc");
        assertThat(tokens("name").get(0).stringValue()).isEmpty();
    }

    @Test
    void brackets_and_backslashes_join_lines_into_one_logical_line() throws Exception {
        assertThat(texts("""
                call(a,
                     b)  # done
                x = 1 + \\
                    2
                """)).containsExactly("call", "(", "a", ",", "b", ")", "NL", "x", "=", "1", "+", "2", "NL");
    }

    @Test
    void indentation_gives_indent_and_dedent_and_skips_blank_and_comment_lines() throws Exception {
        assertThat(texts("""
                def f():
                    if x:

                        # comment at another depth
                  # and another
                        return 1
                    return 2
                y = 3
                """)).containsExactly("def", "f", "(", ")", ":", "NL", "IN", "if", "x", ":", "NL", "IN", "return", "1", "NL",
                "DE", "return", "2", "NL", "DE", "y", "=", "3", "NL");
    }

    @Test
    void operators_numbers_and_names() throws Exception {
        assertThat(texts("a: int = 1_000 ** -2.5e-3 // 0xFF -> b := c != d ... @e"))
                .containsExactly("a", ":", "int", "=", "1_000", "**", "-", "2.5e-3", "//", "0xFF", "->", "b", ":=", "c", "!=", "d",
                        "...", "@", "e", "NL");
    }

    @Test
    void windows_line_ends_and_a_byte_order_mark_are_read() throws Exception {
        assertThat(texts("\ufeffx = 1\r\ny = 2\r\n")).containsExactly("x", "=", "1", "NL", "y", "=", "2", "NL");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an unclosed string                 | x = 'abc\\ny = 1              | 1 | never closed",
            "an unclosed triple-quoted string   | x = 1\\ny = '''abc\\n          | 2 | never closed",
            "an unclosed bracket                | x = [1,\\n2,\\n               | 1 | '[' is never closed",
            "a bracket closed by another kind   | x = (1]                      | 1 | does not close",
            "a closing bracket that closes none | x = 1)                       | 1 | closes nothing",
            "a dedent to no outer block         | if x:\\n    a\\n  b\\n        | 3 | indentation",
            "a stray character                  | x = $y                       | 1 | unexpected character",
            "an unclosed f-string field         | x = f'{a'                    | 1 | never closed"})
    void unreadable_source_says_where_and_why(String what, String source, int line, String reason) {
        String src = source.strip().replace("\\n", "\n");
        assertThatThrownBy(() -> PythonTokenizer.tokenize(src)).as(what).isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining(reason).extracting(e -> ((UnreadableSourceException) e).line()).isEqualTo(line);
    }
}
