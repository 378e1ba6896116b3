package io.autonoma.llm.internal;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An HTTP error from the model endpoint that keeps what langchain4j's own clients drop: the
 * {@code Retry-After} header of a 429 or 503, so the retry waits as long as the server asked.
 */
public final class RetryAfterHttpException extends HttpException {
    private final Duration retryAfter; // null: the server gave none (or nothing parseable)

    public RetryAfterHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The first {@code Retry-After} found in {@code e}'s cause chain. */
    public static Optional<Duration> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetryAfterHttpException r) {
                return r.retryAfter();
            }
        }
        return Optional.empty();
    }

    /**
     * A {@code Retry-After} value: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), relative to
     * {@code now}; empty for a missing or malformed value. A date in the past means "now" (zero).
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
