package io.autonoma.agents.backend;

import io.autonoma.agents.testkit.Packs;
import io.autonoma.agents.pack.PackAgent;
import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.testkit.TestContext;
import io.autonoma.agents.testing.FastApiTestsPack;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class BackendTemplatesTest {
    
    static Stream<String> specs() {
        return Stream.of("inventory", "single", "chain", "blog", "crm", "library", "stress");
    }

    static AppSpec spec(String name) {
        if (name.equals("inventory")) {
            return TestContext.exampleSpec();
        }
        return AppSpecJson.read(Path.of("src", "test", "resources", "specs", name + ".app-spec.json"));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void field_tests_exist_only_for_what_some_resource_has_so_nothing_is_skipped(String name) {
        AppSpec spec = spec(name);
        Map<String, String> files = Packs.backend(spec);
        files.forEach((path, text) -> {
            if (path.startsWith("backend/tests/")) {
                assertThat(text).as(path).doesNotContain("pytest.skip");
            }
        });
        boolean anyUnique = spec.entities().stream().anyMatch(e -> e.fields().stream().anyMatch(f -> f.unique()));
        assertThat(files.get("backend/tests/test_fields.py").contains("async def test_unique_fields_conflict("))
                .as("unique-field test present").isEqualTo(anyUnique);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void renders_every_spec_shape_and_writes_it_to_target(String name) throws IOException {
        AppSpec spec = spec(name);
        Path out = Path.of("target", "generated-backends", name);
        int written = io.autonoma.agents.pack.RenderPacks.write(spec, java.util.List.of(new FastApiPack(), new FastApiTestsPack()), out);

        Map<String, String> files = Packs.backend(spec);
        assertThat(written).isEqualTo(files.size() + 1);
        assertThat(files).containsKeys("backend/app/main.py", "backend/tests/test_crud.py", "backend/requirements.txt",
                "backend/alembic/env.py", "backend/app/models/__init__.py");
        spec.entities().forEach(e -> {
            String snake = io.autonoma.agents.naming.Naming.snake(e.name());
            assertThat(files).containsKeys("backend/app/models/" + snake + ".py", "backend/app/schemas/" + snake + ".py",
                    "backend/app/routers/" + snake + ".py");
            assertThat(files.get("backend/app/routers/" + snake + ".py"))
                    .contains("prefix=\"/api/v1/" + io.autonoma.agents.naming.Naming.pluralKebab(e.name()) + "\"");
        });
        assertThat(files.keySet()).anyMatch(p -> p.matches("backend/alembic/versions/[0-9a-f]{12}_initial_schema\\.py"));
        files.forEach((path, text) -> {
            // Mustache in spec text is data, never re-rendered; anything else left over is a template bug.
            assertThat(text.replace("{{not mustache}}", "")).as(path).doesNotContain("{{").doesNotContain("\t");
            if (path.endsWith(".py")) {
                assertThat(text).as(path).endsWith("\n").doesNotEndWith("\n\n").doesNotContain(" \n");
            }
        });
        assertThat(Files.readString(out.resolve("backend/app/main.py"))).isEqualTo(files.get("backend/app/main.py"));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void same_spec_gives_byte_identical_files(String name) {
        AppSpec spec = spec(name);
        assertThat(Packs.backend(spec)).isEqualTo(Packs.backend(AppSpecJson.read(AppSpecJson.write(spec))));
    }

    @Test
    void descriptions_with_quotes_and_backslashes_become_safe_python_literals() {
        Map<String, String> files = Packs.backend(spec("blog"));
        assertThat(files.get("backend/app/main.py")).contains(
                "description='A blog with posts, comments and tags. Quotes \"here\" and a backslash \\\\ must not break code.',");
        assertThat(files.get("backend/app/schemas/post.py")).contains("description='The post\\'s \"headline\"'");
    }

    @ParameterizedTest
    @MethodSource("specs")
    void generated_backend_passes_the_security_review(String name) throws Exception {
        TestContext ctx = new TestContext(spec(name));
        new PackAgent(new FastApiPack()).run(ctx);
        new PackAgent(new FastApiTestsPack()).run(ctx);
        new io.autonoma.agents.security.SecurityAgent(java.util.List.of(io.autonoma.agents.AgentIds.BACKEND, io.autonoma.agents.AgentIds.TESTING)).run(ctx);
        assertThat(ctx.texts()).containsKey("docs/security.md");
    }

    @Test
    void backend_with_the_performance_script_is_written_to_target_for_the_python_tools() throws Exception {
        TestContext ctx = new TestContext(TestContext.exampleSpec());
        new PackAgent(new FastApiPack()).run(ctx);
        new PackAgent(new FastApiTestsPack()).run(ctx);
        new PackAgent(new io.autonoma.agents.performance.PerformancePack()).run(ctx);
        Path out = Path.of("target", "generated-backends", "inventory-with-performance");
        for (Map.Entry<String, String> f : ctx.texts().entrySet()) {
            Path file = out.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        assertThat(out.resolve("backend/scripts/load_test.py")).exists();
    }

    @Test
    void agents_write_backend_and_tests_through_the_context() throws Exception {
        AppSpec spec = TestContext.exampleSpec();
        TestContext ctx = new TestContext(spec);
        new PackAgent(new FastApiPack()).run(ctx);
        new PackAgent(new FastApiTestsPack()).run(ctx);
        assertThat(ctx.texts()).containsKeys("backend/app/main.py", "backend/app/routers/purchase_order.py",
                "backend/tests/test_relations.py", "backend/tests/resources.py");
        assertThat(new PackAgent(new FastApiPack()).dependsOn()).containsExactly("requirements");
        assertThat(new PackAgent(new FastApiTestsPack()).dependsOn()).containsExactly("backend");
        assertThat(new PackAgent(new FastApiPack()).name()).isEqualTo("backend");
        assertThat(new PackAgent(new FastApiTestsPack()).name()).isEqualTo("testing");
    }
}
