package io.autonoma.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplatesTest {
    private final McpUriTemplateManager files = new PathTemplates().create("autonoma://projects/{id}/files/{+path}");

    @Test
    void a_reserved_variable_takes_the_rest_of_the_uri_slashes_included() {
        assertThat(files.matches("autonoma://projects/p1/files/backend/app/main.py")).isTrue();
        assertThat(files.extractVariableValues("autonoma://projects/p1/files/backend/app/main.py"))
                .isEqualTo(Map.of("id", "p1", "path", "backend/app/main.py"));
        assertThat(files.getVariableNames()).containsExactly("id", "path");
    }

    @Test
    void a_simple_variable_is_one_segment() {
        assertThat(files.matches("autonoma://projects/a/b/files/x.py")).isFalse();
        assertThat(files.matches("autonoma://projects/p1/spec")).isFalse();
        assertThat(files.extractVariableValues("https://example.com/")).isEmpty();
        assertThat(files.isUriTemplate("autonoma://projects/{id}/spec")).isTrue();
        assertThat(files.isUriTemplate("autonoma://projects/p1/spec")).isFalse();
    }
}
