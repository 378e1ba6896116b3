package io.autonoma.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.autonoma.llm.internal.RetryAfterHttpException;
import io.autonoma.core.pipeline.Budget;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The model endpoint's Retry-After survives langchain4j and sets how long the retry waits. */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void parses_delay_seconds_and_http_dates_and_ignores_garbage() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(120).atOffset(ZoneOffset.UTC));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(5).atOffset(ZoneOffset.UTC));
        assertThat(RetryAfterHttpException.parse("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfterHttpException.parse(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryAfterHttpException.parse(inTwoMinutes, NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfterHttpException.parse(past, NOW)).contains(Duration.ZERO);
        assertThat(RetryAfterHttpException.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfterHttpException.parse("-3", NOW)).isEmpty();
        assertThat(RetryAfterHttpException.parse("", NOW)).isEmpty();
        assertThat(RetryAfterHttpException.parse(null, NOW)).isEmpty();
        assertThat(RetryAfterHttpException.parse("99999999999999999999999", NOW)).isEmpty();
    }

    @Test
    void a_429_from_a_real_endpoint_keeps_its_retry_after_through_the_openai_client() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = "{\"error\": {\"message\": \"rate limit reached\", \"type\": \"rate_limit_error\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Retry-After", "7");
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(429, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            ChatModel model = LlmEngine.openAiCompatible("http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                    "key", "m", Duration.ofSeconds(5));
            Throwable e = catchThrowable(() -> model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build()));
            assertThat(e).isInstanceOf(RateLimitException.class);
            assertThat(RetryAfterHttpException.in(e)).contains(Duration.ofSeconds(7));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void the_retry_waits_as_long_as_retry_after_asks_not_the_shorter_backoff() {
        List<String> logs = new CopyOnWriteArrayList<>();
        ScriptedChatModel model = new ScriptedChatModel()
                .fail(new RateLimitException("slow down", new RetryAfterHttpException(429, "{}", Duration.ofMillis(300))))
                .fail(new RateLimitException("slow down, no header"))
                .answer("ok");
        try (LlmClient c = LlmClient.builder().model(model).modelName("m").timeout(Duration.ofSeconds(5))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).seed(1).build()) {
            LlmReply reply = c.chat("agent", ChatRequest.builder().messages(UserMessage.from("hi")).build(),
                    Budget.unlimited(), () -> false, logs::add);
            assertThat(reply.attempts()).isEqualTo(3);
        }
        assertThat(logs.get(0)).contains("retrying in 300 ms, as the server's Retry-After asked");
        assertThat(logs.get(1)).contains("retrying in").doesNotContain("Retry-After");
    }
}
