package io.autonoma.agents.verify.internal;

import io.autonoma.agents.verify.ProcessSandbox;
import io.autonoma.agents.verify.Sandbox;
import io.autonoma.agents.verify.SandboxedCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands of a verification, each through a {@link ProcessSandbox} (allow-listed environment, a fresh HOME, the
 * process tree killed after the run): the checks of the app's code with no network but loopback, the installs with
 * the machine's network, which they need for the package registries.
 */
public class ProcessRunner {

    /** What a command did: exit code (-1 on timeout), its output (stdout, then stderr), how long it took, its isolation. */
    public record Run(int exit, boolean timedOut, String output, long millis, String isolation) {
        public boolean ok() {
            return exit == 0 && !timedOut;
        }
    }

    private final Map<String, String> parent;
    private final Sandbox checks;
    private final Sandbox installs;
    private final long memoryBytes;

    /** {@code memoryBytes}: the address-space limit of each process of a check. */
    public ProcessRunner(Map<String, String> parentEnvironment, long memoryBytes) {
        this.parent = Map.copyOf(parentEnvironment);
        this.memoryBytes = memoryBytes;
        this.checks = new ProcessSandbox(parentEnvironment);
        this.installs = ProcessSandbox.builder().parentEnvironment(parentEnvironment)
                .hostNetwork("an install, which needs the package registries").build();
    }

    /** The parent environment the allow-list is taken from (and the PATH tools are looked up on). */
    public Map<String, String> environment() {
        return parent;
    }

    /** Runs an install: the machine's network, otherwise sandboxed. */
    public Run run(List<String> argv, Path dir, Map<String, String> extraEnv, Duration timeout) {
        return run(installs, SandboxedCommand.builder(dir, argv), extraEnv, timeout);
    }

    /**
     * Runs a check of the app's code: no network but loopback where the kernel allows a namespace (the run says), each
     * process limited to the timeout in CPU time and to the memory limit in address space.
     */
    public Run isolated(List<String> argv, Path dir, Map<String, String> extraEnv, Duration timeout) {
        return run(checks, SandboxedCommand.builder(dir, argv).cpuSeconds(Math.max(1, timeout.toSeconds())).memoryBytes(memoryBytes),
                extraEnv, timeout);
    }

    private static Run run(Sandbox sandbox, SandboxedCommand.Builder command, Map<String, String> extraEnv, Duration timeout) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("PYTHONDONTWRITEBYTECODE", "1");
        env.putIfAbsent("NEXT_TELEMETRY_DISABLED", "1");
        Sandbox.Result r = sandbox.run(command.env(env).timeout(timeout).build());
        String out = r.stdout() + (r.stderr().isEmpty() ? "" : (r.stdout().isEmpty() ? "" : "\n") + r.stderr());
        return new Run(r.timedOut() ? -1 : r.exitCode(), r.timedOut(), out, r.duration().toMillis(), r.isolation().describe());
    }
}
