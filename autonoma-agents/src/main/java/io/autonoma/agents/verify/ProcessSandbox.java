package io.autonoma.agents.verify;

import io.autonoma.agents.verify.internal.BoundedCapture;
import io.autonoma.agents.verify.internal.Executables;
import io.autonoma.agents.verify.internal.NamespaceProbe;
import io.autonoma.agents.verify.internal.ProcessTree;
import io.autonoma.agents.verify.internal.TempTree;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link Sandbox}: runs each command as a Linux process tree with
 * <ul>
 *   <li>no network but loopback: {@code unshare --net} (with {@code --map-root-user} when that is what the kernel
 *       allows, and a PID namespace of its own where allowed) and {@code ip link set lo up} inside, so servers on
 *       127.0.0.1 started by the command work and nothing else is reachable. Whether the kernel allows it is probed
 *       once; when it does not, the command runs with the machine's network and {@link Isolation} says so
 *       ({@link Builder#requireNetworkIsolation(boolean)} refuses to run instead);</li>
 *   <li>an environment built from an allow-list: {@code PATH}, {@code LANG}, {@code LC_*}, {@code TZ}, {@code TERM} of
 *       the parent environment, then the command's own variables, then a fresh {@code HOME} and {@code TMPDIR} —
 *       nothing else of the parent passes (no API keys, cloud credentials, tokens, database URLs);</li>
 *   <li>a fresh HOME and TMPDIR per run, deleted after it;</li>
 *   <li>CPU-time and address-space limits through {@code prlimit}, and the wall-clock timeout enforced here;</li>
 *   <li>the whole tree killed at the end of every run, timed out or not: the command is started by {@code setsid}, so
 *       its process group is killed with one signal, and its descendants one by one.</li>
 * </ul>
 * Needs {@code setsid}, {@code prlimit} and {@code kill} (util-linux, procps); without them {@link #run} throws
 * {@link SandboxUnavailableException}. Thread-safe: runs are independent.
 */
public final class ProcessSandbox implements Sandbox {
    private static final System.Logger LOG = System.getLogger(ProcessSandbox.class.getName());
    private static final Duration DRAIN_AFTER_END = Duration.ofSeconds(5);

    private final Map<String, String> parentEnvironment;
    private final Path unshare;
    private final Path tempDirectory;
    private final boolean requireNetworkIsolation;
    private final String hostNetwork;
    private final int excerptBytes;

    /** A sandbox whose commands get the allow-listed variables of this JVM's environment. */
    public ProcessSandbox() {
        this(System.getenv());
    }

    /**
     * A sandbox whose commands get the allow-listed variables of {@code parentEnvironment} (the environment they
     * would otherwise inherit; tests pass one holding secrets to prove they do not pass).
     */
    public ProcessSandbox(Map<String, String> parentEnvironment) {
        this(builder().parentEnvironment(parentEnvironment));
    }

    private ProcessSandbox(Builder b) {
        this.parentEnvironment = Map.copyOf(b.parentEnvironment);
        this.unshare = b.unshare;
        this.tempDirectory = b.tempDirectory;
        this.requireNetworkIsolation = b.requireNetworkIsolation;
        this.hostNetwork = b.hostNetwork;
        this.excerptBytes = b.excerptBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The variables of {@code parent} a sandboxed command may see: PATH, LANG, LC_*, TZ, TERM. */
    static Map<String, String> allowed(Map<String, String> parent) {
        Map<String, String> out = new LinkedHashMap<>();
        parent.forEach((k, v) -> {
            if (k.equals("PATH") || k.equals("LANG") || k.startsWith("LC_") || k.equals("TZ") || k.equals("TERM")) {
                out.put(k, v);
            }
        });
        out.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        return out;
    }

    @Override
    public Isolation isolation() {
        return probe().isolation();
    }

    private NamespaceProbe probe() {
        if (hostNetwork != null) {
            return NamespaceProbe.hostNetwork(hostNetwork);
        }
        String path = parentEnvironment.get("PATH");
        return NamespaceProbe.of(unshare, Executables.find("ip", path), shell());
    }

    private static Path shell() {
        return Path.of("/bin/sh");
    }

    private Path tool(String name, String pkg) {
        return Executables.find(name, parentEnvironment.get("PATH")).orElseThrow(() -> new SandboxUnavailableException(
                "the sandbox needs `" + name + "` (" + pkg + ") and it is not on this machine; install " + pkg
                        + ", or run the checks without the sandbox knowingly"));
    }

    @Override
    public Result run(SandboxedCommand command) {
        Objects.requireNonNull(command, "command");
        if (!Files.isDirectory(command.directory())) {
            throw new IllegalArgumentException("the working directory of a sandboxed command does not exist: " + command.directory());
        }
        Path setsid = tool("setsid", "util-linux");
        Path prlimit = tool("prlimit", "util-linux");
        ProcessTree tree = new ProcessTree(tool("kill", "procps"));
        NamespaceProbe probe = probe();
        Isolation isolation = probe.isolation();
        if (requireNetworkIsolation && !isolation.networkIsolated()) {
            throw new SandboxUnavailableException("this sandbox requires network isolation and the machine does not allow it: "
                    + isolation.detail() + ". Nothing was run");
        }

        Path scratch;
        try {
            Files.createDirectories(tempDirectory);
            scratch = Files.createTempDirectory(tempDirectory, "autonoma-sandbox-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new SandboxUnavailableException("cannot create the sandbox's temporary HOME under " + tempDirectory + ": " + e.getMessage());
        }
        try {
            Path home = Files.createDirectory(scratch.resolve("home"));
            Path tmp = Files.createDirectory(scratch.resolve("tmp"));
            return runIn(command, setsid, prlimit, tree, probe, home, tmp);
        } catch (IOException e) {
            throw new SandboxUnavailableException("cannot prepare the sandbox's HOME in " + scratch + ": " + e.getMessage());
        } finally {
            if (!TempTree.delete(scratch)) {
                LOG.log(System.Logger.Level.WARNING, "could not delete the sandbox's temporary HOME " + scratch);
            }
        }
    }

    private Result runIn(SandboxedCommand command, Path setsid, Path prlimit, ProcessTree tree, NamespaceProbe probe,
            Path home, Path tmp) {
        List<String> argv = new ArrayList<>();
        argv.add(setsid.toString());
        if (command.cpuSeconds().isPresent() || command.memoryBytes().isPresent()) {
            argv.add(prlimit.toString());
            command.cpuSeconds().ifPresent(s -> argv.add("--cpu=" + s + ":" + (s + 1))); // SIGXCPU, then SIGKILL a second later
            command.memoryBytes().ifPresent(b -> argv.add("--as=" + b + ":" + b));
            argv.add("--");
        }
        argv.addAll(probe.prefix());
        argv.addAll(command.argv());

        ProcessBuilder pb = new ProcessBuilder(argv).directory(command.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(allowed(parentEnvironment));
        env.putAll(command.environment());
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmp.toString());

        long started = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new SandboxUnavailableException("cannot start " + setsid + ": " + e.getMessage());
        }
        BoundedCapture out = BoundedCapture.start(process.getInputStream(), "autonoma-sandbox-stdout", excerptBytes, excerptBytes);
        BoundedCapture err = BoundedCapture.start(process.getErrorStream(), "autonoma-sandbox-stderr", excerptBytes, excerptBytes);
        boolean timedOut = false;
        boolean interrupted = false;
        String note = "";
        try {
            timedOut = !process.waitFor(command.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            // timed out or not: nothing the command started outlives the run
            tree.killAll(process);
            if (!out.awaitEnd(DRAIN_AFTER_END) | !err.awaitEnd(DRAIN_AFTER_END)) {
                note = "\n[autonoma sandbox: the output was still open " + DRAIN_AFTER_END.toSeconds()
                        + " s after the process tree was killed: a process left the tree on purpose]";
                process.getInputStream().close();
                process.getErrorStream().close();
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (IOException e) {
            // closing a pipe already closed
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        int exit = process.isAlive() ? 137 : process.exitValue();
        return new Result(exit, timedOut, out.excerpt(), out.total(), err.excerpt() + note, err.total(), duration,
                probe.isolation());
    }

    /** Builds a {@link ProcessSandbox}; {@link #build()} validates. */
    public static final class Builder {
        private Map<String, String> parentEnvironment = System.getenv();
        private Path unshare = Path.of("/usr/bin/unshare");
        private Path tempDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private boolean requireNetworkIsolation;
        private String hostNetwork;
        private int excerptBytes = 16 * 1024;

        private Builder() {
        }

        /** The environment commands would otherwise inherit (default: this JVM's); only its allow-listed variables pass. */
        public Builder parentEnvironment(Map<String, String> parentEnvironment) {
            this.parentEnvironment = parentEnvironment;
            return this;
        }

        /** The {@code unshare} program (default {@code /usr/bin/unshare}). */
        public Builder unshare(Path unshare) {
            this.unshare = unshare;
            return this;
        }

        /** Where each run's fresh HOME and TMPDIR are made (default {@code java.io.tmpdir}). */
        public Builder tempDirectory(Path tempDirectory) {
            this.tempDirectory = tempDirectory;
            return this;
        }

        /** Refuse to run (with {@link SandboxUnavailableException}) when no network namespace is allowed (default: run, and say so). */
        public Builder requireNetworkIsolation(boolean require) {
            this.requireNetworkIsolation = require;
            return this;
        }

        /**
         * Commands share the machine's network, because of {@code why} (an install needs the package registries); the
         * isolation says so. Everything else stays: the allow-listed environment, a fresh HOME, the limits, the tree
         * killed after the run. Default: a network namespace where the kernel allows one.
         */
        public Builder hostNetwork(String why) {
            this.hostNetwork = Objects.requireNonNull(why, "why");
            return this;
        }

        /** How many bytes of the start and of the end of each output a result keeps (default 16 KiB each). */
        public Builder excerptBytes(int bytes) {
            this.excerptBytes = bytes;
            return this;
        }

        public ProcessSandbox build() {
            Objects.requireNonNull(parentEnvironment, "parentEnvironment");
            Objects.requireNonNull(unshare, "unshare");
            Objects.requireNonNull(tempDirectory, "tempDirectory");
            if (requireNetworkIsolation && hostNetwork != null) {
                throw new IllegalArgumentException("a sandbox cannot both require network isolation and share the machine's network");
            }
            if (excerptBytes < 0) {
                throw new IllegalArgumentException("excerptBytes must not be negative: " + excerptBytes);
            }
            return new ProcessSandbox(this);
        }
    }
}
