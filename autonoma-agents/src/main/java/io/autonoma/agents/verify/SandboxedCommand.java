package io.autonoma.agents.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One command to run in a {@link Sandbox}: its argv, the directory it runs in (inside the app), the environment
 * variables it is given explicitly (the only ones besides the sandbox's allow-list), and its limits.
 *
 * @param argv        the program and its arguments; the program is looked up on the sandboxed {@code PATH}
 * @param directory   the working directory (must exist when the command runs)
 * @param environment variables given to the command on top of the sandbox's allow-list; never {@code HOME} or
 *                    {@code TMPDIR}, which the sandbox sets to fresh directories of its own
 * @param timeout     wall-clock limit: when it passes, the whole process tree is killed and the result says
 *                    {@code timedOut}
 * @param cpuSeconds  CPU-time limit of each process of the tree, in seconds (empty: none)
 * @param memoryBytes address-space limit of each process of the tree, in bytes (empty: none). Runtimes that reserve
 *                    large virtual areas up front (Node's V8, the JVM) need a generous value.
 */
public record SandboxedCommand(List<String> argv, Path directory, Map<String, String> environment, Duration timeout,
        OptionalLong cpuSeconds, OptionalLong memoryBytes) {

    /** The wall-clock limit when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public SandboxedCommand {
        Objects.requireNonNull(argv, "argv");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cpuSeconds, "cpuSeconds");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new IllegalArgumentException("a sandboxed command needs a program: argv is empty");
        }
        for (String a : argv) {
            if (a == null || a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argv holds a null or a NUL character: " + argv);
            }
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String k = e.getKey();
            if (k == null || k.isEmpty() || k.indexOf('=') >= 0 || k.indexOf('\0') >= 0 || e.getValue() == null
                    || e.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not a valid environment variable: " + k);
            }
            if (k.equals("HOME") || k.equals("TMPDIR")) {
                throw new IllegalArgumentException(k + " is set by the sandbox to a fresh directory of its own; do not pass it");
            }
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout must be positive: " + timeout);
        }
        if (cpuSeconds.isPresent() && cpuSeconds.getAsLong() < 1) {
            throw new IllegalArgumentException("the CPU limit must be at least 1 second: " + cpuSeconds.getAsLong());
        }
        if (memoryBytes.isPresent() && memoryBytes.getAsLong() < (1L << 20)) {
            throw new IllegalArgumentException("the memory limit must be at least 1 MiB: " + memoryBytes.getAsLong());
        }
        argv = List.copyOf(argv);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** A command run in {@code directory}: {@code builder(dir, "python3", "-m", "pytest", "-q").timeout(...).build()}. */
    public static Builder builder(Path directory, String... argv) {
        return new Builder(directory, List.of(argv));
    }

    /** A command run in {@code directory}, its argv as a list. */
    public static Builder builder(Path directory, List<String> argv) {
        return new Builder(directory, argv);
    }

    /** Builds a {@link SandboxedCommand}; {@link #build()} validates. */
    public static final class Builder {
        private final Path directory;
        private final List<String> argv;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private OptionalLong cpuSeconds = OptionalLong.empty();
        private OptionalLong memoryBytes = OptionalLong.empty();

        private Builder(Path directory, List<String> argv) {
            this.directory = directory;
            this.argv = new ArrayList<>(argv);
        }

        /** Gives the command one environment variable (the only way a variable outside the allow-list gets in). */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Gives the command these environment variables. */
        public Builder env(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** The wall-clock limit (default {@link #DEFAULT_TIMEOUT}). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The CPU-time limit of each process, in seconds. */
        public Builder cpuSeconds(long seconds) {
            this.cpuSeconds = OptionalLong.of(seconds);
            return this;
        }

        /** The address-space limit of each process, in bytes. */
        public Builder memoryBytes(long bytes) {
            this.memoryBytes = OptionalLong.of(bytes);
            return this;
        }

        public SandboxedCommand build() {
            return new SandboxedCommand(argv, directory, environment, timeout, cpuSeconds, memoryBytes);
        }
    }
}
