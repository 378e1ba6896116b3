package io.autonoma.agents.verify.internal;

import io.autonoma.agents.verify.CheckResult;
import io.autonoma.agents.verify.CheckResult.Status;
import io.autonoma.core.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checks of one app, in order, with their dependencies installed once per hash into the cache. */
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
        String key = hash(dir, "\u0000", "requirements.txt", "requirements-dev.txt");
        Path venv = cache.resolve("python-" + key);
        if (!Files.isExecutable(venv.resolve("bin/python"))) {
            Path tmp = tmp("python-" + key);
            ProcessRunner.Run made = runner.run(List.of(python.get().toString(), "-m", "venv", tmp.toString()), dir, Map.of(), timeout);
            List<String> pip = new ArrayList<>(List.of(tmp.resolve("bin/python").toString(), "-m", "pip", "install", "-q",
                    "--disable-pip-version-check", "-r", "requirements.txt"));
            if (Files.isRegularFile(dir.resolve("requirements-dev.txt"))) {
                pip.addAll(List.of("-r", "requirements-dev.txt"));
            }
            ProcessRunner.Run installed = made.ok() ? runner.run(pip, dir, Map.of(), timeout) : made;
            if (!installed.ok()) {
                add.accept(new CheckResult("pip install", Status.FAILED, "", millis(t0), excerpt(installed.output())));
                TempTree.delete(tmp);
                return;
            }
            settle(tmp, venv);
        }
        String py = venv.resolve("bin/python").toString();
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
            String key = hash(dir, appName(dir), "package.json", "package-lock.json");
            Path modules = cache.resolve("node-" + key);
            if (!Files.isDirectory(modules.resolve("node_modules"))) {
                Path tmp = tmp("node-" + key);
                copy(dir.resolve("package.json"), tmp.resolve("package.json"));
                copy(dir.resolve("package-lock.json"), tmp.resolve("package-lock.json"));
                ProcessRunner.Run installed = runner.run(List.of(npm.get().toString(), "ci", "--no-audit", "--no-fund",
                        "--prefer-offline", "--loglevel=error"), tmp, Map.of("npm_config_cache", cache.resolve("npm").toString()), timeout);
                if (!installed.ok()) {
                    add.accept(new CheckResult("npm ci", Status.FAILED, "", millis(t0), excerpt(installed.output())));
                    TempTree.delete(tmp);
                    return;
                }
                settle(tmp, modules);
            }
            try {
                Files.createSymbolicLink(dir.resolve("node_modules"), modules.resolve("node_modules"));
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
    static String excerpt(String output) {
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

    /** The package's own name line: it differs per app but not what is installed, so it stays out of the cache key. */
    private static String appName(Path dir) {
        try {
            Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"").matcher(Files.readString(dir.resolve("package.json")));
            return m.find() ? "\"name\": \"" + m.group(1) + "\"" : "\u0000";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("package.json"), e);
        }
    }

    /** A key for what {@code files} install: their content without {@code ignore}, hashed. */
    private String hash(Path dir, String ignore, String... files) {
        StringBuilder all = new StringBuilder();
        for (String f : files) {
            Path p = dir.resolve(f);
            try {
                all.append(f).append('\n').append(Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : "").append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
        }
        return Sha256.hex(all.toString().replace(ignore, "")).substring(0, 16);
    }

    private Path tmp(String name) {
        try {
            Files.createDirectories(cache);
            return Files.createTempDirectory(cache, "." + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in the verify cache " + cache, e);
        }
    }

    /** Moves a finished install into place; when another verification got there first, its copy is kept. */
    private static void settle(Path tmp, Path target) {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            TempTree.delete(tmp);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            if (Files.isRegularFile(from)) Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
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
