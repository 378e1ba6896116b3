package io.autonoma.agents.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundedCaptureTest {

    private static BoundedCapture capture(String text, int head, int tail) throws InterruptedException {
        BoundedCapture c = BoundedCapture.start(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test", head, tail);
        assertThat(c.awaitEnd(Duration.ofSeconds(10))).isTrue();
        return c;
    }

    @Test
    void keeps_everything_that_fits_in_order() throws Exception {
        assertThat(capture("", 4, 4).excerpt()).isEmpty();
        assertThat(capture("abc", 4, 4).excerpt()).isEqualTo("abc");
        assertThat(capture("abcdefg", 4, 4).excerpt()).isEqualTo("abcdefg");
        assertThat(capture("abcdefgh", 4, 4).excerpt()).isEqualTo("abcdefgh");
        assertThat(capture("abcdefgh", 4, 4).total()).isEqualTo(8);
    }

    @Test
    void keeps_the_start_and_the_end_of_what_does_not_fit_and_says_how_much_was_left_out() throws Exception {
        BoundedCapture c = capture("0123456789abcdefghij", 4, 5);

        assertThat(c.excerpt()).isEqualTo("0123\n[... 11 bytes left out ...]\nfghij");
        assertThat(c.total()).isEqualTo(20);
    }

    @Test
    void an_empty_tail_keeps_only_the_start() throws Exception {
        assertThat(capture("0123456789", 3, 0).excerpt()).isEqualTo("012\n[... 7 bytes left out ...]\n");
    }
}
