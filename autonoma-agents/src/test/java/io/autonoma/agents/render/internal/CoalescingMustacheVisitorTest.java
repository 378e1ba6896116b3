package io.autonoma.agents.render.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheVisitor;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The coalescing visitor compiles templates that render exactly as the stock visitor's do. */
class CoalescingMustacheVisitorTest {
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");

    private static DefaultMustacheFactory factory(boolean coalescing) {
        return new DefaultMustacheFactory("templates") {
            @Override
            public MustacheVisitor createMustacheVisitor() {
                return coalescing ? new CoalescingMustacheVisitor(this) : super.createMustacheVisitor();
            }
        };
    }

    private static String render(Mustache m, Object scope) {
        StringWriter w = new StringWriter();
        m.execute(w, scope);
        return w.toString();
    }

    @Test
    void text_sections_inverted_sections_comments_partials_and_delimiters_render_the_same() {
        String template = "line one\nline {{a}} two\n{{! a comment }}\n{{#items}}\n  - {{name}}\n{{/items}}\n"
                + "{{^none}}nothing\n{{/none}}\n{{=<% %>=}}\n<%a%> in new delimiters\n<%={{ }}=%>\nend {{{a}}}\n";
        Map<String, Object> scope = Map.of("a", "A & B", "items", List.of(Map.of("name", "x"), Map.of("name", "y")));
        String stock = render(factory(false).compile(new StringReader(template), "t"), scope);
        String coalesced = render(factory(true).compile(new StringReader(template), "t"), scope);

        assertThat(coalesced).isEqualTo(stock).contains("  - x\n", "nothing\n", "A &amp; B in new delimiters", "end A & B");
    }

    @Test
    void every_template_of_the_packs_renders_the_same_as_with_the_stock_visitor() throws IOException {
        List<Path> templates;
        try (Stream<Path> s = Files.walk(TEMPLATES)) {
            templates = s.filter(p -> p.toString().endsWith(".mustache")).sorted().toList();
        }
        assertThat(templates).hasSizeGreaterThan(100);
        DefaultMustacheFactory stock = factory(false);
        DefaultMustacheFactory coalescing = factory(true);
        Map<String, Object> scope = Map.of("name", "Shop", "snake", "shop", "entities", List.of());
        for (Path t : templates) {
            String name = TEMPLATES.relativize(t).toString();
            assertThat(render(coalescing.compile(name), scope)).as(name).isEqualTo(render(stock.compile(name), scope));
        }
    }
}
