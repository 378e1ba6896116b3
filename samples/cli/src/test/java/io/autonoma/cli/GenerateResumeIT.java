package io.autonoma.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.autonoma.test.llm.OpenAiStubServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --store postgres} records runs in PostgreSQL and {@code --resume RUN} continues one without
 * redoing the agents that finished. Needs PostgreSQL + pgvector: {@code AUTONOMA_PG_URL}
 * ({@code bash ci/pgvector.sh start}); fails, never skips, without it.
 */
class GenerateResumeIT {
    private static final String PROMPT = "A todo app where users keep tasks with a title, a due date and a priority (low, medium, high).";
    private static final Pattern RUN_ID = Pattern.compile("Recording run (\\S+) ");

    @TempDir
    Path tmp;

    private static String dbUrl() {
        String url = System.getenv("AUTONOMA_PG_URL");
        if (url == null || url.isBlank()) {
            url = System.getProperty("AUTONOMA_PG_URL");
        }
        if (url == null || url.isBlank()) {
            fail("GenerateResumeIT needs PostgreSQL + pgvector: run `bash ci/pgvector.sh start` and export AUTONOMA_PG_URL "
                    + "(the JDBC URL it prints), or skip integration tests deliberately with -DskipITs");
        }
        return url;
    }

    private static Cli.Run run(Map<String, String> env, String... args) {
        return Cli.run(env, args);
    }

    private static String runId(Cli.Run r) {
        Matcher m = RUN_ID.matcher(r.out());
        assertThat(m.find()).as("run id in: " + r.out()).isTrue();
        return m.group(1);
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString(), Files.readString(f));
            }
        }
        return out;
    }

    @Test
    void an_offline_run_recorded_in_postgres_resumes_with_nothing_to_redo_and_the_same_files() throws Exception {
        Map<String, String> env = Map.of("AUTONOMA_DB_URL", dbUrl());
        String owner = "cli-" + UUID.randomUUID();
        Cli.Run first = run(env, "generate", PROMPT, "--store", "postgres", "--owner", owner, "-o", tmp.resolve("a").toString());
        assertThat(first.exit()).as(first.err()).isZero();
        String runId = runId(first);
        assertThat(first.out()).contains("--resume " + runId);

        Cli.Run again = run(env, "generate", "--resume", runId, "--owner", owner, "-o", tmp.resolve("b").toString());

        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("Resuming run " + runId).doesNotContain(" started\n").contains("Wrote");
        assertThat(files(tmp.resolve("b"))).isEqualTo(files(tmp.resolve("a")));
        assertThat(files(tmp.resolve("a"))).containsKey("app-spec.json").hasSizeGreaterThan(100);
    }

    @Test
    void a_run_that_ran_out_of_budget_resumes_with_a_larger_one_and_asks_the_model_only_for_what_is_missing() throws Exception {
        Map<String, String> env = Map.of("AUTONOMA_DB_URL", dbUrl(), "AUTONOMA_API_KEY", "k");
        String owner = "cli-" + UUID.randomUUID();
        try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(GenerateLlmCommandTest::respond).apiKey("k").start()) {
            String[] llm = {"--engine", "llm", "--base-url", stub.baseUrl(), "--model", "stub-model", "--llm-cache",
                    tmp.resolve("cache").toString(), "--owner", owner};
            Cli.Run first = run(env, concat(new String[] {"generate", PROMPT, "--store", "postgres", "--max-tokens", "5000",
                    "-o", tmp.resolve("a").toString()}, llm));
            assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(GenerateCommand.GENERATION_FAILED);
            String runId = runId(first);
            assertThat(first.err()).contains("budget exhausted", "resume it with: autonoma generate --resume " + runId);
            assertThat(tmp.resolve("a")).as("a failed run writes nothing").doesNotExist();
            long analystCalls = stub.requests().stream().filter(r -> r.first("system").contains("requirements analyst")).count();
            assertThat(analystCalls).isEqualTo(1);

            Cli.Run offline = run(env, "generate", "--resume", runId, "--owner", owner, "-o", tmp.resolve("x").toString());
            assertThat(offline.exit()).isEqualTo(GenerateCommand.BAD_INPUT);
            assertThat(offline.err()).contains("started with the llm engine");

            Cli.Run resumed = run(env, concat(new String[] {"generate", "--resume", runId, "-o", tmp.resolve("b").toString()}, llm));

            assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
            assertThat(stub.requests().stream().filter(r -> r.first("system").contains("requirements analyst")).count())
                    .as("the analyst's checkpoint is used, the model is not asked again").isEqualTo(1);
            assertThat(tmp.resolve("b/app-spec.json")).content().contains("\"Task\"");
            assertThat(tmp.resolve("b/backend/app/rules.py")).exists();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
