package io.autonoma.core.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    private static RunSettings backoff(Duration base) {
        return new RunSettings(null, Runnable::run, Duration.ofMinutes(1), 3, base, List.of());
    }

    @Test
    void doubles_the_backoff_per_failed_attempt() {
        RunSettings s = backoff(Duration.ofMillis(100));

        assertThat(s.backoffNanos(1)).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(s.backoffNanos(2)).isEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(s.backoffNanos(3)).isEqualTo(Duration.ofMillis(400).toNanos());
    }

    @Test
    void caps_the_backoff_at_one_minute_without_overflow() {
        assertThat(backoff(Duration.ofMillis(100)).backoffNanos(40)).isEqualTo(Duration.ofMinutes(1).toNanos());
        assertThat(backoff(Duration.ofDays(365 * 1000L)).backoffNanos(2)).isEqualTo(Duration.ofMinutes(1).toNanos());
        assertThat(backoff(Duration.ofSeconds(Long.MAX_VALUE)).backoffNanos(1)).isEqualTo(Duration.ofMinutes(1).toNanos());
    }

    @Test
    void zero_backoff_retries_at_once() {
        assertThat(backoff(Duration.ZERO).backoffNanos(5)).isZero();
    }
}
