package io.autonoma.agents.performance;

import io.autonoma.agents.pack.PackAgent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.testkit.TestContext;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PerformanceAgentTest {
    @Test
    void seeds_an_entity_without_required_parents_with_a_valid_payload() throws Exception {
        TestContext ctx = new TestContext(TestContext.exampleSpec());
        new PackAgent(new io.autonoma.agents.performance.PerformancePack()).run(ctx);
        String script = ctx.texts().get("backend/scripts/load_test.py");
        assertThat(script).contains("ENTITY_PATH = \"/api/v1/suppliers\"");
        Matcher m = Pattern.compile("json\\.loads\\(\\n    '(.*)',\\n\\)").matcher(script);
        assertThat(m.find()).isTrue();
        ObjectMapper json = new ObjectMapper();
        String inner = m.group(1).replace("\\'", "'").replace("\\\\", "\\");
        Map<String, Object> payload = json.readValue(inner, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
        assertThat(payload).containsEntry("email", "load{n}@example.com").containsKey("name");
        assertThat(ctx.texts().get("docs/performance.md")).contains("/api/v1/suppliers").contains("N+1").contains("test_queries.py");
    }

    @Test
    void documents_the_caching_and_the_filter_indexes_that_are_built_and_nothing_as_missing() {
        TestContext ctx = new TestContext(TestContext.exampleSpec());
        new PackAgent(new io.autonoma.agents.performance.PerformancePack()).run(ctx);
        String doc = ctx.texts().get("docs/performance.md");
        assertThat(doc).contains("have an index too (2 in this app)")
                .contains("`created_at` has no index, by choice")
                .contains("`Cache-Control: private, no-cache`").contains("`304 Not Modified`")
                .contains("Off unless `REDIS_URL` is set").contains("`CACHE_NAMESPACE` (default\n  `inventory`")
                .contains("test_http_cache.py").contains("test_read_cache.py")
                .doesNotContain("Not done yet").doesNotContain("{{");
    }
}
