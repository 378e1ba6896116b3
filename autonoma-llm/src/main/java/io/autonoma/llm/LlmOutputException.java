package io.autonoma.llm;

import io.autonoma.core.AutonomaException;

/**
 * The model answered, but its output could not be used even after the repair loop (tries, token or
 * cost caps used up, or the same problems came back). The message lists the last problems.
 */
public class LlmOutputException extends AutonomaException {
    public LlmOutputException(String message) {
        super(message);
    }
}
