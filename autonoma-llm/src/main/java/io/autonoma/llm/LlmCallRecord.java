package io.autonoma.llm;

/**
 * What {@link LlmClient} reports to its {@link LlmCallListener} after each request: the agent that
 * asked, the outcome and what it cost. {@code error} is empty when the request succeeded.
 */
public record LlmCallRecord(String agent, String model, String cacheKey, boolean cached, int attempts,
                            long inputTokens, long outputTokens, long costMicros, long millis, String error) {
    public boolean succeeded() {
        return error == null || error.isEmpty();
    }
}
