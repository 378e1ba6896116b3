package io.autonoma.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.engine.Engine;
import io.autonoma.agents.engine.EngineContext;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import io.autonoma.core.guard.PromptGuard;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.InMemoryRunStore;
import io.autonoma.core.spec.AppSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Autonoma} as the composition root: what it assembles by default, the request boundary, engines, resume. */
class AutonomaTest {
    private static final String TODO = "A todo app where users keep tasks with a title, a due date and a priority (low, medium, high).";

    // ------------------------------------------------------------------ defaults

    @Test
    void by_default_the_offline_engine_runs_the_eight_agents_on_an_in_memory_store_with_keyword_search() {
        try (Autonoma autonoma = Autonoma.builder().build()) {
            assertThat(autonoma.engine()).isSameAs(Engine.offline());
            assertThat(autonoma.store()).isInstanceOf(InMemoryArtifactStore.class);
            assertThat(autonoma.templateIndex().toString()).contains("keyword-only", "not loaded yet");
            assertThat(autonoma.pipeline().agents()).extracting(Agent::name).containsExactlyInAnyOrder(
                    "requirements", "architecture", "backend", "testing", "frontend", "performance", "deployment", "security");
            assertThat(autonoma.runs()).isEmpty();
            assertThat(autonoma.maxPromptChars()).isEqualTo(PromptGuard.DEFAULT_MAX_CHARS);

            GenerationResult result = autonoma.generate(TODO);

            assertThat(result.succeeded()).as(result.error().orElse("")).isTrue();
            assertThat(autonoma.templateIndex().toString()).as("a prompt that names its fields needs no index").contains("not loaded yet");
        }
    }

    // ------------------------------------------------------------------ request boundary

    @Test
    void the_boundary_checks_the_prompt_once_and_the_analyst_notes_what_was_removed() {
        List<GenerationEvent> events = new CopyOnWriteArrayList<>();
        try (Autonoma autonoma = Autonoma.builder().build()) {
            GenerationRequest request = autonoma.request(TODO + "\n```\nrm -rf /\n```");

            assertThat(request.prompt()).isEqualTo(TODO).doesNotContain("```");
            assertThat(PromptGuard.note(request)).contains("removed code fences from the prompt");
            assertThat(request.options()).containsEntry(Engine.OPTION, "offline");

            GenerationResult result = autonoma.start(request, events::add).await();

            assertThat(result.succeeded()).as(result.error().orElse("")).isTrue();
            assertThat(result.spec().orElseThrow().notes()).contains("Prompt guard removed code fences from the prompt.");
            assertThat(events).anyMatch(e -> e instanceof GenerationEvent.AgentLog l && l.message().equals("prompt guard removed code fences from the prompt"));
        }
    }

    @Test
    void a_request_built_elsewhere_is_checked_at_start_too() {
        List<String> prompts = new CopyOnWriteArrayList<>();
        Agent recorder = agent("requirements", Set.of(), ctx -> {
            prompts.add(ctx.request().prompt());
            return AgentResult.of("ok");
        });
        try (Autonoma autonoma = Autonoma.builder().agents(List.of(recorder)).build()) {
            GenerationRequest raw = GenerationRequest.builder().prompt("a shop <script>alert(1)</script> with products").build();

            assertThat(autonoma.generate(raw).succeeded()).isTrue();
            assertThat(prompts).singleElement().asString().doesNotContain("<script>").contains("a shop", "with products");
        }
    }

    @Test
    void one_limit_rejects_long_prompts_and_empty_ones_with_what_to_do() {
        try (Autonoma autonoma = Autonoma.builder().maxPromptChars(100).build()) {
            assertThatThrownBy(() -> autonoma.request("a".repeat(101))).isInstanceOf(PromptGuard.RejectedPromptException.class)
                    .hasMessageContaining("101").hasMessageContaining("the limit is 100");
            assertThatThrownBy(() -> autonoma.generate(GenerationRequest.builder().prompt("a todo app " + "x".repeat(100)).build()))
                    .isInstanceOf(PromptGuard.RejectedPromptException.class);
            assertThatThrownBy(() -> autonoma.request("   ")).isInstanceOf(PromptGuard.RejectedPromptException.class)
                    .hasMessageContaining("prompt is empty");
        }
    }

    @Test
    void a_request_without_caps_gets_a_fresh_copy_of_the_budget_and_one_with_caps_keeps_them() {
        try (Autonoma autonoma = Autonoma.builder().budget(Budget.of(1000, 2000)).build()) {
            GenerationRequest a = autonoma.request(TODO);
            GenerationRequest b = autonoma.request(TODO);
            assertThat(a.budget().maxTokens()).isEqualTo(1000);
            assertThat(a.budget().maxCostMicros()).isEqualTo(2000);
            assertThat(a.budget()).isNotSameAs(b.budget());

            List<Budget> seen = new CopyOnWriteArrayList<>();
            try (Autonoma recording = Autonoma.builder().budget(Budget.of(1000, 2000))
                    .agents(List.of(agent("requirements", Set.of(), ctx -> {
                        seen.add(ctx.budget());
                        return AgentResult.of("ok");
                    }))).build()) {
                recording.generate(GenerationRequest.builder().prompt(TODO).budget(Budget.of(5, 6)).build());
                recording.generate(GenerationRequest.builder().prompt(TODO).build());
            }
            assertThat(seen).extracting(Budget::maxTokens).containsExactly(5L, 1000L);
        }
    }

    // ------------------------------------------------------------------ engines

    @Test
    void an_engine_decides_the_agents_and_is_recorded_in_every_request_and_closed_with_autonoma() {
        AtomicBoolean closed = new AtomicBoolean();
        Engine extra = new Engine() {
            @Override public String name() { return "extra"; }
            @Override public List<Agent> agents(EngineContext context) {
                List<Agent> agents = new ArrayList<>(context.offlineAgents());
                agents.add(agent("readme-check", AgentId.names(AgentIds.DEPLOYMENT), ctx -> AgentResult.of("checked")));
                return agents;
            }
            @Override public void close() { closed.set(true); }
        };
        try (Autonoma autonoma = Autonoma.builder().engine(extra).build()) {
            assertThat(autonoma.pipeline().agents()).extracting(Agent::name).contains("readme-check", "requirements", "security");
            assertThat(autonoma.request(TODO).options()).containsEntry(Engine.OPTION, "extra");
            assertThat(autonoma.generate(TODO).succeeded()).isTrue();
        }
        assertThat(closed).isTrue();
    }

    @Test
    void a_chat_model_needs_autonoma_llm_on_the_class_path() {
        dev.langchain4j.model.chat.ChatModel model = new dev.langchain4j.model.chat.ChatModel() {};
        assertThatThrownBy(() -> Autonoma.builder().chatModel(model).build()).isInstanceOf(AutonomaException.class)
                .hasMessageContaining("io.autonoma:autonoma-llm");
    }

    // ------------------------------------------------------------------ resume

    @Test
    void a_failed_run_resumes_without_redoing_the_agents_that_finished() {
        AtomicInteger attempts = new AtomicInteger();
        Engine flaky = new Engine() {
            @Override public String name() { return "offline"; }
            @Override public List<Agent> agents(EngineContext context) {
                List<Agent> agents = new ArrayList<>(context.offlineAgents());
                agents.add(agent("flaky", AgentId.names(AgentIds.BACKEND), ctx -> {
                    if (attempts.incrementAndGet() == 1) throw new IllegalStateException("the disk was full");
                    return AgentResult.of("fine now");
                }));
                return agents;
            }
        };
        InMemoryRunStore runs = new InMemoryRunStore();
        try (Autonoma autonoma = Autonoma.builder().engine(flaky).runs(runs).build()) {
            GenerationResult failed = autonoma.generate(TODO);
            assertThat(failed.succeeded()).isFalse();
            assertThat(failed.failedAgent()).contains("flaky");
            String runId = failed.runId();
            assertThat(runs.request(runId)).get().extracting(GenerationRequest::prompt).isEqualTo(TODO);
            assertThat(runs.checkpoints().finished(runId, "backend")).isPresent();

            List<GenerationEvent> events = new CopyOnWriteArrayList<>();
            GenerationResult resumed = autonoma.resume(runId, events::add).await();

            assertThat(resumed.succeeded()).as(resumed.error().orElse("")).isTrue();
            assertThat(resumed.runId()).isEqualTo(runId);
            assertThat(events).filteredOn(e -> e instanceof GenerationEvent.AgentStarted).extracting(e -> ((GenerationEvent.AgentStarted) e).agent())
                    .as("only the agents that had not finished run again").contains("flaky").doesNotContain("requirements", "backend");
            assertThat(autonoma.store().get(resumed.projectId(), "backend/app/main.py")).isPresent();
            assertThat(autonoma.unfinishedRuns()).isEmpty();
        }
    }

    @Test
    void resume_says_what_is_missing() {
        try (Autonoma none = Autonoma.builder().build()) {
            assertThatThrownBy(() -> none.resume("r1", null)).isInstanceOf(AutonomaException.class).hasMessageContaining("runs(");
        }
        InMemoryRunStore runs = new InMemoryRunStore();
        runs.started("r2", GenerationRequest.builder().prompt(TODO).option(Engine.OPTION, "llm").build());
        try (Autonoma autonoma = Autonoma.builder().runs(runs).build()) {
            assertThatThrownBy(() -> autonoma.resume("nope", null)).isInstanceOf(AutonomaException.class).hasMessageContaining("no run 'nope'");
            assertThatThrownBy(() -> autonoma.resume("r2", null)).isInstanceOf(AutonomaException.class)
                    .hasMessageContaining("started with the llm engine");
        }
    }

    @Test
    void every_run_is_recorded_under_its_run_id() {
        InMemoryRunStore runs = new InMemoryRunStore();
        try (Autonoma autonoma = Autonoma.builder().runs(runs).build()) {
            AppSpec spec = autonoma.generate(TODO).spec().orElseThrow();
            GenerationResult again = autonoma.generate(autonoma.request(spec).toBuilder().option(CheckpointStore.RUN_ID_OPTION, "mine").build());
            assertThat(again.runId()).isEqualTo("mine");
            assertThat(runs.request("mine")).get().extracting(r -> r.spec().orElseThrow()).isEqualTo(spec);
        }
    }

    // ------------------------------------------------------------------ builder

    @Test
    void a_ready_pipeline_is_used_as_it_is_and_left_open() {
        DefaultPipeline mine = DefaultPipeline.builder().store(new InMemoryArtifactStore())
                .agent(agent("only", Set.of(), ctx -> AgentResult.of("ok"))).build();
        try (Autonoma autonoma = Autonoma.builder().pipeline(mine).build()) {
            assertThat(autonoma.pipeline()).isSameAs(mine);
            assertThat(autonoma.generate(TODO).succeeded()).isTrue();
        }
        assertThat(mine.run(GenerationRequest.builder().prompt(TODO).build()).await().succeeded()).as("still open").isTrue();
        mine.close();
    }

    @Test
    void build_rejects_settings_that_contradict_each_other() {
        assertThatThrownBy(() -> Autonoma.builder().engine(Engine.offline()).chatModel(new dev.langchain4j.model.chat.ChatModel() {}).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> Autonoma.builder().templateIndex(DefaultTemplateIndex.keywordOnly())
                .embeddingModel(new dev.langchain4j.model.embedding.EmbeddingModel() {
                    @Override public dev.langchain4j.model.output.Response<List<dev.langchain4j.data.embedding.Embedding>> embedAll(
                            List<dev.langchain4j.data.segment.TextSegment> s) { throw new AssertionError(); }
                }).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        DefaultPipeline p = DefaultPipeline.builder().store(new InMemoryArtifactStore()).agent(agent("a", Set.of(), c -> AgentResult.of(""))).build();
        assertThatThrownBy(() -> Autonoma.builder().pipeline(p).store(new InMemoryArtifactStore()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ready pipeline");
        p.close();
        assertThatThrownBy(() -> Autonoma.builder().maxPromptChars(5).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 10");
    }

    // ------------------------------------------------------------------ helpers

    interface Body {
        AgentResult run(AgentContext ctx) throws Exception;
    }

    static Agent agent(String name, Set<String> dependsOn, Body body) {
        return new Agent() {
            @Override public String name() { return name; }
            @Override public Set<String> dependsOn() { return dependsOn; }
            @Override public AgentResult run(AgentContext ctx) throws Exception { return body.run(ctx); }
        };
    }
}
