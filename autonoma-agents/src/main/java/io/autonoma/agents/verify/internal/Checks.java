package io.autonoma.agents.verify.internal;

import io.autonoma.agents.preview.DependencyCache;
import io.autonoma.agents.verify.CheckResult;
import io.autonoma.agents.verify.CheckResult.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks of one app, in order, with their dependencies installed once per hash into the cache ({@link DependencyCache}, shared with the previews). */
public final class Checks {
    private static final Pattern PYTEST = Pattern.compile("(?m)^=*\\s*((?:\\d+ (?:passed|failed|errors?|skipped)(?:, )?)+)");
    private static final int EXCERPT = 2000;
    private static final int PYTEST_EXCERPT = 5000;

    private final ProcessRunner runner;
    private final Path cache;
    private final Duration timeout;
    private final boolean nextBuild;
    private final Set<String> only;

    /** {@code only}: the checks to run, null for all of them. */
    public Checks(ProcessRunner runner, Path cache, Duration timeout, boolean nextBuild, Set<String> only) {
        this.runner = runner;
        this.cache = cache;
        this.timeout = timeout;
        this.nextBuild = nextBuild;
        this.only = only;
    }

    private boolean selected(String check) {
        return only == null || only.contains(check);
    }

    private boolean anySelected(List<String> checks) {
        return checks.stream().anyMatch(this::selected);
    }

    public List<CheckResult> run(Path app, Consumer<CheckResult> on) {
        List<CheckResult> out = new ArrayList<>();
        Consumer<CheckResult> add = r -> {
            out.add(r);
            on.accept(r);
        };
        if (Files.isRegularFile(app.resolve("backend/requirements.txt")) && anySelected(BACKEND)) {
            backend(app.resolve("backend"), add);
        }
        if (Files.isRegularFile(app.resolve("frontend/package.json")) && anySelected(FRONTEND)) {
            frontend(app.resolve("frontend"), add);
        }
        return out;
    }

    private static final List<String> BACKEND = List.of("ruff", "ruff format", "mypy", "pytest");
    private static final List<String> FRONTEND = List.of("tsc", "eslint", "next build");

    private void backend(Path dir, Consumer<CheckResult> add) {
        List<String> checks = BACKEND.stream().filter(this::selected).toList();
        Optional<Path> python = onPath("python3");
        if (python.isEmpty()) {
            checks.forEach(c -> add.accept(new CheckResult(c, Status.NOT_VERIFIED, "", 0, "python3 is not on the PATH")));
            return;
        }
        long t0 = System.nanoTime();
        Path venvPython;
        try {
            venvPython = cache(python.get(), null).python(dir);
        } catch (DependencyCache.InstallFailedException e) {
            add.accept(new CheckResult("pip install", Status.FAILED, "", millis(t0), excerpt(e.output())));
            return;
        }
        String py = venvPython.toString();
        Map<String, String> env = Map.of("PYTHONPATH", dir.toString());
        run(add, "ruff", List.of(py, "-m", "ruff", "check", "--no-cache", "."), dir, env, r -> "no problems");
        run(add, "ruff format", List.of(py, "-m", "ruff", "format", "--no-cache", "--check", "."), dir, env,
                r -> firstLine(r.output(), "already formatted"));
        run(add, "mypy", List.of(py, "-m", "mypy", "--no-incremental", "--cache-dir=/dev/null", "app", "tests"), dir, env,
                r -> firstLine(r.output(), "Success"));
        run(add, "pytest", List.of(py, "-m", "pytest", "-q", "--tb=short", "-p", "no:cacheprovider"), dir, env, r -> pytestCounts(r.output()));
    }

    private void frontend(Path dir, Consumer<CheckResult> add) {
        List<String> checks = new ArrayList<>(List.of("tsc", "eslint"));
        if (nextBuild) checks.add("next build");
        checks.removeIf(c -> !selected(c));
        Optional<Path> node = onPath("node");
        Optional<Path> npm = onPath("npm");
        if (node.isEmpty() || npm.isEmpty()) {
            checks.forEach(c -> add.accept(new CheckResult(c, Status.NOT_VERIFIED, "", 0, "node and npm are not on the PATH")));
            return;
        }
        long t0 = System.nanoTime();
        if (!Files.exists(dir.resolve("node_modules"))) {
            Path modules;
            try {
                modules = cache(null, npm.get()).nodeModules(dir);
            } catch (DependencyCache.InstallFailedException e) {
                add.accept(new CheckResult("npm ci", Status.FAILED, "", millis(t0), excerpt(e.output())));
                return;
            }
            try {
                Files.createSymbolicLink(dir.resolve("node_modules"), modules);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot link " + dir.resolve("node_modules"), e);
            }
        }
        String n = node.get().toString();
        run(add, "tsc", List.of(n, "node_modules/typescript/bin/tsc", "--noEmit"), dir, Map.of(), r -> "0 errors");
        run(add, "eslint", List.of(n, "node_modules/eslint/bin/eslint.js", ".", "--max-warnings=0"), dir, Map.of(),
                r -> "0 problems");
        if (nextBuild) {
            run(add, "next build", List.of(n, "node_modules/next/dist/bin/next", "build"), dir, Map.of(), r -> "built");
        }
    }

    private void run(Consumer<CheckResult> add, String name, List<String> argv, Path dir, Map<String, String> env,
            java.util.function.Function<ProcessRunner.Run, String> counts) {
        if (selected(name)) {
            add.accept(check(name, argv, dir, env, counts));
        }
    }

    private CheckResult check(String name, List<String> argv, Path dir, Map<String, String> env,
            java.util.function.Function<ProcessRunner.Run, String> counts) {
        ProcessRunner.Run r = runner.isolated(argv, dir, env, timeout);
        if (r.ok()) {
            return new CheckResult(name, Status.PASSED, counts.apply(r), r.millis(), "", r.isolation());
        }
        String what = r.timedOut() ? "timed out after " + timeout.toSeconds() + " s\n" : "";
        boolean pytest = name.equals("pytest");
        String c = pytest ? pytestCounts(r.output()) : "exit " + r.exit();
        return new CheckResult(name, Status.FAILED, c, r.millis(), what + (pytest ? pytestExcerpt(r.output()) : excerpt(r.output())),
                r.isolation());
    }

    static String pytestCounts(String output) {
        Matcher m = PYTEST.matcher(output);
        String last = "";
        while (m.find()) last = m.group(1).strip();
        return last;
    }

    /**
     * What failed in pytest's output: the short summary's FAILED/ERROR lines (every failing test named, with its
     * assertion), then the failures' tracebacks from the top, within {@value #PYTEST_EXCERPT} characters.
     */
    static String pytestExcerpt(String output) {
        List<String> summary = output.lines().filter(l -> l.startsWith("FAILED ") || l.startsWith("ERROR ")).limit(30).toList();
        int start = output.indexOf("= FAILURES =");
        if (start < 0) start = output.indexOf("= ERRORS =");
        int end = output.indexOf("short test summary info");
        String details = start < 0 ? "" : output.substring(Math.max(0, output.lastIndexOf('\n', start) + 1),
                end > start ? Math.max(start, output.lastIndexOf('\n', end) + 1) : output.length()).strip();
        if (summary.isEmpty() && details.isEmpty()) {
            return excerpt(output);
        }
        String s = (String.join("\n", summary) + "\n" + details).strip();
        return s.length() <= PYTEST_EXCERPT ? s : s.substring(0, PYTEST_EXCERPT) + "\n…";
    }

    /** The failing part of a tool's output: from its first failure marker, at most {@value #EXCERPT} characters. */
    public static String excerpt(String output) {
        String s = output.strip();
        for (String marker : List.of("= FAILURES =", "_____ ", "error:", "Error:", "FAILED")) {
            int i = s.indexOf(marker);
            if (i >= 0) {
                s = s.substring(Math.max(0, s.lastIndexOf('\n', i) + 1));
                break;
            }
        }
        return s.length() <= EXCERPT ? s : s.substring(0, EXCERPT) + "\n…";
    }

    private static String firstLine(String output, String containing) {
        return output.lines().filter(l -> l.contains(containing)).findFirst().orElse("").strip();
    }

    /** The dependency cache shared with the previews, installing with these tools through this verification's runner environment. */
    private DependencyCache cache(Path python, Path npm) {
        DependencyCache.Builder b = DependencyCache.builder().directory(cache).environment(runner.environment()).timeout(timeout);
        if (python != null) b.python(python.toString());
        if (npm != null) b.npm(npm.toString());
        return b.build();
    }

    private Optional<Path> onPath(String exe) {
        String path = runner.environment().getOrDefault("PATH", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(d, exe);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
