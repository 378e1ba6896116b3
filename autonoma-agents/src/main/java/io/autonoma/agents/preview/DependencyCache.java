package io.autonoma.agents.preview;

import io.autonoma.agents.verify.internal.Checks;
import io.autonoma.agents.verify.internal.ProcessRunner;
import io.autonoma.agents.verify.internal.TempTree;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The installed dependencies of generated apps, kept in a cache directory and shared by the verify stage and the
 * previews: a virtualenv per backend {@code requirements.txt} (+ {@code requirements-dev.txt}) and a
 * {@code node_modules} per frontend {@code package.json} + {@code package-lock.json} ({@code npm ci}; the package's
 * own name line is left out of the key, so apps differing only in their name share one). Each install goes into a
 * temporary directory of the cache and is moved into place atomically, so a cache entry is complete or absent; two
 * installs of the same key at once are harmless (in this JVM the second waits for the first). Installs run through the
 * verify stage's sandbox with the machine's network (the registries), an allow-listed environment and a fresh HOME.
 *
 * <pre>{@code
 * DependencyCache cache = DependencyCache.builder().build();         // ~/.cache/autonoma/verify, python3 and npm on the PATH
 * Path python = cache.python(app.resolve("backend"));                // <cache>/python-<hash>/bin/python
 * Path modules = cache.nodeModules(app.resolve("frontend"));         // <cache>/node-<hash>/node_modules
 * DependencyCache.linkTree(modules, app.resolve("frontend/node_modules"));
 * }</pre>
 */
public final class DependencyCache {
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]*)\"");

    private final Path directory;
    private final ProcessRunner runner;
    private final String python;
    private final String npm;
    private final Duration timeout;

    private DependencyCache(Builder b) {
        this.directory = b.directory;
        this.runner = new ProcessRunner(b.environment, 8L << 30);
        this.python = b.python;
        this.npm = b.npm;
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the verify stage and the previews keep installed dependencies unless told otherwise: {@code ~/.cache/autonoma/verify}. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".cache", "autonoma", "verify");
    }

    /** The cache directory. */
    public Path directory() {
        return directory;
    }

    /**
     * The {@code bin/python} of a virtualenv with {@code backendDir}'s {@code requirements.txt} (and
     * {@code requirements-dev.txt} when there is one) installed, made on the first call for these requirements.
     *
     * @throws InstallFailedException when the venv cannot be made or pip fails (with pip's output)
     */
    public Path python(Path backendDir) {
        String key = hash(backendDir, "\u0000", "requirements.txt", "requirements-dev.txt");
        Path venv = directory.resolve("python-" + key);
        synchronized (LOCKS.computeIfAbsent(venv.toAbsolutePath().normalize(), k -> new Object())) {
            if (!Files.isExecutable(venv.resolve("bin/python"))) {
                Path tmp = tmp("python-" + key);
                ProcessRunner.Run made = runner.run(List.of(executable(python), "-m", "venv", tmp.toString()), backendDir, Map.of(), timeout);
                List<String> pip = new ArrayList<>(List.of(tmp.resolve("bin/python").toString(), "-m", "pip", "install", "-q",
                        "--disable-pip-version-check", "-r", "requirements.txt"));
                if (Files.isRegularFile(backendDir.resolve("requirements-dev.txt"))) {
                    pip.addAll(List.of("-r", "requirements-dev.txt"));
                }
                ProcessRunner.Run installed = made.ok() ? runner.run(pip, backendDir, Map.of(), timeout) : made;
                if (!installed.ok()) {
                    TempTree.delete(tmp);
                    throw new InstallFailedException("pip install", installed);
                }
                settle(tmp, venv);
            }
        }
        return venv.resolve("bin/python");
    }

    /**
     * A {@code node_modules} directory with {@code frontendDir}'s {@code package-lock.json} installed
     * ({@code npm ci --prefer-offline}, npm's own cache inside this cache), made on the first call for this lockfile.
     * It is shared: link it into an app with {@link #linkTree} (or a symbolic link where the tools accept one), never
     * write into it.
     *
     * @throws InstallFailedException when npm fails (with npm's output)
     */
    public Path nodeModules(Path frontendDir) {
        String key = hash(frontendDir, appName(frontendDir), "package.json", "package-lock.json");
        Path modules = directory.resolve("node-" + key);
        synchronized (LOCKS.computeIfAbsent(modules.toAbsolutePath().normalize(), k -> new Object())) {
            if (!Files.isDirectory(modules.resolve("node_modules"))) {
                Path tmp = tmp("node-" + key);
                copy(frontendDir.resolve("package.json"), tmp.resolve("package.json"));
                copy(frontendDir.resolve("package-lock.json"), tmp.resolve("package-lock.json"));
                ProcessRunner.Run installed = runner.run(List.of(executable(npm), "ci", "--no-audit", "--no-fund", "--prefer-offline",
                        "--loglevel=error"), tmp, Map.of("npm_config_cache", directory.resolve("npm").toString()), timeout);
                if (!installed.ok()) {
                    TempTree.delete(tmp);
                    throw new InstallFailedException("npm ci", installed);
                }
                settle(tmp, modules);
            }
        }
        return modules.resolve("node_modules");
    }

    /**
     * Makes {@code target} a copy of the tree {@code source} whose files are hard links to {@code source}'s (a copy
     * where linking is impossible, e.g. across file systems); symbolic links inside are recreated as they are. For
     * tools that refuse a symbolic link out of the project, e.g. Next.js's Turbopack and {@code node_modules}: tens of
     * thousands of files are linked in well under a second. {@code target} must not exist.
     */
    public static void linkTree(Path source, Path target) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(target + " exists already");
        }
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                private boolean link = true;

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (attrs.isSymbolicLink()) {
                        Files.createSymbolicLink(to, Files.readSymbolicLink(file));
                        return FileVisitResult.CONTINUE;
                    }
                    if (link) {
                        try {
                            Files.createLink(to, file);
                            return FileVisitResult.CONTINUE;
                        } catch (IOException | UnsupportedOperationException e) {
                            link = false; // another file system, or no hard links here: copy the rest
                        }
                    }
                    Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + source + " into " + target, e);
        }
    }

    /**
     * Deletes the tree {@code root} (e.g. an app with a {@link #linkTree linked} {@code node_modules}) without following
     * its symbolic links: linked files lose one link, the cache's copies stay. Whether it is gone.
     */
    public static boolean deleteTree(Path root) {
        return TempTree.delete(root);
    }

    /** The package's own name line: it differs per app but not what is installed, so it stays out of the cache key. */
    private static String appName(Path dir) {
        try {
            Matcher m = NAME.matcher(Files.readString(dir.resolve("package.json")));
            return m.find() ? "\"name\": \"" + m.group(1) + "\"" : "\u0000";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("package.json"), e);
        }
    }

    /** A key for what {@code files} install: their content without {@code ignore}, hashed. */
    private static String hash(Path dir, String ignore, String... files) {
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
            Files.createDirectories(directory);
            return Files.createTempDirectory(directory, "." + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in the dependency cache " + directory, e);
        }
    }

    /** Moves a finished install into place; when another install got there first, its copy is kept. */
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

    /** {@code name} as given when it is a path, else the first executable of that name on the environment's PATH. */
    private String executable(String name) {
        if (name.contains("/")) {
            return name;
        }
        String path = runner.environment().getOrDefault("PATH", "");
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new InstallFailedException(name, name + " is not on the PATH (" + path + ")", "");
    }

    /** An install failed: {@link #tool()} says which, {@link #output()} is what it printed, the message its failing part. */
    public static final class InstallFailedException extends AutonomaException {
        private final String tool;
        private final String output;

        InstallFailedException(String tool, ProcessRunner.Run run) {
            this(tool, tool + " failed" + (run.timedOut() ? " (timed out)" : " with exit code " + run.exit()) + ": "
                    + Checks.excerpt(run.output()), run.output());
        }

        InstallFailedException(String tool, String message, String output) {
            super(message);
            this.tool = tool;
            this.output = output;
        }

        /** {@code pip install}, {@code npm ci}, or the tool that was not found. */
        public String tool() { return tool; }

        /** Everything the install printed (stdout, then stderr). */
        public String output() { return output; }
    }

    /** Builds a {@link DependencyCache}. */
    public static final class Builder {
        private Path directory = defaultDirectory();
        private Map<String, String> environment = System.getenv();
        private String python = "python3";
        private String npm = "npm";
        private Duration timeout = Duration.ofMinutes(10);

        private Builder() {}

        /** The cache directory; default {@link #defaultDirectory()}, the verify stage's. */
        public Builder directory(Path v) { this.directory = Objects.requireNonNull(v, "directory"); return this; }

        /** Where tools are looked up ({@code PATH}) and what installs may see of it (an allow-list); default this process's. */
        public Builder environment(Map<String, String> v) { this.environment = Map.copyOf(v); return this; }

        /** The interpreter venvs are made with: a path, or a name looked up on the PATH; default {@code python3}. */
        public Builder python(String v) { this.python = Objects.requireNonNull(v, "python"); return this; }

        /** npm: a path, or a name looked up on the PATH; default {@code npm}. */
        public Builder npm(String v) { this.npm = Objects.requireNonNull(v, "npm"); return this; }

        /** Longest run of one install step; default 10 minutes. */
        public Builder timeout(Duration v) { this.timeout = Objects.requireNonNull(v, "timeout"); return this; }

        public DependencyCache build() {
            return new DependencyCache(this);
        }
    }
}
