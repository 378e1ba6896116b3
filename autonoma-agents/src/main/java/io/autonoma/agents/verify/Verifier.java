package io.autonoma.agents.verify;

import io.autonoma.agents.verify.internal.Checks;
import io.autonoma.agents.verify.internal.ProcessRunner;
import io.autonoma.agents.verify.internal.TempTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs a generated app's own checks on its files: backend — the pinned requirements installed into a virtualenv, then
 * ruff, ruff format, mypy and pytest; frontend — the lockfile installed, then {@code tsc --noEmit}, ESLint and, if
 * asked, {@code next build}. Dependencies are installed once per requirements or lockfile hash into
 * {@link Builder#cacheDir} and reused, so a second verification of an app with the same dependencies installs nothing.
 * A check whose toolchain is missing (no python3, no node) is {@link CheckResult.Status#NOT_VERIFIED}, never a pass.
 *
 * <pre>{@code
 * List<CheckResult> results = Verifier.builder().build().verify(Path.of("todo"), r -> System.out.println(r));
 * }</pre>
 */
public final class Verifier {
    private static final Set<String> TOOL_DIRS = Set.of("node_modules", ".next", "__pycache__", ".venv", ".mypy_cache",
            ".ruff_cache", ".pytest_cache", ".git");

    private final Path cacheDir;
    private final boolean nextBuild;
    private final Duration timeout;
    private final java.util.Map<String, String> environment;
    private final Set<String> only;
    private final long memoryBytes;

    private Verifier(java.util.Map<String, String> environment, Path cacheDir, boolean nextBuild, Duration timeout, long memoryBytes,
            Set<String> only) {
        this.environment = environment;
        this.memoryBytes = memoryBytes;
        this.cacheDir = cacheDir;
        this.nextBuild = nextBuild;
        this.timeout = timeout;
        this.only = only;
    }

    /** The names of the checks a verifier can run, in the order they run. */
    public static final List<String> CHECKS = List.of("ruff", "ruff format", "mypy", "pytest", "tsc", "eslint", "next build");

    /**
     * A verifier that runs only {@code checks} (names from {@link #CHECKS}), e.g. the backend's when only backend code
     * changed; a side with none of them selected is not installed either.
     *
     * @throws IllegalArgumentException for an empty selection or a name that is not in {@link #CHECKS}
     */
    public Verifier only(java.util.Collection<String> checks) {
        Set<String> selected = new java.util.LinkedHashSet<>(checks);
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("select at least one check of " + CHECKS);
        }
        for (String c : selected) {
            if (!CHECKS.contains(c)) {
                throw new IllegalArgumentException("unknown check '" + c + "'; the checks are " + CHECKS);
            }
        }
        return new Verifier(environment, cacheDir, nextBuild || selected.contains("next build"), timeout, memoryBytes, Set.copyOf(selected));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Runs every check of the app in {@code appDir}; each result goes to {@code onResult} as it finishes. */
    public List<CheckResult> verify(Path appDir, Consumer<CheckResult> onResult) {
        Objects.requireNonNull(appDir, "appDir");
        return new Checks(new ProcessRunner(environment, memoryBytes), cacheDir, timeout, nextBuild, only).run(appDir, onResult == null ? r -> {} : onResult);
    }

    /**
     * Verifies the project made of {@code files} (project-relative path to content), written into a temporary
     * directory that is deleted afterwards.
     *
     * @throws io.autonoma.core.artifact.UnsafePathException when a path would leave the directory
     */
    public List<CheckResult> verifyFiles(java.util.Map<String, byte[]> files, Consumer<CheckResult> onResult) {
        Objects.requireNonNull(files, "files");
        Path dir;
        try {
            dir = Files.createTempDirectory("autonoma-verify-app");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory to verify in", e);
        }
        try {
            for (java.util.Map.Entry<String, byte[]> f : files.entrySet()) {
                Path file = io.autonoma.core.artifact.ArtifactPaths.resolveInside(dir, f.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, f.getValue());
            }
            return verify(dir, onResult);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the files to verify into " + dir, e);
        } finally {
            TempTree.delete(dir);
        }
    }

    /**
     * Verifies a copy of the app in {@code appDir} (the tools' own directories — node_modules, .next, caches, .git — left
     * out), so that nothing is written into the app; the copy is deleted afterwards.
     */
    public List<CheckResult> verifyCopyOf(Path appDir, Consumer<CheckResult> onResult) {
        Objects.requireNonNull(appDir, "appDir");
        Path copy;
        try {
            copy = Files.createTempDirectory("autonoma-verify-app");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary copy of " + appDir, e);
        }
        try {
            copyTree(appDir, copy);
            return verify(copy, onResult);
        } finally {
            TempTree.delete(copy);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (StreamSupport.stream(rel.spliterator(), false).anyMatch(seg -> TOOL_DIRS.contains(seg.toString()))) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to verify it", e);
        }
    }

    public static final class Builder {
        private Path cacheDir = Path.of(System.getProperty("user.home"), ".cache", "autonoma", "verify");
        private boolean nextBuild;
        private Duration timeout = Duration.ofMinutes(10);
        private java.util.Map<String, String> environment = System.getenv();
        private long memoryBytes = 8L << 30;

        private Builder() {}

        /**
         * The environment the checks' allow-list is taken from and tools are looked up in ({@code PATH}); default this
         * process's. Only PATH, locale, TZ and TERM pass to the checks: never keys, tokens or credentials.
         */
        public Builder environment(java.util.Map<String, String> env) { this.environment = java.util.Map.copyOf(env); return this; }

        /** Where installed dependencies are kept, per requirements or lockfile hash; default {@code ~/.cache/autonoma/verify}. */
        public Builder cacheDir(Path dir) { this.cacheDir = Objects.requireNonNull(dir, "dir"); return this; }

        /** Also run {@code next build} (slow); default false. */
        public Builder nextBuild(boolean run) { this.nextBuild = run; return this; }

        /**
         * The address-space limit of each process of a check, in bytes; default 8 GiB (Node reserves large virtual areas
         * it never touches, so this is far above what the checks use). Each process's CPU time is limited to the timeout.
         */
        public Builder memoryLimit(long bytes) {
            if (bytes < (64L << 20)) throw new IllegalArgumentException("the memory limit must be at least 64 MiB: " + bytes);
            this.memoryBytes = bytes;
            return this;
        }

        /** Longest run of one check or install; default 10 minutes. */
        public Builder timeout(Duration timeout) { this.timeout = Objects.requireNonNull(timeout, "timeout"); return this; }

        public Verifier build() {
            return new Verifier(environment, cacheDir, nextBuild, timeout, memoryBytes, null);
        }
    }
}
