package io.autonoma.llm;

import io.autonoma.core.AutonomaException;

/**
 * A model request failed for good: retries are used up, or the failure cannot be fixed by
 * retrying (unreachable endpoint, rejected key, unknown model, bad request). {@link #kind()} says which.
 */
public class LlmException extends AutonomaException {
    /** Why a request failed. The first four are retried with back-off before they surface. */
    public enum Kind { RATE_LIMITED, SERVER_ERROR, TIMEOUT, MALFORMED_RESPONSE, UNREACHABLE, AUTHENTICATION, MODEL_NOT_FOUND, BAD_REQUEST, OTHER;

        public boolean transientFailure() {
            return this == RATE_LIMITED || this == SERVER_ERROR || this == TIMEOUT || this == MALFORMED_RESPONSE;
        }
    }

    private final Kind kind;

    public LlmException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
