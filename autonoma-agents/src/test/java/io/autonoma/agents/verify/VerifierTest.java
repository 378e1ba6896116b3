package io.autonoma.agents.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {

    @Test
    void without_python_or_node_every_check_is_not_verified_never_passed(@TempDir Path app) throws Exception {
        Files.createDirectories(app.resolve("backend"));
        Files.writeString(app.resolve("backend/requirements.txt"), "fastapi==0.1\n");
        Files.createDirectories(app.resolve("frontend"));
        Files.writeString(app.resolve("frontend/package.json"), "{\"name\": \"x\"}\n");
        List<CheckResult> seen = new ArrayList<>();

        List<CheckResult> results = Verifier.builder().cacheDir(app.resolve("cache")).environment(Map.of("PATH", app.toString()))
                .build().verify(app, seen::add);

        assertThat(results).extracting(CheckResult::check).containsExactly("ruff", "ruff format", "mypy", "pytest", "tsc", "eslint");
        assertThat(results).allMatch(r -> r.status() == CheckResult.Status.NOT_VERIFIED && !r.passed());
        assertThat(results.get(0).excerpt()).contains("python3 is not on the PATH");
        assertThat(results.get(4).excerpt()).contains("node and npm are not on the PATH");
        assertThat(seen).isEqualTo(results);
        assertThat(app.resolve("cache")).doesNotExist();
    }

    @Test
    void only_runs_the_selected_checks_and_leaves_a_side_with_none_selected_alone(@TempDir Path app) throws Exception {
        Files.createDirectories(app.resolve("backend"));
        Files.writeString(app.resolve("backend/requirements.txt"), "fastapi==0.1\n");
        Files.createDirectories(app.resolve("frontend"));
        Files.writeString(app.resolve("frontend/package.json"), "{\"name\": \"x\"}\n");
        Verifier all = Verifier.builder().cacheDir(app.resolve("cache")).environment(Map.of("PATH", app.toString())).build();

        List<CheckResult> results = all.only(List.of("mypy", "pytest")).verify(app, null);

        assertThat(results).extracting(CheckResult::check).containsExactly("mypy", "pytest");
        assertThat(all.only(List.of("next build")).verify(app, null)).extracting(CheckResult::check).containsExactly("next build");
    }

    @Test
    void a_selection_names_known_checks() {
        Verifier v = Verifier.builder().build();

        assertThatThrownBy(() -> v.only(List.of("pytest", "pyflakes"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown check 'pyflakes'").hasMessageContaining("[ruff, ruff format, mypy, pytest, tsc, eslint, next build]");
        assertThatThrownBy(() -> v.only(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void files_are_verified_in_a_temporary_directory_and_a_path_may_not_leave_it(@TempDir Path tmp) {
        Verifier v = Verifier.builder().cacheDir(tmp.resolve("cache")).environment(Map.of("PATH", tmp.toString())).build();

        List<CheckResult> results = v.verifyFiles(Map.of("backend/requirements.txt", "fastapi==0.1\n".getBytes(StandardCharsets.UTF_8)), null);

        assertThat(results).extracting(CheckResult::check).containsExactly("ruff", "ruff format", "mypy", "pytest");
        assertThatThrownBy(() -> v.verifyFiles(Map.of("../escape.txt", new byte[0]), null))
                .isInstanceOf(io.autonoma.core.artifact.UnsafePathException.class);
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
        assertThat(tmp.getParent().resolve("escape.txt")).doesNotExist();
    }

    @Test
    void an_app_without_backend_or_frontend_has_no_checks(@TempDir Path app) {
        assertThat(Verifier.builder().cacheDir(app.resolve("cache")).build().verify(app, null)).isEmpty();
    }
}
