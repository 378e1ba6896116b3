package io.autonoma.agents.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.verify.Isolation;
import io.autonoma.agents.verify.Sandbox;
import io.autonoma.agents.verify.SandboxedCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Sandbox} must have, as its Javadoc states, with real processes ({@code sh} and
 * {@code python3}): a test extends this class and returns the sandbox from {@link #sandbox()} and
 * {@link #sandboxWithParentEnvironment(Map)}. Nothing here sends traffic off the machine: a non-loopback address is
 * only dialled when the sandbox says the network is isolated.
 */
public abstract class SandboxContract {

    /** The sandbox under test, its commands inheriting this JVM's environment. */
    protected abstract Sandbox sandbox();

    /** The same kind of sandbox, its commands' would-be inherited environment being {@code parent}. */
    protected abstract Sandbox sandboxWithParentEnvironment(Map<String, String> parent);

    @TempDir
    protected Path app;

    protected static final String SECRET = "sk-test-" + UUID.randomUUID();

    @Test
    void runs_in_its_directory_and_reports_exit_code_output_and_sizes() throws Exception {
        Sandbox.Result r = sandbox().run(SandboxedCommand.builder(app, "sh", "-c", "pwd; printf 'oops' >&2; exit 3").build());

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.stdout().strip()).isEqualTo(app.toRealPath().toString());
        assertThat(r.stdoutBytes()).isEqualTo(app.toRealPath().toString().length() + 1);
        assertThat(r.stderr()).isEqualTo("oops");
        assertThat(r.stderrBytes()).isEqualTo(4);
        assertThat(r.duration()).isPositive();
        assertThat(r.isolation()).isEqualTo(sandbox().isolation());
    }

    @Test
    void a_program_that_does_not_exist_is_a_failed_result_not_an_exception() {
        Sandbox.Result r = sandbox().run(SandboxedCommand.builder(app, "no-such-program-" + UUID.randomUUID()).build());

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.timedOut()).isFalse();
    }

    @Test
    void a_missing_working_directory_is_refused() {
        Path missing = app.resolve("missing");

        assertThatThrownBy(() -> sandbox().run(SandboxedCommand.builder(missing, "true").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void the_parents_secrets_do_not_reach_the_command_and_explicit_variables_do() {
        Map<String, String> parent = new LinkedHashMap<>(System.getenv());
        Map<String, String> secrets = Map.of(
                "AUTONOMA_API_KEY", SECRET + "-a", "AWS_SECRET_ACCESS_KEY", SECRET + "-b", "GITHUB_TOKEN", SECRET + "-c",
                "GOOGLE_APPLICATION_CREDENTIALS", SECRET + "-d", "DATABASE_URL", "postgresql://u:" + SECRET + "-e@db/x",
                "AZURE_CLIENT_SECRET", SECRET + "-f", "MY_SERVICE_PASSWORD", SECRET + "-g");
        parent.putAll(secrets);
        Sandbox sandbox = sandboxWithParentEnvironment(parent);

        Sandbox.Result printed = sandbox.run(SandboxedCommand.builder(app, "sh", "-c", "printf '%s' \"$AUTONOMA_API_KEY\"").build());
        Sandbox.Result env = sandbox.run(SandboxedCommand.builder(app, "env").env("GIVEN", "on-purpose").build());

        assertThat(printed.succeeded()).isTrue();
        assertThat(printed.stdout()).isEmpty();
        assertThat(env.succeeded()).as(env.stderr()).isTrue();
        assertThat(env.stdout()).contains("GIVEN=on-purpose").contains("PATH=");
        assertThat(env.stdout()).doesNotContain(SECRET);
        for (String name : secrets.keySet()) {
            assertThat(env.stdout()).doesNotContain(name + "=");
        }
    }

    @Test
    void home_and_tmpdir_are_fresh_empty_directories_removed_after_the_run() throws Exception {
        String script = "echo \"$HOME\"; echo \"$TMPDIR\"; ls -A \"$HOME\" | wc -l; touch \"$HOME/.secretrc\" \"$TMPDIR/x\"; mkdir \"$HOME/.cache\"";

        Sandbox.Result first = sandbox().run(SandboxedCommand.builder(app, "sh", "-c", script).build());
        Sandbox.Result second = sandbox().run(SandboxedCommand.builder(app, "sh", "-c", script).build());

        assertThat(first.succeeded()).as(first.stderr()).isTrue();
        List<String> lines = first.stdout().lines().toList();
        Path home = Path.of(lines.get(0));
        Path tmp = Path.of(lines.get(1));
        assertThat(home).isNotEqualTo(Path.of(System.getProperty("user.home"))).isAbsolute();
        assertThat(lines.get(2).strip()).isEqualTo("0");
        assertThat(home).doesNotExist();
        assertThat(tmp).doesNotExist();
        assertThat(second.stdout().lines().findFirst().orElseThrow()).isNotEqualTo(lines.get(0));
        assertThat(second.stdout().lines().toList().get(2).strip()).isEqualTo("0");
    }

    @Test
    void output_of_any_size_is_drained_and_kept_as_a_bounded_excerpt_of_its_start_and_end() {
        String program = "import sys\n"
                + "sys.stdout.write('START' + 'x' * 2000000 + 'END')\n"
                + "sys.stderr.write('BEGIN' + 'y' * 2000000 + 'FINISH')\n";

        Sandbox.Result r = sandbox().run(SandboxedCommand.builder(app, "python3", "-c", program).timeout(Duration.ofSeconds(60)).build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdoutBytes()).isEqualTo(2000008);
        assertThat(r.stderrBytes()).isEqualTo(2000011);
        assertThat(r.stdout()).startsWith("START").endsWith("END").contains("bytes left out");
        assertThat(r.stderr()).startsWith("BEGIN").endsWith("FINISH");
        assertThat(r.stdout().length()).isLessThan(200_000);
        assertThat(r.stderr().length()).isLessThan(200_000);
    }

    @Test
    void on_timeout_the_command_and_every_process_it_started_are_killed() throws Exception {
        String marker = "autonoma-sandbox-test-" + UUID.randomUUID();
        String sleeper = "import time; time.sleep(300)";
        // a grandchild in the background, one that left the process group on purpose, and the command sleeping on
        // (the suffixes are joined in the shell, so only the grandchildren's command lines hold marker-bg, marker-escaped)
        String script = "m=" + marker + "; python3 -c '" + sleeper + "' \"$m-bg\" & "
                + "setsid python3 -c '" + sleeper + "' \"$m-escaped\" & "
                + "sleep 300";
        Duration timeout = Duration.ofSeconds(4);

        CompletableFuture<Sandbox.Result> run = CompletableFuture.supplyAsync(
                () -> sandbox().run(SandboxedCommand.builder(app, "sh", "-c", script).timeout(timeout).build()));
        Map<ProcessHandle, String> seen = awaitProcesses(marker, List.of("-bg", "-escaped"), Duration.ofSeconds(20));
        Sandbox.Result r = run.get(60, TimeUnit.SECONDS);

        assertThat(seen.values()).as("both grandchildren were running during the run")
                .anyMatch(c -> c.contains(marker + "-bg")).anyMatch(c -> c.contains(marker + "-escaped"));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.duration()).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusSeconds(30));
        for (ProcessHandle p : seen.keySet()) {
            // (a zombie waiting for the machine's init to reap it has ended: its command line is empty)
            assertThat(ProcessHandle.of(p.pid()).filter(h -> commandLine(h).contains(marker))).as("pid " + p.pid() + " after the run").isEmpty();
        }
        assertThat(processes(marker)).isEmpty();
    }

    @Test
    void a_background_process_left_by_a_command_that_ended_is_killed_too() throws Exception {
        String marker = "autonoma-sandbox-test-" + UUID.randomUUID();
        String script = "(python3 -c 'import time; print(1, flush=True); time.sleep(300)' " + marker + " > \"$TMPDIR/up\" 2>&1 &); "
                + "while [ ! -s \"$TMPDIR/up\" ]; do sleep 0.1; done; echo started";

        Sandbox.Result r = sandbox().run(SandboxedCommand.builder(app, "sh", "-c", script).timeout(Duration.ofSeconds(60)).build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(processes(marker)).isEmpty();
    }

    @Test
    void reaches_no_address_but_loopback_when_it_says_the_network_is_isolated() {
        Isolation isolation = sandbox().isolation();
        assertThat(isolation.detail()).isNotBlank();
        if (!isolation.networkIsolated()) {
            // never dial out from a sandbox that says it cannot stop it: the honest report is what is checked
            assertThat(isolation.network()).isEqualTo(Isolation.Network.NONE);
            assertThat(isolation.detail()).contains("network");
            return;
        }
        // the child checks for itself that its network namespace has no interface but loopback before it dials, so
        // that even a sandbox that wrongly claims isolation sends nothing off the machine; the address is TEST-NET-1
        String program = "import socket, time\n"
                + "ifaces = [l.split(':')[0].strip() for l in open('/proc/net/dev').read().splitlines()[2:]]\n"
                + "if ifaces != ['lo']:\n"
                + "    print('not isolated, interfaces:', ifaces); raise SystemExit(0)\n"
                + "s = socket.socket(); s.settimeout(5); t = time.monotonic()\n"
                + "try:\n"
                + "    s.connect(('192.0.2.1', 80)); print('connected')\n"
                + "except OSError as e:\n"
                + "    print('errno', e.errno, 'after', round(time.monotonic() - t, 1))\n";

        Sandbox.Result r = sandbox().run(SandboxedCommand.builder(app, "python3", "-c", program).timeout(Duration.ofSeconds(30)).build());

        assertThat(r.succeeded()).as(r.stderr()).isTrue();
        assertThat(r.stdout()).as("ENETUNREACH at once: no route leaves the namespace").startsWith("errno 101 after 0.");
    }

    /** The processes whose command line holds {@code marker}. */
    protected static List<ProcessHandle> processes(String marker) {
        return ProcessHandle.allProcesses().filter(p -> commandLine(p).contains(marker)).filter(ProcessHandle::isAlive).toList();
    }

    private static String commandLine(ProcessHandle p) {
        return p.info().commandLine().orElse("") + " " + p.info().arguments().map(a -> String.join(" ", a)).orElse("");
    }

    /**
     * Waits until processes with each of {@code marker + suffix} in their command line run; every process seen with
     * the marker meanwhile, with its command line when seen.
     */
    private static Map<ProcessHandle, String> awaitProcesses(String marker, List<String> suffixes, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        Map<ProcessHandle, String> seen = new LinkedHashMap<>();
        while (System.nanoTime() < end) {
            for (ProcessHandle p : processes(marker)) {
                String c = commandLine(p);
                if (c.contains(marker)) {
                    seen.merge(p, c, (a, b) -> a + " | " + b);
                }
            }
            if (suffixes.stream().allMatch(s -> seen.values().stream().anyMatch(c -> c.contains(marker + s)))) {
                return seen;
            }
            Thread.sleep(50);
        }
        return seen;
    }
}
