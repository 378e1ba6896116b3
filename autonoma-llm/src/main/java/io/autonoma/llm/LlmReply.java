package io.autonoma.llm;

/**
 * One model answer as {@link LlmClient} returns it. {@code cached} answers cost nothing and made no
 * call; {@code attempts} is 0 for them. Token counts are the provider's (0 when it reports none).
 */
public record LlmReply(String text, String model, long inputTokens, long outputTokens, long costMicros,
                       boolean cached, int attempts, long millis) {
    public LlmReply {
        text = text == null ? "" : text;
        model = model == null ? "" : model;
    }
}
