package io.autonoma.samples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web sample has no Spring Security: its API may serve loopback only. Bound to every interface it refuses to
 * start, unless told explicitly that this is wanted.
 */
class UnsecuredBindTest {
    private static final String[] COMMON = {"--server.port=0", "--autonoma.store.type=memory", "--autonoma.templates.semantic=false",
            "--management.endpoints.web.exposure.include=health"};

    private static String[] args(String... extra) {
        String[] out = new String[COMMON.length + extra.length];
        System.arraycopy(COMMON, 0, out, 0, COMMON.length);
        System.arraycopy(extra, 0, out, COMMON.length, extra.length);
        return out;
    }

    @Test
    void an_unsecured_api_on_every_interface_does_not_start() {
        assertThatThrownBy(() -> SpringApplication.run(WebApplication.class, args("--server.address=0.0.0.0")).close())
                .hasStackTraceContaining("is not secured and would serve 0.0.0.0")
                .hasStackTraceContaining("autonoma.security.allow-unsecured=true");
    }

    @Test
    void it_starts_on_loopback_and_when_unsecured_is_allowed_explicitly() {
        try (ConfigurableApplicationContext loopback = SpringApplication.run(WebApplication.class, args("--server.address=127.0.0.1"))) {
            assertThat(loopback.isRunning()).isTrue();
        }
        try (ConfigurableApplicationContext allowed = SpringApplication.run(WebApplication.class,
                args("--server.address=0.0.0.0", "--autonoma.security.allow-unsecured=true"))) {
            assertThat(allowed.isRunning()).isTrue();
        }
    }
}
