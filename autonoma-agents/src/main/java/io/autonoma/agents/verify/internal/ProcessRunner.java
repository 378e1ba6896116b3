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

    public ProcessRunner(Map<String, String> parentEnvironment) {
        this.parent = Map.copyOf(parentEnvironment);
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
        return run(installs, argv, dir, extraEnv, timeout);
    }

    /** Runs a check of the app's code: no network but loopback where the kernel allows a namespace (the run says). */
    public Run isolated(List<String> argv, Path dir, Map<String, String> extraEnv, Duration timeout) {
        return run(checks, argv, dir, extraEnv, timeout);
    }

    private static Run run(Sandbox sandbox, List<String> argv, Path dir, Map<String, String> extraEnv, Duration timeout) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("PYTHONDONTWRITEBYTECODE", "1");
        env.putIfAbsent("NEXT_TELEMETRY_DISABLED", "1");
        Sandbox.Result r = sandbox.run(SandboxedCommand.builder(dir, argv).env(env).timeout(timeout).build());
        String out = r.stdout() + (r.stderr().isEmpty() ? "" : (r.stdout().isEmpty() ? "" : "\n") + r.stderr());
        return new Run(r.timedOut() ? -1 : r.exitCode(), r.timedOut(), out, r.duration().toMillis(), r.isolation().describe());
    }
}
