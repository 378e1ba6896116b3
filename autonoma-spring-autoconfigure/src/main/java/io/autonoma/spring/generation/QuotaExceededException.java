package io.autonoma.spring.generation;

import java.time.Duration;
import java.util.Objects;

/** A user is at one of its limits (runs at once, tokens or cost per day); nothing was started. The API answers 429. */
public final class QuotaExceededException extends RuntimeException {
    private final Duration retryAfter;

    public QuotaExceededException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** When asking again can succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
