package io.autonoma.agents.verify;

import static org.assertj.core.api.Assertions.assertThat;

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
    void an_app_without_backend_or_frontend_has_no_checks(@TempDir Path app) {
        assertThat(Verifier.builder().cacheDir(app.resolve("cache")).build().verify(app, null)).isEmpty();
    }
}
