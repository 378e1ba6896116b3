package io.autonoma.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.test.llm.OpenAiStubServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repair from the app's own test output, through the real CLI, an OpenAI-compatible stub on 127.0.0.1 and the real
 * verify stage (a virtualenv with the app's pinned requirements, pytest in the sandbox): the model's first rules file
 * makes generated tests fail, the failures go back, its second answer passes. A model that keeps failing stops at the
 * loop guard; the run's files are kept in PostgreSQL and the run resumes once the model does better. Needs python3
 * with venv and the package index (the first run installs the backend's requirements into ~/.cache/autonoma/verify),
 * and PostgreSQL + pgvector in {@code AUTONOMA_PG_URL} ({@code bash ci/pgvector.sh start}); fails, never skips, without.
 */
class RepairFromTestOutputIT {
    private static final String PROMPT = "A library system with books (title, author, ISBN, published year), members (name, email, "
            + "membership number) and loans that record which member borrowed which book, the loan date and the return date. "
            + "A member can have at most 3 active loans.";
    private static final String BACKEND_CHECKS = "ruff,ruff format,mypy,pytest";
    private static final Pattern RUN_ID = Pattern.compile("Recording run (\\S+) ");

    @TempDir
    Path tmp;

    private static String resource(String name) {
        try (InputStream in = RepairFromTestOutputIT.class.getResourceAsStream("/io/autonoma/test/llm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String GOOD_RULES = resource("rules.py");

    /** Passes ruff, mypy and the tree-sitter check, and rejects every loan: the generated loan tests get 409. */
    private static final String REJECTING_EVERY_LOAN = GOOD_RULES.replace(
            "async def before_create(entity: str, data: dict[str, Any], session: AsyncSession) -> None:\n",
            "async def before_create(entity: str, data: dict[str, Any], session: AsyncSession) -> None:\n"
                    + "    if entity == \"Loan\":\n        raise RuleViolation(\"no loans today\")\n");

    private static String rulesAnswer(String rules) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("backend/app/rules.py", rules);
        files.put("backend/tests/test_rules.py", resource("test_rules.py"));
        List<Map<String, String>> list = files.entrySet().stream().map(e -> Map.of("path", e.getKey(), "content", e.getValue())).toList();
        try {
            return new ObjectMapper().writeValueAsString(Map.of("files", list));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The analyst gets the library spec; the rules agent the failing file until the model "learns" ({@code fixed}). */
    private static String respond(OpenAiStubServer.Request r, AtomicBoolean fixed) {
        if (r.first("system").contains("requirements analyst")) {
            return resource("library.app-spec.json");
        }
        return rulesAnswer(fixed.get() ? GOOD_RULES : REJECTING_EVERY_LOAN);
    }

    private static List<OpenAiStubServer.Request> rulesRequests(OpenAiStubServer stub) {
        return stub.requests().stream().filter(r -> r.first("system").contains("business rules")).toList();
    }

    private static String dbUrl() {
        String url = System.getenv("AUTONOMA_PG_URL");
        if (url == null || url.isBlank()) {
            fail("RepairFromTestOutputIT needs PostgreSQL + pgvector: run `bash ci/pgvector.sh start` and export AUTONOMA_PG_URL");
        }
        return url;
    }

    @Test
    void the_failing_test_goes_back_to_the_model_and_its_second_answer_passes_every_check() {
        assertThat(REJECTING_EVERY_LOAN).contains("no loans today");
        AtomicBoolean fixed = new AtomicBoolean();
        try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(r -> {
            // the model does better once it has seen the failing test
            fixed.compareAndSet(false, r.last().contains("pytest failed"));
            return respond(r, fixed);
        }).apiKey("k").start()) {
            Cli.Run r = Cli.run(Map.of("AUTONOMA_API_KEY", "k"), "generate", PROMPT, "--engine", "llm", "--base-url", stub.baseUrl(),
                    "--model", "stub-model", "--llm-cache", tmp.resolve("cache").toString(), "--verify", "--checks", BACKEND_CHECKS,
                    "-o", tmp.resolve("library").toString());

            System.out.println(r.out() + r.err()); // the run as a user sees it, in the failsafe report
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            List<OpenAiStubServer.Request> rules = rulesRequests(stub);
            assertThat(rules).hasSize(2);
            // what the model was sent back: the failing test's name, its assertion and traceback
            assertThat(rules.get(1).last()).contains("pytest failed (", "FAILED tests/", "409", "no loans today");
            assertThat(r.out()).containsPattern("business-rules +pytest failed, \\d+ failed")
                    .containsPattern("business-rules +answer 1 rejected \\(1 problem\\(s\\): pytest failed")
                    .containsPattern("business-rules +pytest passed")
                    .contains("(after 2 answers)")
                    .contains("3 model request(s)")
                    .contains("All 4 checks passed.");
            assertThat(tmp.resolve("library/backend/app/rules.py")).content(StandardCharsets.UTF_8).isEqualTo(GOOD_RULES);
        }
    }

    @Test
    void a_model_that_keeps_failing_stops_at_the_loop_guard_and_the_kept_run_resumes() {
        Map<String, String> env = Map.of("AUTONOMA_DB_URL", dbUrl(), "AUTONOMA_API_KEY", "k");
        String owner = "cli-" + UUID.randomUUID();
        AtomicBoolean fixed = new AtomicBoolean();
        try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(r -> respond(r, fixed)).apiKey("k").start()) {
            Cli.Run failed = Cli.run(env, "generate", PROMPT, "--engine", "llm", "--base-url", stub.baseUrl(), "--model", "stub-model",
                    "--llm-cache", tmp.resolve("cache").toString(), "--verify", "--checks", BACKEND_CHECKS, "--store", "postgres",
                    "--owner", owner, "-o", tmp.resolve("a").toString());

            System.out.println(failed.out() + failed.err());
            assertThat(failed.exit()).as(failed.out() + failed.err()).isEqualTo(GenerateCommand.GENERATION_FAILED);
            assertThat(failed.err()).contains("it repeated an answer that already failed the app's checks", "FAILED tests/");
            // the second, identical answer was not run again: one pytest run for the rules
            assertThat(rulesRequests(stub)).hasSize(2);
            assertThat(Pattern.compile("business-rules +pytest failed").matcher(failed.out()).results().count()).isEqualTo(1);
            Matcher run = RUN_ID.matcher(failed.out());
            assertThat(run.find()).as(failed.out()).isTrue();
            assertThat(failed.err()).contains("resume it with: autonoma generate --resume " + run.group(1));

            // a better model (its answers are not in the first one's response cache)
            fixed.set(true);
            Cli.Run resumed = Cli.run(env, "generate", "--resume", run.group(1), "--engine", "llm", "--base-url", stub.baseUrl(),
                    "--model", "stub-model", "--llm-cache", tmp.resolve("cache-2").toString(), "--owner", owner,
                    "-o", tmp.resolve("b").toString());

            System.out.println(resumed.out() + resumed.err());
            assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
            assertThat(stub.requests().stream().filter(r -> r.first("system").contains("requirements analyst")).count())
                    .as("the kept run's spec is used; the analyst is not asked again").isEqualTo(1);
            assertThat(resumed.out()).doesNotContainPattern("(backend|frontend|testing) +started");
            assertThat(tmp.resolve("b/backend/app/rules.py")).content(StandardCharsets.UTF_8).isEqualTo(GOOD_RULES);
        }
    }
}
