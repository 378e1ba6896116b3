package io.autonoma.agents.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksTest {
    private static final long GIB = 1L << 30;

    @Test
    void the_pytest_excerpt_names_every_failing_test_then_the_tracebacks() {
        String out = ".F.F\n=================================== FAILURES ===================================\n"
                + "_____ test_create_and_read _____\ntests/test_crud.py:12: in test_create_and_read\n    assert r.status_code == 201\n"
                + "E   assert 409 == 201\n_____ test_list _____\ntests/test_crud.py:30: in test_list\nE   assert 0 == 2\n"
                + "=========================== short test summary info ============================\n"
                + "FAILED tests/test_crud.py::test_create_and_read - assert 409 == 201\n"
                + "FAILED tests/test_crud.py::test_list - assert 0 == 2\n2 failed, 2 passed in 1.20s\n";

        String excerpt = Checks.pytestExcerpt(out);

        assertThat(excerpt).startsWith("FAILED tests/test_crud.py::test_create_and_read - assert 409 == 201\n"
                + "FAILED tests/test_crud.py::test_list - assert 0 == 2\n");
        assertThat(excerpt).contains("tests/test_crud.py:12: in test_create_and_read", "E   assert 409 == 201", "E   assert 0 == 2")
                .doesNotContain("short test summary info").doesNotContain("2 failed, 2 passed");
        assertThat(Checks.pytestExcerpt("ImportError while loading conftest\nerror: no module x")).contains("error: no module x");
    }

    @Test
    void a_check_is_limited_in_memory_and_cpu_time_an_install_is_not(@TempDir Path dir) {
        ProcessRunner runner = new ProcessRunner(Map.of("PATH", System.getenv("PATH")), 256L << 20);
        // 1 GiB in one allocation: more address space than the check may have
        List<String> allocate = List.of("python3", "-c", "b = bytearray(1 << 30); print('allocated', len(b))");

        ProcessRunner.Run check = runner.isolated(allocate, dir, Map.of(), Duration.ofSeconds(30));
        ProcessRunner.Run install = runner.run(allocate, dir, Map.of(), Duration.ofSeconds(30));

        assertThat(check.ok()).isFalse();
        assertThat(check.output()).contains("MemoryError").doesNotContain("allocated");
        assertThat(install.ok()).as(install.output()).isTrue();
        assertThat(install.output()).contains("allocated 1073741824");
    }

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
                "AWS_SECRET_ACCESS_KEY", "aws-secret", "HOME", "/root"), GIB);

        ProcessRunner.Run r = runner.run(List.of("sh", "-c", "env; echo HOME=$HOME"), dir, Map.of(), Duration.ofSeconds(20));

        assertThat(r.ok()).isTrue();
        assertThat(r.output()).doesNotContain("sk-parent-secret").doesNotContain("aws-secret").doesNotContain("HOME=/root\n")
                .containsPattern("HOME=" + java.util.regex.Pattern.quote(System.getProperty("java.io.tmpdir")) + "/autonoma-sandbox-[^/\\s]+/home\\s");
    }

    @Test
    void a_command_past_its_timeout_is_killed_with_its_children(@TempDir Path dir) {
        ProcessRunner runner = new ProcessRunner(Map.of("PATH", System.getenv("PATH")), GIB);

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
