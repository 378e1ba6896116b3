package io.autonoma.llm;

/** Receives one {@link LlmCallRecord} per request (cache hits included). Must be thread-safe and fast. */
@FunctionalInterface
public interface LlmCallListener {
    void onCall(LlmCallRecord call);

    static LlmCallListener none() {
        return c -> {};
    }
}
