package io.autonoma.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.chat.ChatModel;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.test.llm.OpenAiStubServer;
import io.autonoma.test.llm.OpenAiStubServer.Outcome;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole LLM pipeline through langchain4j's real OpenAiChatModel against an OpenAI-compatible
 * stub on 127.0.0.1 that injects 429s, 5xx, hangs and malformed bodies in ~30% of requests.
 */
class LlmEngineStubServerTest {

    static String respond(OpenAiStubServer.Request r) {
        String system = r.first("system");
        if (system.contains("requirements analyst")) {
            return Fixtures.librarySpecJson();
        }
        if (system.contains("business rules")) {
            return Fixtures.goodRulesAnswer();
        }
        return "{\"error\": \"unexpected request\"}";
    }

    private static LlmClient client(ChatModel model, Path cache, List<LlmCallRecord> calls) {
        return LlmClient.builder().model(model).modelName("stub-model").timeout(Duration.ofSeconds(2)).maxAttempts(10)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(80)).seed(1)
                .pricing(LlmPricing.perThousand(0.00015, 0.0006))
                .cache(LlmResponseCache.onDisk(cache)).listener(calls::add).build();
    }

    private static final io.autonoma.core.template.TemplateIndex INDEX = io.autonoma.agents.seed.DefaultTemplateIndex.keywordOnly();

    /** The real eight offline agents (keyword-only seed index: no embedding model to load). */
    static List<Agent> realOfflineAgents() {
        return io.autonoma.agents.Autonoma.offlineAgents(INDEX);
    }

    private static GenerationResult generate(LlmClient client, InMemoryArtifactStore store, List<GenerationEvent> events) {
        List<Agent> agents = LlmEngine.builder().client(client).templateIndex(INDEX).build().agents(realOfflineAgents());
        try (DefaultPipeline pipeline = DefaultPipeline.builder().store(store).agents(agents).maxAttempts(1).build()) {
            RunHandle run = pipeline.run(GenerationRequest.builder().prompt(Fixtures.LIBRARY_PROMPT)
                    .budget(Budget.of(1_000_000, 1_000_000)).build(), events::add);
            return run.await();
        }
    }

    private static Map<String, String> files(InMemoryArtifactStore store) {
        Map<String, String> out = new TreeMap<>();
        store.list("app").forEach(a -> out.put(a.path(), a.text()));
        return out;
    }

    /**
     * ci/test-generated.sh runs the full backend battery (ruff, mypy, bandit, pytest, alembic on
     * PostgreSQL, schemathesis) on this model-written app, exactly as on offline ones.
     */
    private static void exportForTheGeneratedAppChecks(InMemoryArtifactStore store, String projectId) {
        Path dir = Path.of("target", "llm-generated-app");
        try {
            if (java.nio.file.Files.exists(dir)) {
                try (var walk = java.nio.file.Files.walk(dir)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.delete(p);
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(store.exportTo(projectId, dir)).isPositive();
    }

    @Test
    void generates_an_app_through_a_faulty_openai_compatible_server_and_reruns_from_cache(@TempDir Path cache) {
        try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(LlmEngineStubServerTest::respond)
                .faults(0.3, 150).hang(Duration.ofSeconds(3)).apiKey("test-key").start()) {
            // seed 150 draws answer, hang, 429, malformed, 5xx, hang, answer: every fault kind in one run
            ChatModel model = LlmEngine.openAiCompatible(stub.baseUrl(), "test-key", "stub-model", Duration.ofMillis(700));
            List<LlmCallRecord> calls = new CopyOnWriteArrayList<>();
            List<GenerationEvent> events = new CopyOnWriteArrayList<>();
            InMemoryArtifactStore store = new InMemoryArtifactStore();
            GenerationResult result;
            try (LlmClient client = client(model, cache, calls)) {
                result = generate(client, store, events);
            }

            assertThat(result.succeeded()).as(result.error().orElse("")).isTrue();
            exportForTheGeneratedAppChecks(store, result.projectId());
            Map<String, String> files = files(store);
            assertThat(files.get("app-spec.json")).contains("\"Loan\"", "at most 3 active loans");
            assertThat(files.get("backend/app/rules.py")).isEqualTo(Fixtures.rulesPy());
            assertThat(files.get("backend/tests/test_rules.py")).isEqualTo(Fixtures.testRulesPy());
            assertThat(files).containsKeys("docs/architecture.md", "docs/security.md", "backend/app/main.py",
                    "backend/app/routers/loan.py", "backend/tests/conftest.py", "frontend/package.json", "deploy/docker-compose.yml");
            assertThat(files.get("backend/app/routers/loan.py")).contains("await rules.before_create(_LABEL, data, session)");
            assertThat(result.tokensSpent()).isPositive();
            assertThat(result.costMicros()).isPositive();
            // two successful answers; every fault kind was injected and survived
            assertThat(stub.count(Outcome.ANSWERED)).isEqualTo(2);
            assertThat(stub.outcomes()).contains(Outcome.RATE_LIMITED, Outcome.SERVER_ERROR, Outcome.HUNG, Outcome.MALFORMED);
            assertThat(calls).filteredOn(LlmCallRecord::succeeded).extracting(LlmCallRecord::agent)
                    .containsExactlyInAnyOrder("requirements", "business-rules");
            assertThat(events).filteredOn(e -> e instanceof GenerationEvent.ValidationReport v && v.tool().equals("tree-sitter"))
                    .singleElement().satisfies(e -> assertThat(((GenerationEvent.ValidationReport) e).passed()).isTrue());
            assertThat(events).anyMatch(e -> e instanceof GenerationEvent.AgentLog l && l.message().contains("retrying"));
            assertThat(events).anyMatch(e -> e instanceof GenerationEvent.AgentLog l && l.message().startsWith("model call:"));
            // the analyst asked for JSON output, with the schema in the prompt
            OpenAiStubServer.Request first = stub.requests().get(0);
            assertThat(first.body().path("response_format").path("type").asText()).isEqualTo("json_object");
            assertThat(first.first("system")).contains("JSON Schema");
            // security reviewed after the model wrote its code
            assertThat(indexOfFinish(events, "security")).isGreaterThan(indexOfFinish(events, "business-rules"));

            int before = stub.requests().size();
            List<LlmCallRecord> again = new CopyOnWriteArrayList<>();
            InMemoryArtifactStore store2 = new InMemoryArtifactStore();
            GenerationResult rerun;
            try (LlmClient client = client(model, cache, again)) {
                rerun = generate(client, store2, new CopyOnWriteArrayList<>());
                assertThat(client.modelCalls()).isZero();
            }
            assertThat(rerun.succeeded()).isTrue();
            assertThat(stub.requests()).hasSize(before);
            assertThat(again).allMatch(LlmCallRecord::cached).hasSize(2);
            assertThat(rerun.costMicros()).isZero();
            Map<String, String> files2 = files(store2);
            assertThat(files2.keySet()).isEqualTo(files.keySet());
            assertThat(files.keySet()).filteredOn(k -> !files.get(k).equals(files2.get(k)))
                    .as("files that differ between the run and the cached re-run").isEmpty();
        }
    }

    @Test
    void thirty_requests_with_thirty_percent_faults_all_succeed_through_the_real_openai_model(@TempDir Path cache) {
        try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(r -> "answer to " + r.last())
                .faults(0.3, 7).hang(Duration.ofSeconds(2)).start()) {
            ChatModel model = LlmEngine.openAiCompatible(stub.baseUrl(), "k", "stub-model", Duration.ofMillis(500));
            List<LlmCallRecord> calls = new CopyOnWriteArrayList<>();
            try (LlmClient client = client(model, cache, calls)) {
                for (int i = 0; i < 30; i++) {
                    LlmReply reply = client.chat("agent", dev.langchain4j.model.chat.request.ChatRequest.builder()
                            .messages(dev.langchain4j.data.message.UserMessage.from("question " + i)).build(),
                            Budget.unlimited(), () -> false, m -> {});
                    assertThat(reply.text()).isEqualTo("answer to question " + i);
                }
            }
            long faults = stub.outcomes().size() - stub.count(Outcome.ANSWERED);
            assertThat(stub.count(Outcome.ANSWERED)).isEqualTo(30);
            assertThat((double) faults / stub.outcomes().size()).isBetween(0.15, 0.45);
            assertThat(stub.outcomes()).contains(Outcome.RATE_LIMITED, Outcome.SERVER_ERROR, Outcome.HUNG, Outcome.MALFORMED);
            assertThat(calls).allMatch(LlmCallRecord::succeeded);
        }
    }

    @Test
    void the_rules_agent_gets_fastapi_examples_from_the_seed_template_index(@TempDir Path cache) {
        try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(LlmEngineStubServerTest::respond).start();
             LlmClient client = client(LlmEngine.openAiCompatible(stub.baseUrl(), "k", "stub-model", Duration.ofSeconds(5)), cache,
                     new CopyOnWriteArrayList<>())) {
            io.autonoma.core.template.TemplateIndex index = io.autonoma.agents.seed.DefaultTemplateIndex.keywordOnly();
            List<Agent> agents = LlmEngine.builder().client(client).templateIndex(index).build().agents(FakeTemplateAgents.offlineAgents());
            GenerationResult result;
            try (DefaultPipeline pipeline = DefaultPipeline.builder().store(new InMemoryArtifactStore()).agents(agents).build()) {
                result = pipeline.run(GenerationRequest.builder().prompt(Fixtures.LIBRARY_PROMPT).build()).await();
            }
            assertThat(result.succeeded()).as(result.error().orElse("")).isTrue();
            String rulesRequest = stub.requests().stream().filter(r -> r.first("system").contains("business rules"))
                    .findFirst().orElseThrow().last();
            assertThat(rulesRequest).contains("Relevant examples from the template library").doesNotContain("React Query");
        }
    }

    @Test
    void offline_analyst_fallback_takes_over_when_the_model_spec_stays_invalid(@TempDir Path cache) {
        try (OpenAiStubServer stub = OpenAiStubServer.builder()
                .responder(r -> r.first("system").contains("requirements analyst") ? "{\"name\": \"\"}" : Fixtures.goodRulesAnswer()).start();
             LlmClient client = client(LlmEngine.openAiCompatible(stub.baseUrl(), "k", "stub-model", Duration.ofSeconds(5)), cache,
                     new CopyOnWriteArrayList<>())) {
            List<Agent> offline = new java.util.ArrayList<>(FakeTemplateAgents.offlineAgents());
            offline.set(0, new io.autonoma.agents.analyst.RequirementsAnalystAgent());
            List<Agent> agents = LlmEngine.builder().client(client).analystTries(2).fallbackToOfflineAnalyst(true).build().agents(offline);
            List<GenerationEvent> events = new CopyOnWriteArrayList<>();
            GenerationResult result;
            try (DefaultPipeline pipeline = DefaultPipeline.builder().store(new InMemoryArtifactStore()).agents(agents).build()) {
                result = pipeline.run(GenerationRequest.builder().prompt(Fixtures.LIBRARY_PROMPT).build(), events::add).await();
            }
            assertThat(result.succeeded()).as(result.error().orElse("")).isTrue();
            assertThat(result.spec().orElseThrow().entities()).extracting(e -> e.name()).contains("Book", "Member", "Loan");
            assertThat(events).anyMatch(e -> e instanceof GenerationEvent.AgentLog l && l.message().contains("using the 'requirements' fallback"));
            assertThat(stub.requests()).filteredOn(r -> r.first("system").contains("requirements analyst")).hasSize(2);
        }
    }

    private static int indexOfFinish(List<GenerationEvent> events, String agent) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof GenerationEvent.AgentFinished f && f.agent().equals(agent)) return i;
        }
        return -1;
    }

    @Test
    void an_unreachable_endpoint_fails_the_run_quickly_with_a_clear_message(@TempDir Path cache) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ChatModel model = LlmEngine.openAiCompatible("http://127.0.0.1:" + port + "/v1", "k", "stub-model", Duration.ofSeconds(30));
        long start = System.nanoTime();
        GenerationResult result;
        try (LlmClient client = client(model, cache, new CopyOnWriteArrayList<>())) {
            result = generate(client, new InMemoryArtifactStore(), new CopyOnWriteArrayList<>());
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.failedAgent()).contains("requirements");
        assertThat(result.error().orElseThrow()).contains("cannot reach the model endpoint", "base URL");
    }

    @Test
    void a_wrong_key_fails_with_a_pointer_to_the_environment_variable(@TempDir Path cache) {
        try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(LlmEngineStubServerTest::respond).apiKey("right").start()) {
            ChatModel model = LlmEngine.openAiCompatible(stub.baseUrl(), "wrong", "stub-model", Duration.ofSeconds(5));
            GenerationResult result;
            try (LlmClient client = client(model, cache, new CopyOnWriteArrayList<>())) {
                result = generate(client, new InMemoryArtifactStore(), new CopyOnWriteArrayList<>());
            }
            assertThat(result.error().orElseThrow()).contains("AUTONOMA_API_KEY");
            assertThat(stub.requests()).hasSize(1);
        }
    }

    @Test
    void budget_exhausted_mid_run_keeps_the_partial_project_and_says_why(@TempDir Path cache, @TempDir Path measureCache) {
        try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(LlmEngineStubServerTest::respond).start();
             LlmClient client = client(LlmEngine.openAiCompatible(stub.baseUrl(), "k", "stub-model", Duration.ofSeconds(5)), cache,
                     new CopyOnWriteArrayList<>())) {
            // what the analyst's request costs today (its prompt grows with the spec schema), measured
            // in a run of its own with a separate cache
            List<LlmCallRecord> measured = new CopyOnWriteArrayList<>();
            try (LlmClient measuring = client(LlmEngine.openAiCompatible(stub.baseUrl(), "k", "stub-model", Duration.ofSeconds(5)),
                    measureCache, measured)) {
                assertThat(generate(measuring, new InMemoryArtifactStore(), new CopyOnWriteArrayList<>()).succeeded()).isTrue();
            }
            long analyst = measured.stream().filter(c -> c.agent().equals(io.autonoma.agents.AgentIds.REQUIREMENTS.name()))
                    .mapToLong(c -> c.inputTokens() + c.outputTokens()).sum();
            List<Agent> agents = LlmEngine.builder().client(client).build().agents(realOfflineAgents());
            InMemoryArtifactStore store = new InMemoryArtifactStore();
            GenerationResult result;
            try (DefaultPipeline pipeline = DefaultPipeline.builder().store(store).agents(agents).maxAttempts(1).build()) {
                // enough for the analyst's answer as measured above, not for the business rules
                result = pipeline.run(GenerationRequest.builder().prompt(Fixtures.LIBRARY_PROMPT)
                        .budget(Budget.of(analyst + 100, Long.MAX_VALUE)).build()).await();
            }
            assertThat(result.succeeded()).isFalse();
            assertThat(result.failedAgent()).contains("business-rules");
            assertThat(result.error().orElseThrow()).contains("budget exhausted", "raise the budget");
            assertThat(result.files()).contains("app-spec.json", "backend/app/main.py");
            assertThat(files(store).get("backend/app/rules.py")).isEqualTo(Fixtures.defaultRulesPy());
        }
    }

    @Test
    void engine_replaces_the_analyst_adds_the_rules_agent_and_orders_security_after_it() {
        try (LlmClient client = LlmClient.builder().model(new ScriptedChatModel()).build()) {
            List<Agent> agents = LlmEngine.builder().client(client).build().agents(FakeTemplateAgents.offlineAgents());
            assertThat(agents).extracting(Agent::name)
                    .containsExactly("requirements", "backend", "architecture", "performance", "security", "business-rules");
            assertThat(agents.get(0)).isInstanceOf(LlmRequirementsAnalystAgent.class);
            assertThat(agents.get(4).dependsOn()).containsExactlyInAnyOrder("backend", "architecture", "performance", "business-rules");
            assertThat(agents.get(5).dependsOn()).containsExactly("backend");
            assertThat(LlmEngine.builder().client(client).businessRules(false).build().agents(FakeTemplateAgents.offlineAgents()))
                    .extracting(Agent::name).doesNotContain("business-rules");
            List<Agent> withTesting = new java.util.ArrayList<>(FakeTemplateAgents.offlineAgents());
            withTesting.add(new Agent() {
                @Override public String name() { return "testing"; }
                @Override public java.util.Set<String> dependsOn() { return java.util.Set.of("backend"); }
                @Override public io.autonoma.core.pipeline.AgentResult run(io.autonoma.core.pipeline.AgentContext c) { return null; }
            });
            assertThat(LlmEngine.builder().client(client).build().agents(withTesting))
                    .filteredOn(a -> a.name().equals("business-rules")).singleElement()
                    .satisfies(a -> assertThat(a.dependsOn()).containsExactlyInAnyOrder("backend", "testing"));
            assertThatThrownBy(() -> LlmEngine.builder().client(client).build().agents(List.of(new FakeTemplateAgents.Backend())))
                    .hasMessageContaining("no 'requirements' agent");
        }
    }

    @Test
    void openai_model_settings_are_checked_up_front() {
        assertThatThrownBy(() -> LlmEngine.openAiCompatible("", "k", "m", Duration.ofSeconds(1))).hasMessageContaining("--base-url");
        assertThatThrownBy(() -> LlmEngine.openAiCompatible("ftp://x", "k", "m", Duration.ofSeconds(1))).hasMessageContaining("http://");
        assertThatThrownBy(() -> LlmEngine.openAiCompatible("http://127.0.0.1:1/v1", " ", "m", Duration.ofSeconds(1)))
                .hasMessageContaining("AUTONOMA_API_KEY");
        assertThatThrownBy(() -> LlmEngine.openAiCompatible("http://127.0.0.1:1/v1", "k", "", Duration.ofSeconds(1)))
                .hasMessageContaining("--model");
        assertThatThrownBy(() -> LlmEngine.apiKey(Map.<String, String>of()::get)).hasMessageContaining("AUTONOMA_API_KEY")
                .hasMessageContaining("never from a flag").hasMessageContaining("never from a property");
        assertThat(LlmEngine.apiKey(Map.of("AUTONOMA_API_KEY", " abc ")::get)).isEqualTo("abc");
    }
}
