package io.autonoma.core.pipeline;

import io.autonoma.core.AutonomaException;

/** Thrown by an agent for a transient failure (rate limit, timeout): the pipeline may try it again. */
public class RetryableException extends AutonomaException {
    public RetryableException(String message) {
        super(message);
    }

    public RetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
