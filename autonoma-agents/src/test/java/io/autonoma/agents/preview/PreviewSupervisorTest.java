package io.autonoma.agents.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's limits with real processes: a Python HTTP server as the "app", and one that dies. */
class PreviewSupervisorTest {
    @TempDir
    Path dir;

    private PreviewSupervisor supervisor;

    /** One process: python3 serving the app directory on the "web" port (or running {@code script} instead). */
    private static PreviewLauncher python(String script) {
        return new PreviewLauncher() {
            @Override
            public List<String> ports() {
                return List.of("web");
            }

            @Override
            public List<Process> processes(Path directory, Map<String, Integer> ports) {
                List<String> command = script == null
                        ? List.of("python3", "-m", "http.server", ports.get("web").toString(), "--bind", "127.0.0.1")
                        : List.of("python3", "-c", script);
                return List.of(new Process("web", command, directory, Map.of("PYTHONUNBUFFERED", "1")));
            }

            @Override
            public String url(Map<String, Integer> ports) {
                return "http://127.0.0.1:" + ports.get("web") + "/";
            }
        };
    }

    @AfterEach
    void close() {
        if (supervisor != null) supervisor.close();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("never: " + what);
            Thread.sleep(50);
        }
    }

    private static int get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void a_preview_serves_on_its_loopback_port_and_is_gone_once_stopped() throws Exception {
        supervisor = PreviewSupervisor.builder().launcher(python(null)).build();
        Preview p = supervisor.start("shop", dir);
        assertThat(p.url()).startsWith("http://127.0.0.1:");
        await(() -> get(p.url()) == 200, "the preview answers");
        assertThat(supervisor.running()).containsExactly(p);

        assertThat(supervisor.stop(p.id())).isTrue();
        assertThat(p.state()).isEqualTo(Preview.State.STOPPED);
        assertThat(get(p.url())).isEqualTo(-1);
        assertThat(supervisor.stop(p.id())).as("once").isFalse();
        assertThat(supervisor.running()).isEmpty();
    }

    @Test
    void no_more_than_the_configured_number_run_at_once() throws Exception {
        supervisor = PreviewSupervisor.builder().launcher(python(null)).maxRunning(1).build();
        Preview first = supervisor.start("a", dir);
        assertThatThrownBy(() -> supervisor.start("b", dir)).isInstanceOf(TooManyPreviewsException.class)
                .hasMessageContaining("1 preview(s) are running");
        supervisor.stop(first.id());
        Preview second = supervisor.start("b", dir);
        assertThat(supervisor.running()).containsExactly(second);
    }

    @Test
    void an_idle_preview_is_stopped_and_activity_keeps_one_alive() throws Exception {
        supervisor = PreviewSupervisor.builder().launcher(python(null)).idleTimeout(Duration.ofMillis(1500))
                .checkInterval(Duration.ofMillis(100)).build();
        Preview idle = supervisor.start("idle", dir);
        Preview used = supervisor.start("used", dir);
        await(() -> get(used.url()) == 200, "the used preview answers");
        long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        while (System.nanoTime() < until) {
            supervisor.touch(used.id());
            Thread.sleep(100);
        }
        await(() -> idle.state() == Preview.State.STOPPED, "the idle preview is stopped");
        assertThat(idle.reason()).contains("idle for");
        assertThat(get(idle.url())).isEqualTo(-1);
        assertThat(used.state()).isEqualTo(Preview.State.RUNNING);
        assertThat(get(used.url())).isEqualTo(200);
    }

    @Test
    void a_preview_whose_process_dies_is_reported_with_its_exit_code_and_output_and_frees_its_slot() throws Exception {
        supervisor = PreviewSupervisor.builder().launcher(python("import sys; print('database is locked'); sys.exit(3)"))
                .maxRunning(1).checkInterval(Duration.ofMillis(100)).build();
        Preview p = supervisor.start("broken", dir);
        await(() -> p.state() == Preview.State.FAILED, "the dead preview is reported");
        assertThat(p.reason()).isEqualTo("web exited with code 3");
        await(() -> p.logs().contains("[web] database is locked"), "its output is kept");
        assertThat(supervisor.running()).isEmpty();
        assertThat(supervisor.start("next", dir).state()).isEqualTo(Preview.State.RUNNING);
    }

    @Test
    void close_stops_every_preview_and_bad_settings_are_refused() throws Exception {
        supervisor = PreviewSupervisor.builder().launcher(python(null)).maxRunning(3).build();
        Preview a = supervisor.start("a", dir);
        Preview b = supervisor.start("b", dir);
        supervisor.close();
        assertThat(List.of(a.state(), b.state())).containsOnly(Preview.State.STOPPED);
        assertThatThrownBy(() -> PreviewSupervisor.builder().build()).hasMessageContaining("launcher");
        assertThatThrownBy(() -> PreviewSupervisor.builder().launcher(python(null)).maxRunning(0).build()).hasMessageContaining("maxRunning");
        assertThatThrownBy(() -> supervisor.start("x", dir.resolve("missing"))).isInstanceOf(IllegalArgumentException.class);
    }
}
