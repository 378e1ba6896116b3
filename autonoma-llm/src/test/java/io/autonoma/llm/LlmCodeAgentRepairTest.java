package io.autonoma.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.pack.ExtensionPoint;
import io.autonoma.agents.verify.CheckResult;
import io.autonoma.agents.verify.CheckResult.Status;
import io.autonoma.agents.verify.Verifier;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.Budget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The repair loop from the app's own checks: an answer that passes the static checks is run with the project, and what
 * failed (the test's name, assertion and traceback) goes back to the model. The checks here are scripted; ci/check-verify.sh
 * runs the real ones (pytest in the sandbox) through the CLI and an OpenAI-compatible stub.
 */
class LlmCodeAgentRepairTest {
    private static final String MAIN_PY = "from fastapi import FastAPI\n\napp = FastAPI()\n";
    private static final String FAILURE = """
            FAILED tests/test_crud.py::test_create_and_read_loan - assert 409 == 201
            _____ test_create_and_read_loan _____
            tests/test_crud.py:41: in test_create_and_read_loan
                assert response.status_code == 201, response.text
            E   AssertionError: {"detail":"no loans"}
            E   assert 409 == 201
            E    +  where 409 = <Response [409 Conflict]>.status_code at 0x7f3a2c""";

    private final ScriptedChatModel model = new ScriptedChatModel();
    private final LlmClient client = LlmClient.builder().model(model).modelName("m")
            .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
    private final List<Map<String, byte[]>> checkedProjects = new ArrayList<>();
    private final Deque<List<CheckResult>> checkResults = new ArrayDeque<>();
    private RecordingContext ctx;

    @BeforeEach
    void backendWasGenerated() {
        ctx = RecordingContext.forPromptAndSpec(Fixtures.LIBRARY_PROMPT, Fixtures.librarySpec(), Budget.unlimited());
        ctx.put("backend/app/main.py", MAIN_PY);
        ctx.put("backend/app/models/__init__.py", "from app.models.loan import Loan\n");
        ctx.put("backend/app/rules.py", Fixtures.defaultRulesPy());
        ctx.put("backend/tests/test_crud.py", "def test_x() -> None:\n    assert True\n");
    }

    @AfterEach
    void close() {
        client.close();
    }

    private final LlmCodeAgent.ProjectChecks scripted = (project, onResult) -> {
        checkedProjects.add(project);
        List<CheckResult> results = checkResults.isEmpty() ? List.of(passed("ruff"), passed("pytest")) : checkResults.poll();
        results.forEach(onResult);
        return results;
    };

    private LlmCodeAgent.Builder agent() {
        return LlmCodeAgent.builder().client(client).extensionPoint(Fixtures.rules()).projectChecks(scripted);
    }

    private static CheckResult passed(String check) {
        return new CheckResult(check, Status.PASSED, "", 10, "", "NETWORK_NAMESPACE");
    }

    private static CheckResult pytestFailed(String excerpt) {
        return new CheckResult("pytest", Status.FAILED, "1 failed, 30 passed", 2000, excerpt, "NETWORK_NAMESPACE");
    }

    /** A rules file that passes every static check but rejects every loan. */
    private static String rejectingEveryLoan() {
        return Fixtures.rulesPy().replace("async def before_create(entity: str, data: dict[str, Any], session: AsyncSession) -> None:\n",
                "async def before_create(entity: str, data: dict[str, Any], session: AsyncSession) -> None:\n"
                        + "    if entity == \"Loan\":\n        raise RuleViolation(\"no loans\")\n");
    }

    private static String answer(String rules) {
        return Fixtures.filesAnswer(Map.of("backend/app/rules.py", rules));
    }

    private static String text(Map<String, byte[]> project, String path) {
        return new String(project.get(path), StandardCharsets.UTF_8);
    }

    @Test
    void a_failing_test_goes_back_to_the_model_and_the_repaired_answer_is_written() {
        assertThat(rejectingEveryLoan()).contains("raise RuleViolation(\"no loans\")");
        model.answer(answer(rejectingEveryLoan())).answer(Fixtures.goodRulesAnswer());
        checkResults.add(List.of(passed("ruff"), pytestFailed(FAILURE)));

        AgentResult result = agent().build().run(ctx);

        // the first answer ran with the whole project, the answer's file in place of the template's
        assertThat(checkedProjects).hasSize(2);
        assertThat(text(checkedProjects.get(0), "backend/app/rules.py")).isEqualTo(rejectingEveryLoan());
        assertThat(text(checkedProjects.get(0), "backend/app/main.py")).isEqualTo(MAIN_PY);
        assertThat(text(checkedProjects.get(1), "backend/tests/test_rules.py")).isEqualTo(Fixtures.testRulesPy());
        // the failing test's name, assertion and traceback reached the model
        assertThat(model.lastUserText(1)).contains("pytest failed (1 failed, 30 passed)",
                "FAILED tests/test_crud.py::test_create_and_read_loan - assert 409 == 201",
                "tests/test_crud.py:41: in test_create_and_read_loan", "E   assert 409 == 201");
        assertThat(ctx.texts().get("backend/app/rules.py")).isEqualTo(Fixtures.rulesPy());
        assertThat(result.summary()).contains("(after 2 answers)");
        assertThat(ctx.reports).filteredOn(r -> r.tool().equals("pytest")).extracting(RecordingContext.Report::passed)
                .containsExactly(false, true);
        assertThat(model.calls()).isEqualTo(2);
    }

    @Test
    void an_answer_that_already_failed_is_not_run_again_and_ends_the_loop_with_the_template_kept() {
        model.answer(answer(rejectingEveryLoan())).answer(answer(rejectingEveryLoan())).answer(Fixtures.goodRulesAnswer());
        checkResults.add(List.of(pytestFailed(FAILURE)));

        assertThatThrownBy(() -> agent().maxTries(3).build().run(ctx)).isInstanceOf(LlmOutputException.class)
                .hasMessageContaining("in 2 answers (it repeated an answer that already failed the app's checks)")
                .hasMessageContaining("test_create_and_read_loan")
                .hasMessageContaining("The files written so far are kept");
        assertThat(checkedProjects).hasSize(1);
        assertThat(model.calls()).isEqualTo(2);
        // the partial project: every file the other agents wrote, the template's rules untouched
        assertThat(ctx.texts()).containsEntry("backend/app/main.py", MAIN_PY).containsEntry("backend/app/rules.py", Fixtures.defaultRulesPy());
    }

    @Test
    void the_same_failure_again_stops_the_loop_though_timings_and_addresses_differ() {
        model.answer(answer(rejectingEveryLoan())).answer(answer(rejectingEveryLoan() + "\n# another try\n"))
                .answer(Fixtures.goodRulesAnswer());
        checkResults.add(List.of(pytestFailed(FAILURE + "\n1 failed in 2.31s")));
        checkResults.add(List.of(pytestFailed(FAILURE.replace("0x7f3a2c", "0x55d0e1") + "\n1 failed in 2.07s")));

        assertThatThrownBy(() -> agent().maxTries(3).build().run(ctx)).isInstanceOf(LlmOutputException.class)
                .hasMessageContaining("(it repeated the same problems)");
        assertThat(checkedProjects).hasSize(2);
        assertThat(model.calls()).isEqualTo(2);
    }

    @Test
    void the_checks_count_against_the_tries_like_any_other_problem() {
        model.answer(answer(rejectingEveryLoan())).answer(answer(rejectingEveryLoan() + "\n# second\n"));
        checkResults.add(List.of(pytestFailed(FAILURE)));
        checkResults.add(List.of(pytestFailed(FAILURE.replace("test_create_and_read_loan", "test_list_loans"))));

        assertThatThrownBy(() -> agent().maxTries(2).build().run(ctx)).isInstanceOf(LlmOutputException.class)
                .hasMessageContaining("the 2 tries are used up").hasMessageContaining("test_list_loans");
        assertThat(ctx.texts().get("backend/app/rules.py")).isEqualTo(Fixtures.defaultRulesPy());
    }

    @Test
    void with_skip_on_failure_a_model_that_keeps_failing_leaves_the_template_rules_and_a_warning() {
        model.answer(answer(rejectingEveryLoan())).answer(answer(rejectingEveryLoan()));
        checkResults.add(List.of(pytestFailed(FAILURE)));

        AgentResult result = agent().skipOnFailure(true).build().run(ctx);

        assertThat(result.summary()).startsWith("business rules NOT applied");
        assertThat(ctx.texts().get("backend/app/rules.py")).isEqualTo(Fixtures.defaultRulesPy());
    }

    @Test
    void a_check_that_cannot_run_is_a_warning_and_the_statically_checked_answer_is_accepted() {
        model.answer(Fixtures.goodRulesAnswer());
        checkResults.add(List.of(new CheckResult("pytest", Status.NOT_VERIFIED, "", 0, "python3 is not on the PATH")));

        agent().build().run(ctx);

        assertThat(ctx.texts().get("backend/app/rules.py")).isEqualTo(Fixtures.rulesPy());
        assertThat(ctx.logs).anyMatch(l -> l.startsWith("WARNING: pytest could not check the model's files (python3 is not on the PATH)"));
    }

    @Test
    void a_runner_that_throws_is_a_warning_not_a_failure() {
        model.answer(Fixtures.goodRulesAnswer());

        agent().projectChecks((p, on) -> { throw new IllegalStateException("no sandbox here"); }).build().run(ctx);

        assertThat(ctx.texts().get("backend/app/rules.py")).isEqualTo(Fixtures.rulesPy());
        assertThat(ctx.logs).anyMatch(l -> l.contains("could not run the app's checks on the model's files (no sandbox here)"));
    }

    @Test
    void an_empty_answer_and_an_answer_with_static_problems_are_never_run() {
        model.answer("{\"files\": [{\"path\": \"backend/app/run.sh\", \"content\": \"x\"}]}").answer("{\"files\": []}");

        agent().build().run(ctx);

        assertThat(checkedProjects).isEmpty();
    }

    @Test
    void a_verifier_runs_only_for_an_extension_point_that_names_its_checks_and_only_known_checks() {
        ExtensionPoint unchecked = ExtensionPoint.builder(AgentIds.BUSINESS_RULES, "backend/app/rules.py").task("write rules").build();
        ExtensionPoint misnamed = ExtensionPoint.builder(AgentIds.BUSINESS_RULES, "backend/app/rules.py").task("write rules")
                .verifiedBy("pyflakes").build();
        Verifier verifier = Verifier.builder().build();

        assertThat(Fixtures.rules().verifiedBy()).containsExactly("ruff", "ruff format", "mypy", "pytest");
        assertThat(LlmCodeAgent.builder().client(client).extensionPoint(unchecked).verifier(verifier).build()).isNotNull();
        assertThatThrownBy(() -> LlmCodeAgent.builder().client(client).extensionPoint(misnamed).verifier(verifier).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown check 'pyflakes'");
    }

    @Test
    void comparable_problems_leave_out_timings_and_addresses() {
        assertThat(LlmCodeAgent.comparable(List.of("E at 0x7f3a in 2.31s", "took 12s")))
                .containsExactly("E at 0x… in …s", "took …s");
    }
}
