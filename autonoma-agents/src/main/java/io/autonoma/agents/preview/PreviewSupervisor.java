package io.autonoma.agents.preview;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs previews of generated apps as local processes on free loopback ports and keeps them in bounds: at most
 * {@code maxRunning} at once ({@link TooManyPreviewsException} beyond), each stopped after {@code idleTimeout} without
 * {@link #touch activity}, and one whose process ends by itself is reported {@link Preview.State#FAILED} with the exit
 * code and its last log lines (its other processes are stopped), never left hanging. Stopping kills each process with
 * its descendants. What runs is the {@link PreviewLauncher}'s. Thread-safe; {@link #close()} stops everything.
 */
public final class PreviewSupervisor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PreviewSupervisor.class);

    private final PreviewLauncher launcher;
    private final int maxRunning;
    private final Duration idleTimeout;
    private final int logLines;
    private final Clock clock;
    private final Map<String, Preview> previews = new ConcurrentHashMap<>();
    private final Map<String, List<Running>> processes = new ConcurrentHashMap<>();

    private record Running(String name, Process process) {}
    private final ScheduledExecutorService watcher;

    private PreviewSupervisor(Builder b) {
        this.launcher = b.launcher;
        this.maxRunning = b.maxRunning;
        this.idleTimeout = b.idleTimeout;
        this.logLines = b.logLines;
        this.clock = b.clock;
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "autonoma-preview-watcher");
            t.setDaemon(true);
            return t;
        });
        long every = b.checkInterval.toMillis();
        watcher.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a preview of the app in {@code directory} (the project {@code projectId}).
     *
     * @throws TooManyPreviewsException when {@code maxRunning} previews run
     * @throws UncheckedIOException when a process cannot be started (what started is stopped again)
     */
    public Preview start(String projectId, Path directory) {
        return start(projectId, directory, launcher);
    }

    /**
     * As {@link #start(String, Path)}, run by {@code launcher} instead of the supervisor's own: for apps that each need
     * their own, e.g. a {@link FullStackPreviewLauncher} with the interpreter their preparation installed.
     */
    public Preview start(String projectId, Path directory, PreviewLauncher launcher) {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(launcher, "launcher");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no app directory at " + directory);
        }
        Preview preview;
        Map<String, Integer> ports = new LinkedHashMap<>();
        synchronized (this) {
            if (running().size() >= maxRunning) {
                throw new TooManyPreviewsException(maxRunning);
            }
            launcher.ports().forEach(name -> ports.put(name, freePort()));
            preview = new Preview(UUID.randomUUID().toString(), projectId, launcher.url(ports), ports, clock.instant(), logLines, clock.millis());
            previews.put(preview.id(), preview);
        }
        List<Running> started = new ArrayList<>();
        processes.put(preview.id(), started);
        try {
            for (PreviewLauncher.Process p : launcher.processes(directory, ports)) {
                ProcessBuilder pb = new ProcessBuilder(p.command()).directory(p.workingDirectory().toFile()).redirectErrorStream(true);
                Map<String, String> env = pb.environment();
                env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR", "JAVA_HOME"));
                env.putAll(p.environment());
                Process process = pb.start();
                synchronized (started) {
                    started.add(new Running(p.name(), process));
                }
                pump(preview, p.name(), process);
            }
        } catch (IOException | RuntimeException e) {
            stop(preview.id(), Preview.State.FAILED, "could not start: " + e.getMessage());
            throw e instanceof IOException io ? new UncheckedIOException("cannot start the preview of " + projectId, io) : (RuntimeException) e;
        }
        return preview;
    }

    /** The preview with this id (running or ended), if this supervisor started it. */
    public Optional<Preview> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(previews.get(id));
    }

    /** The previews running now. */
    public List<Preview> running() {
        return previews.values().stream().filter(p -> p.state() == Preview.State.RUNNING).toList();
    }

    /** Someone uses the preview: its idle time starts again. */
    public void touch(String id) {
        find(id).ifPresent(p -> p.touch(clock.millis()));
    }

    /** Stops a running preview; false when it had ended already or is unknown. */
    public boolean stop(String id) {
        return stop(id, Preview.State.STOPPED, "stopped");
    }

    private boolean stop(String id, Preview.State how, String why) {
        Preview p = previews.get(id);
        if (p == null || !p.end(how, why)) {
            return false;
        }
        p.log("[supervisor] " + why);
        List<Running> ps = processes.getOrDefault(id, List.of());
        List<Process> copy;
        synchronized (ps) {
            copy = ps.stream().map(Running::process).toList();
        }
        for (Process process : copy) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : copy) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return true;
    }

    /** Stops idle previews and reports those whose process ended by itself. */
    private void check() {
        try {
            long now = clock.millis();
            for (Preview p : running()) {
                List<Running> ps = processes.getOrDefault(p.id(), List.of());
                Optional<String> died;
                synchronized (ps) {
                    died = ps.stream().filter(x -> !x.process().isAlive()).findFirst()
                            .map(x -> x.name() + " exited with code " + x.process().exitValue());
                }
                if (died.isPresent()) {
                    stop(p.id(), Preview.State.FAILED, died.get());
                } else if (now - p.lastActivity() > idleTimeout.toMillis()) {
                    stop(p.id(), Preview.State.STOPPED, "idle for " + idleTimeout.toSeconds() + " s");
                }
            }
        } catch (RuntimeException e) {
            log.warn("checking previews failed", e);
        }
    }

    private void pump(Preview preview, String name, Process process) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    preview.log("[" + name + "] " + (line.length() > 2000 ? line.substring(0, 2000) + "…" : line));
                }
            } catch (IOException e) {
                // the process was killed: its output ends here
            }
        }, "autonoma-preview-" + name);
        t.setDaemon(true);
        t.start();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** Stops every preview. */
    @Override
    public void close() {
        watcher.shutdownNow();
        previews.keySet().forEach(id -> stop(id, Preview.State.STOPPED, "the supervisor was closed"));
    }

    /** Builds a {@link PreviewSupervisor}; {@link #build()} validates. */
    public static final class Builder {
        private PreviewLauncher launcher;
        private int maxRunning = 2;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration checkInterval = Duration.ofSeconds(1);
        private int logLines = 500;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Required: what a preview runs. */
        public Builder launcher(PreviewLauncher v) { this.launcher = v; return this; }
        /** Previews running at once; default 2. */
        public Builder maxRunning(int v) { this.maxRunning = v; return this; }
        /** A preview without {@link PreviewSupervisor#touch activity} this long is stopped; default 10 minutes. */
        public Builder idleTimeout(Duration v) { this.idleTimeout = v; return this; }
        /** How often previews are checked for idleness and dead processes; default 1 s. */
        public Builder checkInterval(Duration v) { this.checkInterval = v; return this; }
        /** Log lines kept per preview; default 500. */
        public Builder logLines(int v) { this.logLines = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }

        /** @throws IllegalArgumentException when the launcher is missing or a limit is out of range */
        public PreviewSupervisor build() {
            if (launcher == null) throw new IllegalArgumentException("PreviewSupervisor needs a launcher; call launcher(...)");
            if (maxRunning < 1) throw new IllegalArgumentException("maxRunning must be at least 1, was " + maxRunning);
            if (logLines < 1) throw new IllegalArgumentException("logLines must be at least 1, was " + logLines);
            for (Duration d : List.of(idleTimeout, checkInterval)) {
                if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("durations must be positive, was " + d);
            }
            return new PreviewSupervisor(this);
        }
    }
}
