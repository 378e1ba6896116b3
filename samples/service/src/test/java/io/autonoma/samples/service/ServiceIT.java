package io.autonoma.samples.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.test.llm.OpenAiStubServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the service in one JVM on one PostgreSQL, the LLM engine on a slow stub: per-user quotas across
 * instances (429 + Retry-After), cancellation from the other instance, credentials and isolation, health and metrics.
 * The many-instance proof with real processes and kill -9 is ci/check-service.sh.
 */
class ServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> KEYS = Map.of("alice", "alice-key-" + UUID.randomUUID(), "bob", "bob-key-" + UUID.randomUUID());
    // owners are per test run: quotas and usage live in the (shared, lasting) database
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static OpenAiStubServer stub;
    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private static final List<String> urls = new ArrayList<>();

    private static String resource(String name) {
        try (InputStream in = ServiceIT.class.getResourceAsStream("/io/autonoma/test/llm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String respond(OpenAiStubServer.Request r) {
        if (r.first("system").contains("requirements analyst")) {
            return resource("library.app-spec.json");
        }
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("files", List.of(Map.of("path", "backend/app/rules.py", "content", resource("rules.py")),
                Map.of("path", "backend/tests/test_rules.py", "content", resource("test_rules.py"))));
        try {
            return JSON.writeValueAsString(files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        String db = System.getenv("AUTONOMA_PG_URL");
        if (db == null || db.isBlank()) {
            fail("ServiceIT needs PostgreSQL + pgvector: run `bash ci/pgvector.sh start` and export AUTONOMA_PG_URL");
        }
        stub = OpenAiStubServer.builder().responder(ServiceIT::respond).latency(Duration.ofMillis(1500)).apiKey("stub-key").start();
        for (String name : List.of("one", "two")) {
            List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + db,
                    "--autonoma.jobs.instance=it-" + name, "--autonoma.jobs.threads=2",
                    "--autonoma.quotas.max-concurrent-runs=1", "--autonoma.quotas.max-tokens-per-day=1",
                    "--autonoma.quotas.retry-after=3s", "--autonoma.engine=llm", "--autonoma.model.base-url=" + stub.baseUrl(),
                    "--autonoma.model.name=stub", "--autonoma.model.cache-enabled=false"));
            KEYS.forEach((user, key) -> args.add("--autonoma.security.api-keys." + user + "-" + RUN + "=" + key));
            ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ServiceApplication.class).run(args.toArray(String[]::new));
            instances.add(ctx);
            urls.add("http://127.0.0.1:" + ((WebServerApplicationContext) ctx).getWebServer().getPort());
        }
    }

    @AfterAll
    static void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        if (stub != null) stub.close();
    }

    private static HttpResponse<String> send(String method, String url, String user, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (user != null) b.header("X-API-Key", KEYS.get(user));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String submit(int instance, String user, String prompt) {
        HttpResponse<String> r = send("POST", urls.get(instance) + "/api/generations", user, "{\"prompt\": \"" + prompt + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return json(r).path("id").asText();
    }

    private static JsonNode await(int instance, String user, String id, Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = json(send("GET", urls.get(instance) + "/api/generations/" + id, user, null));
            if (until.test(last)) return last;
            Thread.sleep(100);
        }
        throw new AssertionError("generation " + id + " never reached the expected state; last: " + last);
    }

    private static void awaitJobClosed(String runId) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(System.getenv("AUTONOMA_PG_URL"));
             java.sql.PreparedStatement st = c.prepareStatement("SELECT finished_at IS NOT NULL FROM autonoma_jobs WHERE run_id = ?")) {
            st.setString(1, runId);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                try (java.sql.ResultSet rs = st.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("job " + runId + " was never closed");
    }

    @Test
    void quotas_cancellation_and_isolation_hold_across_instances() throws Exception {
        // alice's first generation on instance one is admitted; her second, on instance two, is over her limit of 1
        String a1 = submit(0, "alice", "a lending library");
        HttpResponse<String> over = send("POST", urls.get(1) + "/api/generations", "alice", "{\"prompt\": \"another library\"}");
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(json(over).path("detail").asText()).contains("1 generation(s) queued or running");

        // bob has his own quota; he cancels his run from the other instance while it runs
        String b1 = submit(1, "bob", "a lending library for bob");
        await(0, "bob", b1, s -> "running".equals(s.path("status").asText())
                && s.path("agents").toString().contains("\"running\""));
        HttpResponse<String> cancel = send("DELETE", urls.get(0) + "/api/generations/" + b1, "bob", null);
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
        assertThat(await(1, "bob", b1, s -> !"running".equals(s.path("status").asText())).path("status").asText()).isEqualTo("cancelled");
        assertThat(await(0, "bob", b1, s -> !"running".equals(s.path("status").asText())).path("status").asText()).isEqualTo("cancelled");

        // isolation: no credentials 401; the other user's run is 404 on both instances, as are its files and events
        assertThat(send("GET", urls.get(1) + "/api/generations/" + a1, null, null).statusCode()).isEqualTo(401);
        for (String url : urls) {
            assertThat(send("GET", url + "/api/generations/" + a1, "bob", null).statusCode()).isEqualTo(404);
            assertThat(send("GET", url + "/api/generations/" + a1 + "/files", "bob", null).statusCode()).isEqualTo(404);
            assertThat(send("GET", url + "/api/generations/" + a1 + "/events", "bob", null).statusCode()).isEqualTo(404);
            assertThat(json(send("GET", url + "/api/generations", "bob", null)).toString()).doesNotContain(a1);
        }

        // alice's run finishes (served by the instance that did not run it too); it spent tokens: her day is over
        JsonNode done = await(1, "alice", a1, s -> !"running".equals(s.path("status").asText()));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        awaitJobClosed(a1); // its spend is added to the day when the job row closes, just after the run's last event
        HttpResponse<String> tokens = send("POST", urls.get(0) + "/api/generations", "alice", "{\"prompt\": \"a third library\"}");
        assertThat(tokens.statusCode()).isEqualTo(429);
        assertThat(json(tokens).path("detail").asText()).contains("model tokens today");
        long retry = Long.parseLong(tokens.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retry).isBetween(1L, 86_400L);

        // the files are in the shared store: both instances serve them
        assertThat(json(send("GET", urls.get(0) + "/api/generations/" + a1 + "/files", "alice", null)).path("files").size())
                .isEqualTo(json(send("GET", urls.get(1) + "/api/generations/" + a1 + "/files", "alice", null)).path("files").size())
                .isGreaterThan(50);

        // health reports the job engine; the job meters exist
        JsonNode health = json(send("GET", urls.get(1) + "/actuator/health", null, null));
        assertThat(health.at("/components/autonoma/details/jobs/engine").asText()).isEqualTo("db-scheduler");
        assertThat(health.at("/components/autonoma/details/jobs/instance").asText()).isEqualTo("it-two");
        assertThat(health.at("/components/autonoma/status").asText()).isEqualTo("UP");
        for (String meter : List.of("autonoma.jobs.queued", "autonoma.jobs.running", "autonoma.jobs.wait", "autonoma.jobs.duration")) {
            boolean found = false;
            for (String url : urls) {
                found |= send("GET", url + "/actuator/metrics/" + meter, null, null).statusCode() == 200;
            }
            assertThat(found).as(meter).isTrue();
        }
    }
}
