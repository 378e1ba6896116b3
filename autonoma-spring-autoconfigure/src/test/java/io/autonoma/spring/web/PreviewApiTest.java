package io.autonoma.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.autonoma.agents.preview.PreviewLauncher;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.spring.preview.Preparer;
import io.autonoma.spring.preview.PreviewService;
import io.autonoma.spring.web.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The preview endpoints over the real {@link PreviewService} and supervisor, with real processes: the test's preparer
 * installs nothing and runs a small Python HTTP server per port (the "backend" serves {@code /health}, the "frontend"
 * {@code /}), so neither pip nor npm is needed. A project whose file {@code mode.txt} says {@code dies} has a backend
 * that exits with code 3; one that says {@code unpreparable} fails its preparation.
 */
@SpringBootTest(classes = PreviewApiTest.TestApp.class, properties = {
        "autonoma.api.enabled=true",
        "autonoma.store.type=memory",
        "autonoma.preview.enabled=true",
        "autonoma.preview.max-running=1"})
@AutoConfigureMockMvc
class PreviewApiTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Path ROOT = tempRoot();

    @DynamicPropertySource
    static void outputRoot(DynamicPropertyRegistry registry) {
        registry.add("autonoma.output-root", ROOT::toString);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    PreviewService previews;

    private final List<String> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(previews::stop);
    }

    @AfterAll
    static void deleteRoot() {
        io.autonoma.agents.preview.DependencyCache.deleteTree(ROOT);
    }

    @Test
    void a_preview_is_prepared_then_runs_and_answers_restarts_and_is_gone_once_deleted() throws Exception {
        String id = generate("a shop that serves");
        mvc.perform(get("/api/generations/{id}/preview", id)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("has no preview")));
        mvc.perform(get("/api/generations/{id}/preview/logs", id)).andExpect(status().isNotFound());

        JsonNode first = start(id);
        assertThat(first.get("state").asText()).isEqualTo("preparing");
        assertThat(first.get("ready").asBoolean()).isFalse();
        assertThat(first.get("url").isNull()).isTrue();
        assertThat(first.get("projectId").asText()).isEqualTo(id);
        // the states as they come, over SSE, from the start
        MvcResult stream = mvc.perform(get("/api/generations/{id}/preview/logs", id).accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(request().asyncStarted()).andReturn();

        JsonNode running = await(id, s -> s.get("state").asText().equals("running"));
        assertThat(running.get("ready").asBoolean()).isTrue();
        String url = running.get("url").asText();
        String backend = running.get("backendUrl").asText();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/");
        assertThat(backend).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(http(url)).isEqualTo(200);
        assertThat(http(backend + "/health")).isEqualTo(200);
        assertThat(running.get("reason").isNull()).isTrue();
        assertThat(running.get("startedAt").asText()).isEqualTo(first.get("startedAt").asText());
        assertThat(lines(running)).contains("[prepare] test: nothing to install").anyMatch(l -> l.startsWith("[frontend] serving frontend on"));

        // the log line printed by the backend process, and the states it went through
        String live = awaitBody(stream, "serving backend on", false);
        List<String[]> events = parse(live);
        assertThat(logLines(events)).anyMatch(l -> l.startsWith("[backend] serving backend on"));
        assertThat(states(events)).containsSubsequence("preparing", "starting", "running");

        // a second POST restarts it: a new preview (new start time, fresh processes); the old stream ends as stopped
        long oldPid = pid(id, "backend");
        JsonNode restarted = start(id);
        assertThat(restarted.get("state").asText()).isEqualTo("preparing");
        assertThat(Instant.parse(restarted.get("startedAt").asText())).isAfter(Instant.parse(first.get("startedAt").asText()));
        List<String[]> ended = parse(awaitBody(stream, "\"state\":\"stopped\"", true));
        assertThat(states(ended)).endsWith("stopped");
        JsonNode again = await(id, s -> s.get("state").asText().equals("running"));
        assertThat(again.get("startedAt").asText()).isEqualTo(restarted.get("startedAt").asText());
        assertThat(http(again.get("url").asText())).isEqualTo(200);
        assertThat(ProcessHandle.of(oldPid).map(ProcessHandle::isAlive).orElse(false)).as("the old backend is gone").isFalse();
        long pid = pid(id, "backend");
        assertThat(pid).isNotEqualTo(oldPid);

        // DELETE: 204 once its processes are gone; then there is none
        mvc.perform(delete("/api/generations/{id}/preview", id)).andExpect(status().isNoContent());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(http(again.get("url").asText())).isEqualTo(-1);
        mvc.perform(get("/api/generations/{id}/preview", id)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/generations/{id}/preview", id)).andExpect(status().isNotFound());
    }

    @Test
    void a_restart_keeps_the_previews_data_unless_asked_for_a_fresh_start() throws Exception {
        String id = generate("a notebook that keeps notes");
        start(id);
        await(id, s -> s.get("state").asText().equals("running"));
        // what the running app wrote: its database (and journal) and its secret key
        Path backend = Files.createDirectories(ROOT.resolve(".previews").resolve(id).resolve("backend"));
        Files.writeString(backend.resolve("preview.db"), "rows of the preview");
        Files.writeString(backend.resolve("preview.db-journal"), "journal");
        Files.writeString(backend.resolve(".preview-secret-key"), "k".repeat(64));
        Files.writeString(backend.resolve("scratch.txt"), "not data: wiped with the files");

        start(id);
        JsonNode kept = await(id, s -> s.get("state").asText().equals("running"));
        assertThat(Files.readString(backend.resolve("preview.db"))).isEqualTo("rows of the preview");
        assertThat(Files.readString(backend.resolve("preview.db-journal"))).isEqualTo("journal");
        assertThat(Files.readString(backend.resolve(".preview-secret-key"))).isEqualTo("k".repeat(64));
        assertThat(backend.resolve("scratch.txt")).doesNotExist();
        assertThat(lines(kept)).anyMatch(l -> l.contains("data kept"));
        try (var siblings = Files.list(ROOT.resolve(".previews"))) {
            assertThat(siblings.map(p -> p.getFileName().toString())).as("nothing left beside the preview").doesNotContain("." + id + ".data");
        }

        MvcResult r = mvc.perform(post("/api/generations/{id}/preview?fresh=true", id)).andExpect(status().isAccepted()).andReturn();
        assertThat(r.getResponse().getContentAsString()).contains("\"state\":\"preparing\"");
        await(id, s -> s.get("state").asText().equals("running"));
        assertThat(backend.resolve("preview.db")).doesNotExist();
        assertThat(backend.resolve(".preview-secret-key")).doesNotExist();
    }

    @Test
    void beyond_max_running_another_project_is_refused_with_429_until_one_is_stopped() throws Exception {
        String a = generate("shop a that serves");
        String b = generate("shop b that serves");
        start(a);
        mvc.perform(post("/api/generations/{id}/preview", b))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.error").value("too_many_previews"))
                .andExpect(jsonPath("$.detail").value(containsString("1 preview(s) are running")))
                .andExpect(jsonPath("$.detail").value(containsString("stop one")))
                .andExpect(jsonPath("$.detail").value(containsString("autonoma.preview.max-running")));
        // restarting the same project is not "another one"
        start(a);
        mvc.perform(delete("/api/generations/{id}/preview", a)).andExpect(status().isNoContent());
        start(b);
        await(b, s -> s.get("state").asText().equals("running"));
    }

    @Test
    void another_owners_or_an_unknown_generation_is_404() throws Exception {
        String id = generate("a shop that serves");
        start(id);
        for (var req : List.of(get("/api/generations/{id}/preview", id), post("/api/generations/{id}/preview", id),
                delete("/api/generations/{id}/preview", id), get("/api/generations/{id}/preview/logs", id))) {
            mvc.perform(req.principal(() -> "mallory")).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.error").value("not_found"));
        }
        mvc.perform(get("/api/generations/{id}/preview", "no-such-generation")).andExpect(status().isNotFound());
        // mallory's DELETE stopped nothing
        mvc.perform(get("/api/generations/{id}/preview", id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value(org.hamcrest.Matchers.oneOf("preparing", "starting", "running")));
    }

    @Test
    void a_process_that_exits_fails_the_preview_with_its_exit_code_and_output() throws Exception {
        String id = generate("an app that dies");
        start(id);
        JsonNode failed = await(id, s -> s.get("state").asText().equals("failed"));
        assertThat(failed.get("reason").asText()).isEqualTo("backend exited with code 3");
        assertThat(failed.get("ready").asBoolean()).isFalse();
        assertThat(lines(failed)).contains("[backend] backend boom: no database");

        // the stream of an ended preview: its lines, its final state, then it ends
        MvcResult stream = mvc.perform(get("/api/generations/{id}/preview/logs", id).accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(request().asyncStarted()).andReturn();
        List<String[]> events = parse(awaitBody(stream, "\"state\":\"failed\"", true));
        assertThat(logLines(events)).contains("[backend] backend boom: no database");
        assertThat(states(events)).containsExactly("failed");
        // its slot is free again
        String other = generate("another shop that serves");
        start(other);
    }

    @Test
    void a_preparation_that_fails_fails_the_preview_with_its_error() throws Exception {
        String id = generate("an app that is unpreparable");
        start(id);
        JsonNode failed = await(id, s -> s.get("state").asText().equals("failed"));
        assertThat(failed.get("reason").asText()).contains("npm ci failed: 404 Not Found - left-pad@99");
        assertThat(failed.get("url").isNull()).isTrue();
    }

    @Test
    void with_previews_off_the_endpoints_say_how_to_turn_them_on() throws Exception {
        try (ConfigurableApplicationContext off = new SpringApplicationBuilder(TestApp.class).properties(Map.of(
                "autonoma.api.enabled", "true", "autonoma.store.type", "memory", "server.port", "0", "server.address", "127.0.0.1",
                "autonoma.output-root", ROOT.resolve("off").toString())).run()) {
            MockMvc offMvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) off).build();
            assertThat(off.getBeansOfType(PreviewService.class)).isEmpty();
            MvcResult r = offMvc.perform(post("/api/generations").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"prompt\": \"a shop that serves\"}")).andExpect(status().isAccepted()).andReturn();
            String id = Json.MAPPER.readTree(r.getResponse().getContentAsString()).get("id").asText();
            for (var req : List.of(get("/api/generations/{id}/preview", id), post("/api/generations/{id}/preview", id),
                    delete("/api/generations/{id}/preview", id), get("/api/generations/{id}/preview/logs", id))) {
                offMvc.perform(req).andExpect(status().isNotFound())
                        .andExpect(jsonPath("$.detail").value(containsString("previews are off; set autonoma.preview.enabled=true")));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private JsonNode start(String id) throws Exception {
        MvcResult r = mvc.perform(post("/api/generations/{id}/preview", id)).andExpect(status().isAccepted()).andReturn();
        started.add(id);
        return Json.MAPPER.readTree(r.getResponse().getContentAsString());
    }

    private JsonNode await(String id, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode s;
        do {
            Thread.sleep(100);
            s = Json.MAPPER.readTree(mvc.perform(get("/api/generations/{id}/preview", id)).andExpect(status().isOk()).andReturn()
                    .getResponse().getContentAsString());
        } while (!until.test(s) && System.nanoTime() < deadline);
        assertThat(until.test(s)).as(s.toPrettyString()).isTrue();
        return s;
    }

    private String generate(String prompt) throws Exception {
        return ApiFixtures.generate(mvc, "{\"prompt\": \"" + prompt + "\"}", Duration.ofSeconds(30));
    }

    private static long pid(String projectId, String role) throws Exception {
        return Long.parseLong(Files.readString(ROOT.resolve(".previews").resolve(projectId).resolve(role + ".pid")).strip());
    }

    private static int http(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static List<String> lines(JsonNode status) {
        List<String> out = new ArrayList<>();
        status.get("logs").forEach(l -> out.add(l.asText()));
        return out;
    }

    private static String awaitBody(MvcResult r, String marker, boolean completes) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        while (!body.contains(marker) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        }
        assertThat(body).contains(marker);
        if (completes) {
            r.getAsyncResult(5000); // the stream was completed
        }
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** Each event as {name, data}. */
    private static List<String[]> parse(String body) {
        List<String[]> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) name = line.substring(6);
                else if (line.startsWith("data:")) data = line.substring(5);
            }
            if (name != null) out.add(new String[] {name, data});
        }
        return out;
    }

    private static List<String> logLines(List<String[]> events) throws Exception {
        List<String> out = new ArrayList<>();
        for (String[] e : events) {
            if (e[0].equals("log")) out.add(Json.MAPPER.readTree(e[1]).get("line").asText());
        }
        return out;
    }

    private static List<String> states(List<String[]> events) throws Exception {
        List<String> out = new ArrayList<>();
        for (String[] e : events) {
            if (e[0].equals("state")) out.add(Json.MAPPER.readTree(e[1]).get("state").asText());
        }
        return out;
    }

    private static Path tempRoot() {
        try {
            return Files.createTempDirectory("autonoma-preview-api-test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ the app: a fake generator, a test preparer

    /** A server on one port: the backend answers /health, the frontend / (after a second); each writes its pid next to it. */
    static final String SERVER = """
            import http.server, os, sys, time
            port, role = int(sys.argv[1]), sys.argv[2]
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    if role == "backend" and self.path != "/health":
                        self.send_response(404); self.end_headers(); return
                    body = b'{"status": "ok"}' if role == "backend" else b"<html>the preview</html>"
                    self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            if role == "frontend":
                time.sleep(1)  # a frontend takes a moment to answer: the preview is "starting" meanwhile
            server = http.server.HTTPServer(("127.0.0.1", port), Handler)
            open(role + ".pid", "w").write(str(os.getpid()))
            print("serving", role, "on", port, flush=True)
            server.serve_forever()
            """;

    static PreviewLauncher launcher(boolean dies) {
        return new PreviewLauncher() {
            @Override
            public List<String> ports() {
                return List.of("backend", "frontend");
            }

            @Override
            public List<Process> processes(Path directory, Map<String, Integer> ports) {
                List<String> backend = dies
                        ? List.of("python3", "-c", "import sys; print('backend boom: no database', flush=True); sys.exit(3)")
                        : List.of("python3", "serve.py", ports.get("backend").toString(), "backend");
                return List.of(new Process("backend", backend, directory, Map.of("PYTHONUNBUFFERED", "1")),
                        new Process("frontend", List.of("python3", "serve.py", ports.get("frontend").toString(), "frontend"), directory,
                                Map.of("PYTHONUNBUFFERED", "1")));
            }

            @Override
            public String url(Map<String, Integer> ports) {
                return "http://127.0.0.1:" + ports.get("frontend") + "/";
            }
        };
    }

    @UnsecuredApiApp
    static class TestApp {
        @Bean(destroyMethod = "close")
        DefaultPipeline pipeline(ArtifactStore store) {
            return DefaultPipeline.builder().store(store).maxAttempts(1).agentTimeout(Duration.ofSeconds(30))
                    .agent(new ModeAgent()).build();
        }

        /** Installs nothing (a moment's work, so "preparing" is seen); fails for an unpreparable project. */
        @Bean
        Preparer testPreparer() {
            return (app, log) -> {
                log.accept("[prepare] test: nothing to install");
                Thread.sleep(300);
                String mode = Files.readString(app.resolve("mode.txt")).strip();
                if (mode.equals("unpreparable")) {
                    throw new IllegalStateException("npm ci failed: 404 Not Found - left-pad@99");
                }
                Files.writeString(app.resolve("serve.py"), SERVER);
                return launcher(mode.equals("dies"));
            };
        }
    }

    /** The whole "generator": app-spec.json, and mode.txt saying how its preview behaves (from the prompt). */
    static final class ModeAgent implements Agent {
        @Override
        public String name() {
            return "analyst";
        }

        @Override
        public AgentResult run(AgentContext ctx) {
            String prompt = ctx.request().prompt();
            ctx.artifacts().write("app-spec.json", "{\"name\": \"Shop\"}\n");
            ctx.artifacts().write("mode.txt", prompt.contains("dies") ? "dies\n" : prompt.contains("unpreparable") ? "unpreparable\n" : "serves\n");
            return AgentResult.of("wrote mode.txt");
        }
    }
}
