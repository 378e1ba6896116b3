package io.autonoma.agents.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dependency cache with stand-ins for python3 and npm on the PATH (shell scripts: no registry needed): one install
 * per key, the app's name out of the npm key, npm's cache inside the cache, a failed install reported with its output
 * and leaving nothing behind, and the hard-linked tree.
 */
class DependencyCacheTest {
    @TempDir
    Path tmp;

    private DependencyCache cache;

    /** {@code python3 -m venv DIR}: a "venv" whose python logs its pip arguments and fails for a broken requirement. */
    private static final String PYTHON = """
            #!/bin/sh
            [ "$1" = "-m" ] && [ "$2" = "venv" ] || exit 2
            mkdir -p "$3/bin"
            cat > "$3/bin/python" <<'EOF'
            #!/bin/sh
            echo "$@" >> "$(dirname "$0")/../pip-runs"
            if grep -q broken requirements.txt; then echo "ERROR: No matching distribution found for broken==9.9" >&2; exit 1; fi
            exit 0
            EOF
            chmod +x "$3/bin/python"
            """;

    /** {@code npm ci}: counts its runs in npm's cache, installs "next", fails for a broken package.json. */
    private static final String NPM = """
            #!/bin/sh
            mkdir -p "$npm_config_cache"
            echo "$@" >> "$npm_config_cache/runs"
            if grep -q broken package.json; then echo "npm error 404 Not Found - GET https://registry.npmjs.org/broken" >&2; exit 1; fi
            mkdir -p node_modules/next/dist/bin node_modules/.bin
            echo '{"name": "next"}' > node_modules/next/package.json
            echo 'console.log("next")' > node_modules/next/dist/bin/next
            ln -s ../next/dist/bin/next node_modules/.bin/next
            """;

    @BeforeEach
    void tools() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        script(bin.resolve("python3"), PYTHON);
        script(bin.resolve("npm"), NPM);
        cache = DependencyCache.builder().directory(tmp.resolve("cache"))
                .environment(Map.of("PATH", bin + ":" + System.getenv("PATH"))).build();
    }

    @Test
    void one_node_modules_per_lockfile_whatever_the_apps_name_with_npms_cache_inside() throws Exception {
        Path shop = frontend("shop", "{\n  \"name\": \"shop\",\n  \"dependencies\": {\"next\": \"16.0.0\"}\n}\n");
        Path crm = frontend("crm", "{\n  \"name\": \"crm\",\n  \"dependencies\": {\"next\": \"16.0.0\"}\n}\n");

        Path modules = cache.nodeModules(shop);

        assertThat(modules.getParent().getParent()).isEqualTo(tmp.resolve("cache"));
        assertThat(modules.getParent().getFileName().toString()).startsWith("node-");
        assertThat(modules.resolve("next/package.json")).exists();
        assertThat(cache.nodeModules(crm)).as("only the name differs: the same install").isEqualTo(modules);
        assertThat(Files.readAllLines(tmp.resolve("cache/npm/runs"))).containsExactly("ci --no-audit --no-fund --prefer-offline --loglevel=error");

        Path other = frontend("other", "{\n  \"name\": \"shop\",\n  \"dependencies\": {\"next\": \"16.1.0\"}\n}\n");
        assertThat(cache.nodeModules(other)).isNotEqualTo(modules);
        assertThat(Files.readAllLines(tmp.resolve("cache/npm/runs"))).hasSize(2);
    }

    @Test
    void one_venv_per_requirements_with_the_dev_requirements() throws Exception {
        Path backend = Files.createDirectories(tmp.resolve("app/backend"));
        Files.writeString(backend.resolve("requirements.txt"), "fastapi==0.115.0\n");
        Files.writeString(backend.resolve("requirements-dev.txt"), "pytest==8.3.0\n");

        Path python = cache.python(backend);

        assertThat(python).isEqualTo(python.getParent().getParent().resolve("bin/python"));
        assertThat(python.getParent().getParent().getFileName().toString()).startsWith("python-");
        assertThat(cache.python(backend)).isEqualTo(python);
        assertThat(Files.readAllLines(python.getParent().resolve("../pip-runs")))
                .containsExactly("-m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-dev.txt");
    }

    @Test
    void a_failed_install_says_what_the_installer_printed_and_leaves_nothing_in_the_cache() throws Exception {
        Path backend = Files.createDirectories(tmp.resolve("app/backend"));
        Files.writeString(backend.resolve("requirements.txt"), "broken==9.9\n");
        Path frontend = frontend("broken", "{\"name\": \"x\", \"dependencies\": {\"broken\": \"1.0.0\"}}\n");

        assertThatThrownBy(() -> cache.python(backend)).isInstanceOfSatisfying(DependencyCache.InstallFailedException.class, e -> {
            assertThat(e.tool()).isEqualTo("pip install");
            assertThat(e.getMessage()).startsWith("pip install failed with exit code 1: ")
                    .contains("No matching distribution found for broken==9.9");
            assertThat(e.output()).contains("No matching distribution found for broken==9.9");
        });
        assertThatThrownBy(() -> cache.nodeModules(frontend)).isInstanceOfSatisfying(DependencyCache.InstallFailedException.class, e -> {
            assertThat(e.tool()).isEqualTo("npm ci");
            assertThat(e.getMessage()).contains("npm error 404 Not Found - GET https://registry.npmjs.org/broken");
        });
        try (Stream<Path> left = Files.list(tmp.resolve("cache"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("npm");
        }
        DependencyCache none = DependencyCache.builder().directory(tmp.resolve("cache")).environment(Map.of("PATH", tmp.toString())).build();
        assertThatThrownBy(() -> none.python(backend)).hasMessageContaining("python3 is not on the PATH");
    }

    @Test
    void a_linked_tree_shares_the_files_keeps_the_symbolic_links_and_is_deleted_without_touching_the_cache() throws Exception {
        Path modules = cache.nodeModules(frontend("shop", "{\"name\": \"shop\"}\n"));
        Path target = tmp.resolve("app/frontend/node_modules");

        DependencyCache.linkTree(modules, target);

        assertThat(Files.isSymbolicLink(target)).isFalse();
        assertThat(Files.isDirectory(target.resolve("next/dist/bin"))).isTrue();
        assertThat(Files.getAttribute(target.resolve("next/package.json"), "unix:ino"))
                .isEqualTo(Files.getAttribute(modules.resolve("next/package.json"), "unix:ino"));
        assertThat(Files.getAttribute(target.resolve("next/package.json"), "unix:nlink")).isEqualTo(2);
        assertThat(Files.readSymbolicLink(target.resolve(".bin/next"))).isEqualTo(Path.of("../next/dist/bin/next"));
        assertThat(target.resolve(".bin/next")).hasContent("console.log(\"next\")");
        assertThatThrownBy(() -> DependencyCache.linkTree(modules, target)).isInstanceOf(IllegalArgumentException.class);

        // deleting the app's tree leaves the cache's files whole
        assertThat(DependencyCache.deleteTree(tmp.resolve("app"))).isTrue();
        assertThat(modules.resolve("next/package.json")).hasContent("{\"name\": \"next\"}");
        assertThat(Files.getAttribute(modules.resolve("next/package.json"), "unix:nlink")).isEqualTo(1);
        assertThat(Files.isSymbolicLink(modules.resolve(".bin/next"))).isTrue();
    }

    private Path frontend(String name, String packageJson) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name + "/frontend"));
        Files.writeString(dir.resolve("package.json"), packageJson);
        Files.writeString(dir.resolve("package-lock.json"), packageJson.replace("dependencies", "packages"));
        return dir;
    }

    private static void script(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
