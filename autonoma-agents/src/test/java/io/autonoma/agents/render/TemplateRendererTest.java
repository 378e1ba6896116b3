package io.autonoma.agents.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.AutonomaException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {
    record E(String name, String snake) {}

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final Map<String, Object> root = Map.of(
            "app", "Shop", "raw", "<x>", "entities", List.of(new E("Product", "product"), new E("PurchaseOrder", "purchase_order")));

    @Test
    void standalone_section_lines_leave_no_blank_lines_so_python_indentation_survives() {
        String main = renderer.renderPack("test-pack", root).get("out/main.py");
        assertThat(main).isEqualTo("""
                # Shop
                def names() -> list[str]:
                    return [
                        "Product",
                        "PurchaseOrder",
                    ]
                """);
    }

    @Test
    void renders_one_file_per_element_with_the_root_still_visible_and_no_html_escaping() {
        Map<String, String> files = renderer.renderPack("test-pack", root);
        assertThat(files).containsOnlyKeys("out/main.py", "out/models/product.py", "out/models/purchase_order.py");
        assertThat(files.get("out/models/purchase_order.py"))
                .isEqualTo("class PurchaseOrder:\n    app = \"Shop\"\n    html = \"<b>&<x>\"\n");
    }

    @Test
    void unknown_pack_is_a_clear_error() {
        assertThatThrownBy(() -> renderer.renderPack("no-such-pack", root))
                .isInstanceOf(AutonomaException.class)
                .hasMessageContaining("templates/no-such-pack/pack.txt");
    }
}
