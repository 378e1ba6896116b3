package io.autonoma.cli;

import io.autonoma.agents.verify.CheckResult;
import io.autonoma.agents.verify.Verifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code autonoma verify}: runs an app's own checks on a copy of it (so nothing is written into the app), e.g. after
 * editing it or after {@code autonoma change}. Exit codes: 0 all passed, 5 a check failed, 6 a check could not run.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run a generated app's own checks (ruff, ruff format, mypy, pytest, tsc, ESLint) and report them.",
        footer = {"", "Examples:", "  autonoma verify todo", "  autonoma verify todo --next-build",
                "", "Dependencies are installed once per requirements/lockfile hash into ~/.cache/autonoma/verify.",
                "Exit codes: 0 all passed, 5 a check failed, 6 a check could not run (no python3 or node on the PATH)."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The app to verify.")
    Path app;

    @Option(names = "--next-build", description = "Also run next build (slow).")
    boolean nextBuild;

    @Option(names = "--checks", split = ",", paramLabel = "CHECK",
            description = "Run only these checks, e.g. --checks ruff,mypy,pytest (of: ruff, ruff format, mypy, pytest, tsc, eslint, "
                    + "next build).")
    List<String> checks;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(app.resolve("backend")) && !Files.isDirectory(app.resolve("frontend"))) {
            err.println("error: " + app + " has neither backend/ nor frontend/; give the directory of a generated app");
            return GenerateCommand.BAD_INPUT;
        }
        Verifier verifier;
        try {
            verifier = verifier(nextBuild, checks);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return GenerateCommand.BAD_INPUT;
        }
        return verifyCopy(app, verifier, out, err);
    }

    /**
     * The verifier of {@code --verify}/{@code verify}: every check, or only {@code checks} when given.
     *
     * @throws IllegalArgumentException naming an unknown check
     */
    static Verifier verifier(boolean nextBuild, List<String> checks) {
        Verifier all = Verifier.builder().nextBuild(nextBuild).build();
        if (checks == null) {
            return all;
        }
        try {
            return all.only(checks.stream().map(String::strip).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--checks: " + e.getMessage());
        }
    }

    /** Verifies a copy of {@code app} (nothing is written into it); prints progress and the table; returns 0, 5 or 6. */
    static int verifyCopy(Path app, boolean nextBuild, PrintWriter out, PrintWriter err) {
        return verifyCopy(app, verifier(nextBuild, null), out, err);
    }

    private static int verifyCopy(Path app, Verifier verifier, PrintWriter out, PrintWriter err) {
        out.println("Verifying " + app + " (on a copy)");
        out.flush();
        List<CheckResult> results = verifier.verifyCopyOf(app, r -> {
            out.printf("  %s: %s%n", r.check(), r.status().name().toLowerCase().replace('_', ' '));
            out.flush();
        });
        return VerifyTable.print(results, false, out, err);
    }
}
