package io.autonoma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.test.llm.OpenAiStubServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --engine llm} against an OpenAI-compatible stub on 127.0.0.1; the key only from AUTONOMA_API_KEY. */
class GenerateLlmCommandTest {
    private static final String PROMPT = "A todo app where users keep tasks with a title, a due date and a priority (low, medium, high).";

    @TempDir
    Path tmp;

    private static Cli.Run run(Map<String, String> env, String... args) {
        return Cli.run(env, args);
    }

    /** The stub answers the analyst with what the offline analyst reads from the quoted description. */
    static String respond(OpenAiStubServer.Request r) {
        if (r.first("system").contains("requirements analyst")) {
            String user = r.first("user");
            String description = user.substring(user.indexOf("<app_description>") + 17, user.indexOf("</app_description>")).strip();
            return AppSpecJson.write(OfflineRequirementsAnalyst.create().analyze(description));
        }
        return "{\"files\": []}";
    }

    @Test
    void generates_with_the_llm_engine_and_reruns_from_the_cache_without_calls() throws Exception {
        try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(GenerateLlmCommandTest::respond).apiKey("secret-key").start()) {
            Path cache = tmp.resolve("cache");
            Cli.Run first = run(Map.of("AUTONOMA_API_KEY", "secret-key"), "generate", PROMPT, "--engine", "llm",
                    "--base-url", stub.baseUrl(), "--model", "stub-model", "--llm-cache", cache.toString(),
                    "-o", tmp.resolve("a").toString());
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).contains("model call:", "Model usage:", "2 model request(s), 0 answered from the cache");
            assertThat(tmp.resolve("a/app-spec.json")).content().contains("\"Task\"");
            assertThat(tmp.resolve("a/backend/app/rules.py")).exists();
            assertThat(tmp.resolve("a/frontend/package.json")).exists();
            int calls = stub.requests().size();

            Cli.Run again = run(Map.of("AUTONOMA_API_KEY", "secret-key"), "generate", PROMPT, "--engine", "llm",
                    "--base-url", stub.baseUrl(), "--model", "stub-model", "--llm-cache", cache.toString(),
                    "-o", tmp.resolve("b").toString());
            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(again.out()).contains("0 model request(s), 2 answered from the cache");
            assertThat(stub.requests()).hasSize(calls);
            assertThat(Files.readString(tmp.resolve("b/app-spec.json"))).isEqualTo(Files.readString(tmp.resolve("a/app-spec.json")));
            assertThat(first.out() + first.err()).doesNotContain("secret-key");
        }
    }

    @Test
    void an_unreachable_endpoint_fails_quickly_with_a_clear_error() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        Cli.Run r = run(Map.of("AUTONOMA_API_KEY", "k"), "generate", PROMPT, "--engine", "llm",
                "--base-url", "http://127.0.0.1:" + port + "/v1", "--model", "m", "--llm-cache", tmp.resolve("c").toString(),
                "-o", tmp.resolve("out").toString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(r.exit()).isEqualTo(GenerateCommand.GENERATION_FAILED);
        assertThat(r.err()).contains("cannot reach the model endpoint", "check the base URL");
    }

    @Test
    void the_key_comes_only_from_the_environment() {
        Cli.Run noKey = run(Map.of(), "generate", PROMPT, "--engine", "llm", "--base-url", "http://127.0.0.1:9/v1", "--model", "m",
                "-o", tmp.resolve("out").toString());
        assertThat(noKey.exit()).isEqualTo(GenerateCommand.BAD_INPUT);
        assertThat(noKey.err()).contains("AUTONOMA_API_KEY", "never from a flag");

        Cli.Run flag = run(Map.of(), "generate", PROMPT, "--engine", "llm", "--api-key", "k", "-o", tmp.resolve("out").toString());
        assertThat(flag.exit()).isEqualTo(GenerateCommand.BAD_INPUT);
        assertThat(flag.err()).contains("--api-key");
    }

    @Test
    void llm_engine_needs_base_url_and_model() {
        Cli.Run r = run(Map.of("AUTONOMA_API_KEY", "k"), "generate", PROMPT, "--engine", "llm", "-o", tmp.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(GenerateCommand.BAD_INPUT);
        assertThat(r.err()).contains("--base-url");
        r = run(Map.of("AUTONOMA_API_KEY", "k"), "generate", PROMPT, "--engine", "llm", "--base-url", "http://127.0.0.1:9/v1",
                "-o", tmp.resolve("o").toString());
        assertThat(r.err()).contains("--model");
        r = run(Map.of(), "generate", PROMPT, "--base-url", "http://127.0.0.1:9/v1", "-o", tmp.resolve("o").toString());
        assertThat(r.err()).contains("are for --engine llm");
    }
}
