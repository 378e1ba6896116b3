package io.autonoma.agents.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.autonoma.agents.deploy.internal.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void slug_is_a_dns_label_starting_with_a_letter() {
        assertThat(Text.slug("Inventory")).isEqualTo("inventory");
        assertThat(Text.slug("PurchaseOrder Tracker")).isEqualTo("purchase-order-tracker");
        assertThat(Text.slug("3D Shop")).isEqualTo("app-3-d-shop");
        assertThat(Text.slug("Café Menu")).isEqualTo("caf-menu");
        assertThat(Text.slug("!!!")).isEqualTo("app");
        assertThat(Text.slug(null)).isEqualTo("app");
        String longName = "A".repeat(10) + " very long application name that keeps going and going";
        assertThat(Text.slug(longName)).hasSizeLessThanOrEqualTo(Text.MAX_SLUG).doesNotEndWith("-")
                .matches("[a-z]([-a-z0-9]*[a-z0-9])?");
    }

    @Test
    void yaml_scalars_round_trip_any_text() throws Exception {
        for (String s : List.of("", "plain", "a: b", "# c", "\"q\" 'q'", "line\nbreak\r\n", "tab\there", "back\\slash",
                "{{mustache}}", "${{ github.token }}", "- item", "? key", "null", "true", "0x1F", "bell\u0007",
                "nel\u0085", "sep\u2028", "bom\ufeff", "emoji \ud83d\ude00", "%TAG", "&anchor *alias", "|", ">")) {
            String doc = "v: " + Text.yaml(s) + "\n";
            assertThat(YAML.readTree(doc).get("v").asText()).as(s).isEqualTo(s);
        }
    }

    @Test
    void compose_doubles_dollars_and_comment_lines_are_single_line() {
        assertThat(Text.compose("a $HOME ${X}")).isEqualTo("\"a $$HOME $${X}\"");
        assertThat(Text.line("one\ntwo\r\nthree {{x}}\\", 100)).isEqualTo("one two three { {x} }");
        assertThat(Text.line("x".repeat(300), 50)).hasSize(50).endsWith("...");
        assertThat(Text.md("<b>|`x`")).isEqualTo("&lt;b&gt;\\|'x'");
        assertThat(Text.md("# not a heading")).isEqualTo("\\# not a heading");
        assertThat(Text.md("1. not a list")).isEqualTo("1\\. not a list");
    }
}
