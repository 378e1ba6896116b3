package io.autonoma.agents.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksTest {

    @Test
    void pytest_counts_are_read_from_its_summary_line() {
        assertThat(Checks.pytestCounts("....\n82 passed in 5.38s\n")).isEqualTo("82 passed");
        assertThat(Checks.pytestCounts("F.\n=== 1 failed, 81 passed in 5.38s ===\n")).isEqualTo("1 failed, 81 passed");
        assertThat(Checks.pytestCounts("no summary")).isEmpty();
    }

    @Test
    void the_excerpt_starts_at_the_first_failure_and_is_bounded() {
        String out = "collected 3 items\n\n=================== FAILURES ===================\n___ test_x ___\nassert 1 == 2\n"
                + "x".repeat(5000);
        String excerpt = Checks.excerpt(out);
        assertThat(excerpt).startsWith("=================== FAILURES").contains("assert 1 == 2").doesNotContain("collected 3 items");
        assertThat(excerpt.length()).isLessThan(2100);
    }

    @Test
    void a_command_sees_no_secret_of_the_parent_and_a_fresh_home(@TempDir Path dir) {
        ProcessRunner runner = new ProcessRunner(Map.of("PATH", System.getenv("PATH"), "AUTONOMA_API_KEY", "sk-parent-secret",
                "AWS_SECRET_ACCESS_KEY", "aws-secret", "HOME", "/root"));

        ProcessRunner.Run r = runner.run(List.of("sh", "-c", "env; echo HOME=$HOME"), dir, Map.of(), Duration.ofSeconds(20));

        assertThat(r.ok()).isTrue();
        assertThat(r.output()).doesNotContain("sk-parent-secret").doesNotContain("aws-secret").doesNotContain("HOME=/root\n")
                .containsPattern("HOME=" + java.util.regex.Pattern.quote(System.getProperty("java.io.tmpdir")) + "/autonoma-sandbox-[^/\\s]+/home\\s");
    }

    @Test
    void a_command_past_its_timeout_is_killed_with_its_children(@TempDir Path dir) {
        ProcessRunner runner = new ProcessRunner(Map.of("PATH", System.getenv("PATH")));

        ProcessRunner.Run r = runner.run(List.of("sh", "-c", "sleep 60 & echo $! > child.pid; sleep 60"), dir, Map.of(),
                Duration.ofSeconds(2));

        assertThat(r.timedOut()).isTrue();
        assertThat(r.ok()).isFalse();
        long child = Long.parseLong(new String(readAll(dir.resolve("child.pid"))).strip());
        // ended: gone, or a zombie waiting for this machine's init (which does not reap orphans) to collect it
        assertThat(ProcessTree.running(child)).isFalse();
    }

    private static byte[] readAll(Path p) {
        try {
            return java.nio.file.Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
