package io.autonoma.agents.verify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command of a check with a scrubbed environment (an allow-list: no API keys, tokens or cloud credentials of
 * the parent pass), a temporary HOME, a wall-clock limit, and the whole process tree killed on timeout.
 */
public class ProcessRunner {

    /** What a command did: exit code (-1 on timeout), its combined output, how long it took, the isolation in force. */
    public record Run(int exit, boolean timedOut, String output, long millis, String isolation) {
        public Run(int exit, boolean timedOut, String output, long millis) {
            this(exit, timedOut, output, millis, "none: an install, which needs the package registries");
        }

        public boolean ok() {
            return exit == 0 && !timedOut;
        }
    }

    private static final List<String> PASS = List.of("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TERM");

    private final Map<String, String> parent;
    private final io.autonoma.agents.verify.Sandbox sandbox;

    public ProcessRunner() {
        this(System.getenv());
    }

    public ProcessRunner(Map<String, String> parentEnvironment) {
        this.parent = Map.copyOf(parentEnvironment);
        this.sandbox = new io.autonoma.agents.verify.ProcessSandbox(parentEnvironment);
    }

    /**
     * Runs a check of the app's code in the {@link io.autonoma.agents.verify.ProcessSandbox}: no network but loopback
     * where the kernel allows a namespace (the run says which isolation was in force), the same scrubbed environment,
     * the process group killed after the run.
     */
    public Run isolated(List<String> argv, Path dir, Map<String, String> extraEnv, Duration timeout) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("PYTHONDONTWRITEBYTECODE", "1");
        env.putIfAbsent("NEXT_TELEMETRY_DISABLED", "1");
        io.autonoma.agents.verify.Sandbox.Result r = sandbox.run(io.autonoma.agents.verify.SandboxedCommand.builder(dir, argv)
                .env(env).timeout(timeout).build());
        String out = r.stdout() + (r.stderr().isEmpty() ? "" : (r.stdout().isEmpty() ? "" : "\n") + r.stderr());
        return new Run(r.timedOut() ? -1 : r.exitCode(), r.timedOut(), out, r.duration().toMillis(), r.isolation().describe());
    }

    /** The parent environment the allow-list is taken from (and the PATH tools are looked up on). */
    public Map<String, String> environment() {
        return parent;
    }

    public Run run(List<String> argv, Path dir, Map<String, String> extraEnv, Duration timeout) {
        long start = System.nanoTime();
        Path home = null;
        try {
            home = Files.createTempDirectory("autonoma-verify-home");
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.clear();
            PASS.forEach(k -> { if (parent.containsKey(k)) env.put(k, parent.get(k)); });
            env.put("HOME", home.toString());
            env.put("TMPDIR", home.toString());
            env.put("PYTHONDONTWRITEBYTECODE", "1");
            env.put("NEXT_TELEMETRY_DISABLED", "1");
            env.putAll(extraEnv);
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                List<ProcessHandle> tree = new java.util.ArrayList<>(p.descendants().toList());
                tree.add(p.toHandle());
                tree.forEach(ProcessHandle::destroyForcibly);
                for (ProcessHandle h : tree) {
                    try {
                        h.onExit().get(10, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException stuck) {
                        // reported as a timeout either way; the kernel reaps it
                    }
                }
            }
            String text = out.get(10, TimeUnit.SECONDS);
            return new Run(done ? p.exitValue() : -1, !done, text, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Run(127, false, "cannot run " + argv.get(0) + ": " + e.getMessage(), (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return new Run(-1, false, "interrupted: " + e, (System.nanoTime() - start) / 1_000_000);
        } finally {
            deleteTree(home);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null) return;
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temporary directory
        }
    }

    static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }
}
