package io.autonoma.agents.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.security.internal.TsToken.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TsxTokenizerTest {
    private static List<String> of(String src, Kind kind) throws UnreadableSourceException {
        return TsxTokenizer.tokenize(src, true).stream().filter(t -> t.kind() == kind).map(TsToken::text).toList();
    }

    @Test
    void jsx_elements_attributes_text_and_nested_expressions() throws Exception {
        String src = """
                export default function Page({ items }: Props) {
                  return (
                    <main className="p-4" data-x='1' {...rest}>
                      <p>Don't worry: it's "text" & more</p>
                      {items.map((i) => <Item key={i.id} label={`#${i.id}`} />)}
                      {/* a comment with <b>tags</b> */}
                      <>{cond ? <A /> : <B title="x > y" />}</>
                    </main>
                  );
                }
                """;

        assertThat(of(src, Kind.JSX_TAG)).containsExactly("main", "p", "Item", "", "A", "B");
        assertThat(of(src, Kind.JSX_ATTR)).containsExactly("className", "data-x", "key", "label", "title");
        assertThat(of(src, Kind.JSX_TEXT)).containsExactly("Don't worry: it's \"text\" & more");
        assertThat(of(src, Kind.IDENT)).contains("rest", "items", "map", "cond").doesNotContain("comment", "tags", "worry");
    }

    @Test
    void comparisons_and_generics_are_not_jsx() throws Exception {
        String src = """
                const [errors, setErrors] = useState<Record<string, string>>({});
                const small = a < b && c > d;
                const id = <T,>(value: T): T => value;
                function pick<T extends object>(x: T) { return x; }
                if (items.length < 3) { total = (sum) / 2 / count; }
                """;

        assertThat(of(src, Kind.JSX_TAG)).isEmpty();
        assertThat(of(src, Kind.REGEX)).isEmpty();
    }

    @Test
    void strings_templates_regexes_and_comments() throws Exception {
        String src = """
                // innerHTML = x
                /* document.write(y) */
                const s = "a <b> 'c' // not a comment";
                const t = `outer ${`inner ${deep}`} \\` end`;
                const r = /[/<]+\\/(x)/gi.test(s);
                const n = 1_000 + 1e-3 + .5;
                """;

        assertThat(of(src, Kind.STRING)).containsExactly("\"a <b> 'c' // not a comment\"");
        // the nested template is code inside the outer one's ${...}: a token of its own, then the outer one
        assertThat(of(src, Kind.TEMPLATE)).containsExactly("`inner ${deep}`", "`outer ${`inner ${deep}`} \\` end`");
        assertThat(of(src, Kind.REGEX)).containsExactly("/[/<]+\\/(x)/gi");
        assertThat(of(src, Kind.NUMBER)).containsExactly("1_000", "1e-3", ".5");
        assertThat(of(src, Kind.IDENT)).doesNotContain("innerHTML", "document", "write").contains("deep");
    }

    @Test
    void plain_typescript_reads_angle_brackets_as_operators() throws Exception {
        assertThat(TsxTokenizer.tokenize("const x = <number>y;", false)).extracting(TsToken::kind).doesNotContain(Kind.JSX_TAG);
    }

    @Test
    void lines_are_counted_through_multi_line_tokens() throws Exception {
        List<TsToken> ts = TsxTokenizer.tokenize("const a = `x\ny`;\n/* c\nc */\n<p title=\"t\"\n  >\n  text\n</p>;\nlast;", true);

        assertThat(ts).filteredOn(t -> t.is(Kind.IDENT, "last")).singleElement().extracting(TsToken::line).isEqualTo(9);
        assertThat(ts).filteredOn(t -> t.kind() == Kind.JSX_TEXT).singleElement().extracting(TsToken::line).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a closing tag for another element | const x = <a><b></a></b>;  | does not close",
            "an element never closed          | const x = <a><b /> ;       | never closed",
            "a string across a line break     | const s = 'abc\\n';        | never closed",
            "an unclosed comment              | x; /* abc                  | never closed",
            "an unclosed template             | const t = `abc             | never closed",
            "a bracket closed by another kind | f(a];                      | closes no",
            "an unclosed expression in jsx    | const x = <a>{b</a>;       | never closed"})
    void unreadable_source_says_why(String what, String source, String reason) {
        String src = source.strip().replace("\\n", "\n");
        assertThatThrownBy(() -> TsxTokenizer.tokenize(src, true)).as(what).isInstanceOf(UnreadableSourceException.class)
                .hasMessageContaining(reason);
    }
}
