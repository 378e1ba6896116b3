package io.autonoma.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CancelledException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmClientTest {
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final List<LlmCallRecord> records = new CopyOnWriteArrayList<>();

    private LlmClient.Builder client(ScriptedChatModel model) {
        return LlmClient.builder().model(model).modelName("test-model").timeout(Duration.ofSeconds(5))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(20)).seed(42).listener(records::add);
    }

    private static ChatRequest request(String text) {
        return ChatRequest.builder().messages(UserMessage.from(text)).build();
    }

    private LlmReply chat(LlmClient c, ChatRequest r, Budget b) {
        return c.chat("agent", r, b, () -> false, logs::add);
    }

    @Test
    void good_call_returns_text_charges_tokens_and_cost_and_logs_them() {
        ScriptedChatModel model = new ScriptedChatModel().answer("hello", 1000, 500);
        Budget budget = Budget.unlimited();
        try (LlmClient c = client(model).pricing(LlmPricing.perThousand(0.001, 0.002)).build()) {
            LlmReply reply = chat(c, request("hi"), budget);
            assertThat(reply.text()).isEqualTo("hello");
            assertThat(reply.inputTokens()).isEqualTo(1000);
            assertThat(reply.outputTokens()).isEqualTo(500);
            assertThat(reply.costMicros()).isEqualTo(1000 + 1000);
            assertThat(reply.cached()).isFalse();
        }
        assertThat(budget.tokensSpent()).isEqualTo(1500);
        assertThat(budget.costMicrosSpent()).isEqualTo(2000);
        assertThat(logs).singleElement().asString().contains("1000 tokens in, 500 out", "$0.002000");
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.agent()).isEqualTo("agent");
            assertThat(r.succeeded()).isTrue();
            assertThat(r.costMicros()).isEqualTo(2000);
        });
    }

    @Test
    void retries_on_429_then_succeeds() {
        ScriptedChatModel model = new ScriptedChatModel()
                .fail(new RateLimitException("slow down"))
                .fail(new HttpException(429, "{\"error\": \"rate limited\"}"))
                .answer("ok");
        try (LlmClient c = client(model).build()) {
            assertThat(chat(c, request("hi"), Budget.unlimited()).attempts()).isEqualTo(3);
        }
        assertThat(model.calls()).isEqualTo(3);
        assertThat(logs).filteredOn(l -> l.contains("rate limited") && l.contains("retrying")).hasSize(2);
    }

    @Test
    void retries_on_server_errors() {
        ScriptedChatModel model = new ScriptedChatModel().fail(new InternalServerException("boom"))
                .fail(new HttpException(503, "unavailable")).answer("ok");
        try (LlmClient c = client(model).build()) {
            assertThat(chat(c, request("hi"), Budget.unlimited()).text()).isEqualTo("ok");
        }
    }

    @Test
    void retries_are_bounded_and_the_error_says_what_kept_failing() {
        ScriptedChatModel model = new ScriptedChatModel();
        for (int i = 0; i < 10; i++) model.fail(new RateLimitException("slow down"));
        try (LlmClient c = client(model).maxAttempts(3).build()) {
            assertThatThrownBy(() -> chat(c, request("hi"), Budget.unlimited()))
                    .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.RATE_LIMITED))
                    .hasMessageContaining("kept failing (rate limited) after 3 attempts");
        }
        assertThat(model.calls()).isEqualTo(3);
        assertThat(records).singleElement().satisfies(r -> assertThat(r.succeeded()).isFalse());
    }

    @Test
    void a_call_slower_than_the_timeout_is_abandoned_and_retried() {
        ScriptedChatModel model = new ScriptedChatModel().slow(2_000, "late").answer("on time");
        long start = System.nanoTime();
        try (LlmClient c = client(model).timeout(Duration.ofMillis(200)).build()) {
            LlmReply reply = chat(c, request("hi"), Budget.unlimited());
            assertThat(reply.text()).isEqualTo("on time");
            assertThat(reply.attempts()).isEqualTo(2);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(logs).anyMatch(l -> l.contains("timeout"));
    }

    @Test
    void timeouts_on_every_attempt_fail_with_a_timeout_error() {
        ScriptedChatModel model = new ScriptedChatModel().slow(1000, "a").slow(1000, "b");
        try (LlmClient c = client(model).timeout(Duration.ofMillis(100)).maxAttempts(2).build()) {
            assertThatThrownBy(() -> chat(c, request("hi"), Budget.unlimited()))
                    .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.TIMEOUT));
        }
    }

    @Test
    void an_unreachable_endpoint_fails_at_once_without_retries() {
        ScriptedChatModel model = new ScriptedChatModel()
                .fail(new RuntimeException("request failed", new ConnectException("Connection refused")));
        try (LlmClient c = client(model).build()) {
            assertThatThrownBy(() -> chat(c, request("hi"), Budget.unlimited()))
                    .isInstanceOfSatisfying(LlmException.class, e -> assertThat(e.kind()).isEqualTo(LlmException.Kind.UNREACHABLE))
                    .hasMessageContaining("cannot reach the model endpoint").hasMessageContaining("Connection refused")
                    .hasMessageContaining("base URL");
        }
        assertThat(model.calls()).isEqualTo(1);
    }

    @Test
    void a_rejected_key_is_not_retried_and_points_at_the_environment_variable() {
        ScriptedChatModel model = new ScriptedChatModel().fail(new AuthenticationException("invalid api key"));
        try (LlmClient c = client(model).build()) {
            assertThatThrownBy(() -> chat(c, request("hi"), Budget.unlimited()))
                    .isInstanceOf(LlmException.class).hasMessageContaining("AUTONOMA_API_KEY");
        }
        assertThat(model.calls()).isEqualTo(1);
    }

    @Test
    void the_api_key_never_appears_in_errors_or_logs() {
        String key = "sk-live-0123456789abcdef";
        ScriptedChatModel model = new ScriptedChatModel().fail(new HttpException(500, "upstream echoed " + key))
                .fail(new HttpException(401, "Incorrect API key provided: " + key));
        try (LlmClient c = client(model).redact(key).build()) {
            assertThatThrownBy(() -> chat(c, request("hi"), Budget.unlimited()))
                    .hasMessageContaining("Incorrect API key provided: ***").hasMessageNotContaining(key).hasNoCause();
        }
        assertThat(logs).isNotEmpty().noneMatch(l -> l.contains(key));
    }

    @Test
    void cache_hit_makes_zero_calls_and_costs_nothing() {
        ScriptedChatModel model = new ScriptedChatModel().answer("first", 10, 10);
        LlmResponseCache cache = LlmResponseCache.inMemory();
        Budget budget = Budget.unlimited();
        try (LlmClient c = client(model).cache(cache).pricing(LlmPricing.perThousand(1, 1)).build()) {
            chat(c, request("same"), budget);
            LlmReply again = chat(c, request("same"), budget);
            assertThat(again.cached()).isTrue();
            assertThat(again.text()).isEqualTo("first");
            assertThat(again.costMicros()).isZero();
            assertThat(c.modelCalls()).isEqualTo(1);
        }
        assertThat(model.calls()).isEqualTo(1);
        assertThat(budget.tokensSpent()).isEqualTo(20);
    }

    @Test
    void the_cache_key_covers_model_name_messages_and_parameters() {
        ScriptedChatModel model = new ScriptedChatModel().otherwise(r -> "x");
        LlmResponseCache cache = LlmResponseCache.inMemory();
        try (LlmClient a = client(model).cache(cache).build(); LlmClient b = client(model).modelName("other").cache(cache).build()) {
            chat(a, request("q"), Budget.unlimited());
            chat(a, request("q2"), Budget.unlimited());
            chat(a, ChatRequest.builder().messages(UserMessage.from("q")).temperature(0.5).build(), Budget.unlimited());
            chat(b, request("q"), Budget.unlimited());
            chat(a, request("q"), Budget.unlimited());
        }
        assertThat(model.calls()).isEqualTo(4);
    }

    @Test
    void disk_cache_survives_a_new_client_so_a_rerun_makes_zero_calls(@TempDir Path dir) throws Exception {
        ScriptedChatModel first = new ScriptedChatModel().answer("stored");
        try (LlmClient c = client(first).cache(LlmResponseCache.onDisk(dir)).build()) {
            chat(c, request("q"), Budget.unlimited());
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement().asString().endsWith(".json");
        }
        ScriptedChatModel second = new ScriptedChatModel();
        try (LlmClient c = client(second).cache(LlmResponseCache.onDisk(dir)).build()) {
            assertThat(chat(c, request("q"), Budget.unlimited()).text()).isEqualTo("stored");
        }
        assertThat(second.calls()).isZero();
    }

    @Test
    void a_corrupt_disk_cache_entry_reads_as_a_miss(@TempDir Path dir) throws Exception {
        LlmResponseCache cache = LlmResponseCache.onDisk(dir);
        cache.put("abcdef0123456789", new LlmResponseCache.Entry("m", "t", 1, 1));
        Files.writeString(dir.resolve("abcdef0123456789.json"), "{not json");
        assertThat(cache.get("abcdef0123456789")).isEmpty();
        assertThatThrownBy(() -> cache.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exceeding_the_budget_stops_with_budget_exceeded_and_no_further_call_is_made() {
        ScriptedChatModel model = new ScriptedChatModel().answer("one", 600, 600).answer("two");
        Budget budget = Budget.of(1000, Long.MAX_VALUE);
        LlmResponseCache cache = LlmResponseCache.inMemory();
        try (LlmClient c = client(model).cache(cache).build()) {
            assertThatThrownBy(() -> chat(c, request("q"), budget))
                    .isInstanceOf(Budget.BudgetExceededException.class).hasMessageContaining("1200/1000 tokens");
            assertThatThrownBy(() -> chat(c, request("q2"), budget))
                    .isInstanceOf(Budget.BudgetExceededException.class).hasMessageContaining("before a model call");
            // the paid-for answer was kept: a re-run with a larger budget reuses it
            assertThat(chat(c, request("q"), Budget.unlimited()).cached()).isTrue();
        }
        assertThat(model.calls()).isEqualTo(1);
    }

    @Test
    void the_cost_cap_counts_as_well() {
        ScriptedChatModel model = new ScriptedChatModel().answer("one", 1000, 1000);
        Budget budget = Budget.of(Long.MAX_VALUE, 500);
        try (LlmClient c = client(model).pricing(LlmPricing.perThousand(0.001, 0.001)).build()) {
            assertThatThrownBy(() -> chat(c, request("q"), budget)).isInstanceOf(Budget.BudgetExceededException.class)
                    .hasMessageContaining("2000/500 micro-dollars");
        }
    }

    @Test
    void cancellation_stops_a_waiting_call_promptly() {
        ScriptedChatModel model = new ScriptedChatModel().slow(5_000, "late");
        AtomicBoolean cancelled = new AtomicBoolean();
        long start = System.nanoTime();
        try (LlmClient c = client(model).timeout(Duration.ofSeconds(30)).build()) {
            new Thread(() -> {
                sleep(150);
                cancelled.set(true);
            }).start();
            assertThatThrownBy(() -> c.chat("agent", request("q"), Budget.unlimited(), cancelled::get, logs::add))
                    .isInstanceOf(CancelledException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void cancellation_during_back_off_stops_retrying() {
        ScriptedChatModel model = new ScriptedChatModel().fail(new RateLimitException("slow")).answer("never");
        AtomicBoolean cancelled = new AtomicBoolean();
        try (LlmClient c = client(model).backoff(Duration.ofSeconds(5), Duration.ofSeconds(5)).build()) {
            new Thread(() -> {
                sleep(150);
                cancelled.set(true);
            }).start();
            assertThatThrownBy(() -> c.chat("agent", request("q"), Budget.unlimited(), cancelled::get, logs::add))
                    .isInstanceOf(CancelledException.class);
        }
        assertThat(model.calls()).isEqualTo(1);
    }

    @Test
    void back_off_doubles_up_to_the_cap_with_jitter() {
        try (LlmClient c = LlmClient.builder().model(new ScriptedChatModel()).backoff(Duration.ofMillis(100), Duration.ofMillis(800))
                .seed(7).build()) {
            List<Long> delays = new ArrayList<>();
            for (int attempt = 1; attempt <= 6; attempt++) delays.add(c.backoffMillis(attempt));
            assertThat(delays.get(0)).isBetween(50L, 100L);
            assertThat(delays.get(1)).isBetween(100L, 200L);
            assertThat(delays.get(2)).isBetween(200L, 400L);
            assertThat(delays.subList(3, 6)).allSatisfy(d -> assertThat(d).isBetween(400L, 800L));
        }
    }

    @Test
    void json_format_uses_the_schema_when_the_model_supports_it() {
        try (LlmClient plain = LlmClient.builder().model(new ScriptedChatModel()).build();
             LlmClient schema = LlmClient.builder().model(new ScriptedChatModel(Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA))).build()) {
            assertThat(plain.jsonFormat("x", "{}")).isEqualTo(ResponseFormat.JSON);
            ResponseFormat f = schema.jsonFormat("x", "{\"type\":\"object\"}");
            assertThat(f.jsonSchema().rootElement()).isInstanceOf(JsonRawSchema.class);
        }
    }

    @Test
    void a_model_that_rejects_the_response_format_is_asked_again_without_it() {
        ScriptedChatModel model = new ScriptedChatModel().fail(new UnsupportedFeatureException("JSON response format is not supported"))
                .answer("{}");
        try (LlmClient c = client(model).build()) {
            ChatRequest r = ChatRequest.builder().messages(UserMessage.from("q")).responseFormat(ResponseFormat.JSON).build();
            assertThat(chat(c, r, Budget.unlimited()).text()).isEqualTo("{}");
        }
        assertThat(model.requests.get(1).responseFormat()).isNull();
    }

    @Test
    void missing_usage_is_estimated_so_the_budget_still_counts() {
        dev.langchain4j.model.chat.ChatModel model = new dev.langchain4j.model.chat.ChatModel() {
            @Override
            public dev.langchain4j.model.chat.response.ChatResponse doChat(ChatRequest request) {
                return dev.langchain4j.model.chat.response.ChatResponse.builder()
                        .aiMessage(dev.langchain4j.data.message.AiMessage.from("x".repeat(400))).build();
            }
        };
        Budget budget = Budget.unlimited();
        try (LlmClient c = LlmClient.builder().model(model).modelName("m").build()) {
            c.chat("agent", request("y".repeat(400)), budget, () -> false, logs::add);
        }
        assertThat(budget.tokensSpent()).isEqualTo(200);
        assertThat(logs).anyMatch(l -> l.contains("estimated"));
    }

    @Test
    void builder_rejects_bad_settings() {
        assertThatThrownBy(() -> LlmClient.builder().build()).hasMessageContaining("ChatModel");
        assertThatThrownBy(() -> LlmClient.builder().model(new ScriptedChatModel()).maxAttempts(0).build()).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> LlmClient.builder().model(new ScriptedChatModel()).timeout(Duration.ZERO).build()).hasMessageContaining("timeout");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
