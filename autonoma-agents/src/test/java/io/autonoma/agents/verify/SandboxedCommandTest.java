package io.autonoma.agents.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxedCommandTest {
    private static final Path DIR = Path.of("/tmp");

    @Test
    void builds_with_defaults_and_copies_what_it_is_given() {
        SandboxedCommand c = SandboxedCommand.builder(DIR, "pytest", "-q").env("CI", "1").cpuSeconds(60).memoryBytes(1L << 30).build();

        assertThat(c.argv()).containsExactly("pytest", "-q");
        assertThat(c.environment()).containsExactly(java.util.Map.entry("CI", "1"));
        assertThat(c.timeout()).isEqualTo(SandboxedCommand.DEFAULT_TIMEOUT);
        assertThat(c.cpuSeconds()).hasValue(60);
        assertThat(c.memoryBytes()).hasValue(1L << 30);
        assertThatThrownBy(() -> c.argv().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejects_what_cannot_be_run_safely() {
        assertThatThrownBy(() -> SandboxedCommand.builder(DIR, List.of()).build()).hasMessageContaining("argv is empty");
        assertThatThrownBy(() -> SandboxedCommand.builder(DIR, "sh", "a\0b").build()).hasMessageContaining("NUL");
        assertThatThrownBy(() -> SandboxedCommand.builder(DIR, "sh").env("HOME", "/root").build()).hasMessageContaining("HOME is set by the sandbox");
        assertThatThrownBy(() -> SandboxedCommand.builder(DIR, "sh").env("TMPDIR", "/tmp").build()).hasMessageContaining("TMPDIR");
        assertThatThrownBy(() -> SandboxedCommand.builder(DIR, "sh").env("A=B", "c").build()).hasMessageContaining("not a valid environment variable");
        assertThatThrownBy(() -> SandboxedCommand.builder(DIR, "sh").timeout(Duration.ZERO).build()).hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> SandboxedCommand.builder(DIR, "sh").cpuSeconds(0).build()).hasMessageContaining("CPU limit");
        assertThatThrownBy(() -> SandboxedCommand.builder(DIR, "sh").memoryBytes(1000).build()).hasMessageContaining("memory limit");
    }
}
