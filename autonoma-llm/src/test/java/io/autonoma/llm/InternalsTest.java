package io.autonoma.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import io.autonoma.llm.LlmException.Kind;
import io.autonoma.llm.internal.ErrorClassifier;
import io.autonoma.llm.internal.JsonText;
import io.autonoma.llm.internal.RequestKey;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class InternalsTest {
    private static ChatRequest sample() {
        return ChatRequest.builder().messages(SystemMessage.from("sys"), UserMessage.from("user"), AiMessage.from("ai"))
                .temperature(0.0).responseFormat(ResponseFormat.JSON).build();
    }

    @Test
    void request_key_is_stable_across_runs_and_versions() {
        // pinned: a changed key would silently invalidate every on-disk cache
        assertThat(RequestKey.of("m", sample())).isEqualTo(RequestKey.of("m", sample())).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(RequestKey.of("m", sample())).isEqualTo(PINNED);
    }

    @Test
    void request_key_changes_with_any_message_or_parameter() {
        String base = RequestKey.of("m", sample());
        assertThat(RequestKey.of("m2", sample())).isNotEqualTo(base);
        assertThat(RequestKey.of("m", sample().toBuilder().temperature(0.1).build())).isNotEqualTo(base);
        assertThat(RequestKey.of("m", sample().toBuilder().responseFormat(ResponseFormat.TEXT).build())).isNotEqualTo(base);
        assertThat(RequestKey.of("m", sample().toBuilder().maxOutputTokens(10).build())).isNotEqualTo(base);
        assertThat(RequestKey.of("m", ChatRequest.builder().messages(SystemMessage.from("sys"), UserMessage.from("user"),
                AiMessage.from("ai "))
                .temperature(0.0).responseFormat(ResponseFormat.JSON).build())).isNotEqualTo(base);
    }

    @Test
    void json_text_finds_the_document_inside_prose_and_fences() {
        assertThat(JsonText.extract("  {\"a\": 1}  ")).isEqualTo("{\"a\": 1}");
        assertThat(JsonText.extract("Sure!\n```json\n{\"a\": [1]}\n```\nbye")).isEqualTo("{\"a\": [1]}");
        assertThat(JsonText.extract("Here: [1, 2] done")).isEqualTo("[1, 2]");
        assertThat(JsonText.extract("no json")).isEqualTo("no json");
        assertThat(JsonText.extract(null)).isEmpty();
    }

    @Test
    void errors_are_classified_from_exceptions_status_codes_and_causes() {
        assertThat(ErrorClassifier.classify(new HttpException(429, "x"))).isEqualTo(Kind.RATE_LIMITED);
        assertThat(ErrorClassifier.classify(new HttpException(502, "x"))).isEqualTo(Kind.SERVER_ERROR);
        assertThat(ErrorClassifier.classify(new HttpException(408, "x"))).isEqualTo(Kind.TIMEOUT);
        assertThat(ErrorClassifier.classify(new HttpException(401, "x"))).isEqualTo(Kind.AUTHENTICATION);
        assertThat(ErrorClassifier.classify(new HttpException(404, "x"))).isEqualTo(Kind.MODEL_NOT_FOUND);
        assertThat(ErrorClassifier.classify(new HttpException(400, "x"))).isEqualTo(Kind.BAD_REQUEST);
        assertThat(ErrorClassifier.classify(new RuntimeException(new HttpTimeoutException("read")))).isEqualTo(Kind.TIMEOUT);
        assertThat(ErrorClassifier.classify(new RuntimeException(new SocketTimeoutException("read")))).isEqualTo(Kind.TIMEOUT);
        assertThat(ErrorClassifier.classify(new RuntimeException(new java.net.http.HttpConnectTimeoutException("connect"))))
                .isEqualTo(Kind.UNREACHABLE);
        assertThat(ErrorClassifier.classify(new RuntimeException(new java.net.UnknownHostException("nope")))).isEqualTo(Kind.UNREACHABLE);
        assertThat(ErrorClassifier.classify(new RuntimeException(
                new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected end-of-input")))).isEqualTo(Kind.MALFORMED_RESPONSE);
        assertThat(ErrorClassifier.classify(new UncheckedIOException(new java.io.IOException("connection reset")))).isEqualTo(Kind.SERVER_ERROR);
        assertThat(ErrorClassifier.classify(new IllegalStateException("bug"))).isEqualTo(Kind.OTHER);
    }

    @Test
    void pricing_rounds_up_and_free_is_free() {
        assertThat(LlmPricing.perThousand(0.00015, 0.0006).costMicros(1, 1)).isEqualTo(1 + 1);
        assertThat(LlmPricing.perThousand(0.00015, 0.0006).costMicros(10_000, 1_000)).isEqualTo(1_500 + 600);
        assertThat(LlmPricing.free().costMicros(1_000_000, 1_000_000)).isZero();
    }

    static final String PINNED = "cc73a8bff95d32066eb5bd273fbdc441a08bc8b457fcb71bdd3079f75057d6cd";
}
