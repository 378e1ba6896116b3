package io.autonoma.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.test.ArtifactStoreContract;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/*
 * Why this test lives in autonoma-test and not in autonoma-core: the contract base class is in
 * autonoma-test's main code, and autonoma-test depends on autonoma-core. Giving core a test-scoped
 * dependency on autonoma-test would be a module cycle (Maven rejects it). So the concrete tests of
 * core's implementations sit in autonoma-test's own src/test/java, in core's package so they can
 * reach package-private test seams. Tests that need no contract (ArtifactPathsTest) stay in core.
 */
class InMemoryArtifactStoreTest extends ArtifactStoreContract {

    @Override
    protected ArtifactStore newStore() {
        return InMemoryArtifactStore.builder().build();
    }

    @Test
    void created_at_comes_from_the_injected_clock() {
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        ArtifactStore s = InMemoryArtifactStore.builder().clock(Clock.fixed(t, ZoneOffset.UTC)).build();

        assertThat(s.put("p", "a", "x", "t").createdAt()).isEqualTo(t);
        assertThat(s.get("p", "a").orElseThrow().createdAt()).isEqualTo(t);
    }

    @Test
    void no_arg_constructor_gives_a_working_store() {
        ArtifactStore s = new InMemoryArtifactStore();

        assertThat(s.put("p", "a", "x", "t").version()).isEqualTo(1);
    }

    @Test
    void build_rejects_a_null_clock() {
        assertThatThrownBy(() -> InMemoryArtifactStore.builder().clock(null).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("clock");
    }

    @Test
    void a_failing_clock_stores_nothing() {
        Clock broken = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { throw new IllegalStateException("clock broke"); }
        };
        ArtifactStore s = InMemoryArtifactStore.builder().clock(broken).build();

        assertThatThrownBy(() -> s.put("p", "a", "x", "t")).hasMessage("clock broke");

        assertThat(s.projects()).isEmpty();
        assertThat(s.get("p", "a")).isEmpty();
    }
}
