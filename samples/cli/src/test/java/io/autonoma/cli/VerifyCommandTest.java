package io.autonoma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.verify.CheckResult;
import io.autonoma.agents.verify.CheckResult.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify options and messages; ci/check-verify.sh runs the checks themselves through the CLI. */
class VerifyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void an_unknown_check_is_bad_input_naming_the_known_ones() throws Exception {
        Files.createDirectories(tmp.resolve("app/backend"));

        Cli.Run r = Cli.run(Map.of(), "verify", tmp.resolve("app").toString(), "--checks", "pytest,pyflakes");

        assertThat(r.exit()).isEqualTo(GenerateCommand.BAD_INPUT);
        assertThat(r.err()).contains("--checks: unknown check 'pyflakes'", "ruff format", "next build");
    }

    @Test
    void checks_are_selected_for_verify_only() {
        Cli.Run r = Cli.run(Map.of(), "generate", "a todo app with tasks", "--checks", "pytest", "-o", tmp.resolve("a").toString());

        assertThat(r.exit()).isEqualTo(GenerateCommand.BAD_INPUT);
        assertThat(r.err()).contains("--checks selects the checks of --verify; add --verify");
        assertThat(tmp.resolve("a")).doesNotExist();
    }

    private static String failedTable(boolean offlineEngine) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VerifyTable.print(List.of(new CheckResult("ruff", Status.PASSED, "no problems", 100, ""),
                new CheckResult("pytest", Status.FAILED, "1 failed, 9 passed", 2000, "FAILED tests/test_crud.py::test_list - assert 0 == 2")),
                offlineEngine, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(GenerateCommand.VERIFY_FAILED);
        return err.toString();
    }

    @Test
    void a_failure_of_the_offline_engines_code_is_reported_as_a_bug_with_what_reproduces_it() {
        assertThat(failedTable(true)).contains("verification failed: pytest (1 failed, 9 passed)", "FAILED tests/test_crud.py::test_list",
                "This is a bug in Autonoma", "app-spec.json");
        assertThat(failedTable(false)).contains("fix the failing check above").doesNotContain("bug in Autonoma");
    }
}
