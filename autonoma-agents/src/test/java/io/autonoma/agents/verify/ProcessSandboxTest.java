package io.autonoma.agents.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.testkit.SandboxContract;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessSandboxTest extends SandboxContract {

    @Override
    protected Sandbox sandbox() {
        return new ProcessSandbox();
    }

    @Override
    protected Sandbox sandboxWithParentEnvironment(Map<String, String> parent) {
        return new ProcessSandbox(parent);
    }

    /** Whether {@code unshare <flags> true} works here, asked directly rather than through the sandbox. */
    private static boolean unshareWorks(String... flags) throws Exception {
        List<String> argv = new java.util.ArrayList<>();
        argv.add("/usr/bin/unshare");
        argv.addAll(List.of(flags));
        argv.add("true");
        if (!Files.isExecutable(Path.of("/usr/bin/unshare"))) {
            return false;
        }
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void uses_a_network_namespace_exactly_when_this_machine_allows_one_and_its_loopback_is_its_own() throws Exception {
        boolean userNs = unshareWorks("--net", "--map-root-user");
        boolean allowed = userNs || unshareWorks("--net");
        // the sandbox prefers a user namespace, then a PID namespace of its own within what it chose
        boolean pidAllowed = unshareWorks("--net", "--map-root-user", "--pid", "--fork")
                || (!userNs && unshareWorks("--net", "--pid", "--fork"));

        Isolation isolation = sandbox().isolation();

        assertThat(isolation.networkIsolated()).as(isolation.describe()).isEqualTo(allowed);
        if (!allowed) {
            assertThat(isolation.detail()).contains("the machine's network");
            return;
        }
        assertThat(isolation.network()).isEqualTo(Isolation.Network.NETWORK_NAMESPACE);
        assertThat(isolation.ownProcessSpace()).isEqualTo(pidAllowed);
        // a server on the machine's own loopback is out of reach: the namespace's loopback is another interface
        try (ServerSocket host = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String program = "import socket\n"
                    + "s = socket.socket(); s.settimeout(5)\n"
                    + "try:\n"
                    + "    s.connect(('127.0.0.1', " + host.getLocalPort() + ")); print('connected')\n"
                    + "except OSError as e:\n"
                    + "    print('errno', e.errno)\n";

            Sandbox.Result r = sandbox().run(SandboxedCommand.builder(app, "python3", "-c", program).timeout(Duration.ofSeconds(30)).build());

            assertThat(r.stdout()).as(r.stderr()).isEqualTo("errno 111\n");
        }
    }

    @Test
    void a_loopback_server_started_inside_answers_a_client_inside() throws Exception {
        Files.writeString(app.resolve("hello.txt"), "hello from inside");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String client = "import time, urllib.request\n"
                + "for _ in range(200):\n"
                + "    try:\n"
                + "        print(urllib.request.urlopen('http://127.0.0.1:" + port + "/hello.txt', timeout=2).read().decode()); break\n"
                + "    except OSError:\n"
                + "        time.sleep(0.1)\n"
                + "else:\n"
                + "    print('no answer')\n";
        String script = "python3 -m http.server " + port + " --bind 127.0.0.1 > \"$TMPDIR/server.log\" 2>&1 & "
                + "python3 -c \"$CLIENT\"";

        Sandbox.Result r = sandbox().run(SandboxedCommand.builder(app, "sh", "-c", script).env("CLIENT", client)
                .timeout(Duration.ofSeconds(60)).build());

        assertThat(r.stdout()).as(r.stderr()).isEqualTo("hello from inside\n");
        assertThat(r.succeeded()).isTrue();
    }

    @Test
    void a_sandbox_sharing_the_machines_network_says_so_and_cannot_also_require_isolation() {
        ProcessSandbox installs = ProcessSandbox.builder().hostNetwork("an install").build();

        Isolation isolation = installs.isolation();

        assertThat(isolation.networkIsolated()).isFalse();
        assertThat(isolation.describe()).contains("the machine's network, on purpose: an install");
        assertThatThrownBy(() -> ProcessSandbox.builder().hostNetwork("an install").requireNetworkIsolation(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot both");
    }

    @Test
    void the_cpu_limit_stops_a_busy_loop() {
        Sandbox.Result r = sandbox().run(SandboxedCommand.builder(app, "sh", "-c", "while :; do :; done")
                .cpuSeconds(1).timeout(Duration.ofSeconds(30)).build());

        assertThat(r.timedOut()).as("stopped by the CPU limit, not the wall clock").isFalse();
        assertThat(r.exitCode()).as("SIGXCPU (152) or SIGKILL at the hard limit (137)").isIn(152, 137);
    }

    @Test
    void the_memory_limit_stops_a_large_allocation_that_succeeds_without_it() {
        String program = "b = bytearray(600 * 1024 * 1024); print('allocated', len(b))";

        Sandbox.Result limited = sandbox().run(SandboxedCommand.builder(app, "python3", "-c", program)
                .memoryBytes(256L * 1024 * 1024).timeout(Duration.ofSeconds(60)).build());
        Sandbox.Result free = sandbox().run(SandboxedCommand.builder(app, "python3", "-c", program)
                .timeout(Duration.ofSeconds(60)).build());

        assertThat(free.stdout()).as(free.stderr()).startsWith("allocated");
        assertThat(limited.exitCode()).isNotZero();
        assertThat(limited.stdout()).isEmpty();
        assertThat(limited.stderr()).contains("MemoryError");
    }

    @Test
    void when_no_namespace_can_be_made_the_run_says_so_plainly_and_a_strict_sandbox_runs_nothing() {
        ProcessSandbox refused = ProcessSandbox.builder().unshare(Path.of("/bin/false")).build();
        ProcessSandbox missing = ProcessSandbox.builder().unshare(app.resolve("no-unshare")).build();
        ProcessSandbox strict = ProcessSandbox.builder().unshare(Path.of("/bin/false")).requireNetworkIsolation(true).build();

        Sandbox.Result r = refused.run(SandboxedCommand.builder(app, "sh", "-c", "echo ran").build());

        assertThat(r.stdout()).isEqualTo("ran\n");
        assertThat(r.isolation().network()).isEqualTo(Isolation.Network.NONE);
        assertThat(r.isolation().networkIsolated()).isFalse();
        assertThat(r.isolation().detail()).contains("refused a network namespace").contains("the machine's network");
        assertThat(missing.isolation().network()).isEqualTo(Isolation.Network.NONE);
        assertThat(missing.isolation().detail()).contains("not an executable");
        assertThatThrownBy(() -> strict.run(SandboxedCommand.builder(app, "touch", "ran").build()))
                .isInstanceOf(SandboxUnavailableException.class).hasMessageContaining("Nothing was run");
        assertThat(app.resolve("ran")).doesNotExist();
    }

    @Test
    void the_inherited_environment_is_an_allow_list() {
        Map<String, String> parent = Map.of("PATH", "/opt/bin:/usr/bin", "LANG", "C.UTF-8", "LC_ALL", "C.UTF-8", "TZ", "UTC",
                "TERM", "xterm", "HOME", "/root", "USER", "root", "http_proxy", "http://proxy:3128", "SSH_AUTH_SOCK", "/tmp/agent",
                "PYTHONPATH", "/somewhere");

        assertThat(ProcessSandbox.allowed(parent)).containsOnlyKeys("PATH", "LANG", "LC_ALL", "TZ", "TERM")
                .containsEntry("PATH", "/opt/bin:/usr/bin");
        assertThat(ProcessSandbox.allowed(Map.of("SECRET", "x"))).containsOnlyKeys("PATH");
    }
}
