package io.autonoma.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.Autonoma;
import io.autonoma.agents.engine.Engine;
import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.FileSystemArtifactStore;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.spring.actuate.AutonomaHealthIndicator;
import io.autonoma.spring.actuate.AutonomaMetrics;
import io.autonoma.spring.generation.Generations;
import io.autonoma.agents.seed.LazyTemplateIndex;
import io.autonoma.spring.web.GenerationController;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class AutonomaAutoConfigurationTest {

    @TempDir
    Path tmp;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AutonomaAutoConfiguration.class))
                .withPropertyValues("autonoma.output-root=" + tmp.resolve("out"), "autonoma.templates.semantic=false");
    }

    // ------------------------------------------------------------------ defaults

    @Test
    void defaults_give_a_filesystem_store_a_lazy_index_and_the_eight_offline_agents() {
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).hasSingleBean(AutonomaProperties.class);
            assertThat(ctx.getBean(ArtifactStore.class)).isInstanceOf(FileSystemArtifactStore.class);
            assertThat(((FileSystemArtifactStore) ctx.getBean(ArtifactStore.class)).root())
                    .isEqualTo(tmp.resolve("out").toRealPath());
            assertThat(ctx.getBean(TemplateIndex.class)).isInstanceOf(LazyTemplateIndex.class);
            assertThat(((LazyTemplateIndex) ctx.getBean(TemplateIndex.class)).loaded()).as("no model loaded at startup").isFalse();
            Pipeline pipeline = ctx.getBean(Pipeline.class);
            assertThat(pipeline).isInstanceOf(DefaultPipeline.class);
            assertThat(pipeline.store()).isSameAs(ctx.getBean(ArtifactStore.class));
            assertThat(pipeline.agents()).extracting(Agent::name).containsExactlyInAnyOrder(
                    "requirements", "architecture", "backend", "testing", "frontend", "security", "performance", "deployment");
            assertThat(ctx).hasSingleBean(Generations.class);
            assertThat(ctx).hasSingleBean(AutonomaHealthIndicator.class);
            assertThat(ctx).doesNotHaveBean(AutonomaMetrics.class); // no MeterRegistry here
        });
    }

    @Test
    void the_autonoma_bean_is_the_composition_root_of_the_pipeline_and_generations() {
        runner().withPropertyValues("autonoma.api.max-prompt-chars=300", "autonoma.budget.max-tokens=5000").run(ctx -> {
            Autonoma autonoma = ctx.getBean(Autonoma.class);
            assertThat(autonoma.engine()).isSameAs(Engine.offline()).isSameAs(ctx.getBean(Engine.class));
            assertThat(autonoma.pipeline()).isSameAs(ctx.getBean(Pipeline.class));
            assertThat(autonoma.store()).isSameAs(ctx.getBean(ArtifactStore.class));
            assertThat(autonoma.templateIndex()).isSameAs(ctx.getBean(TemplateIndex.class));
            assertThat(autonoma.maxPromptChars()).isEqualTo(300);
            assertThat(autonoma.request("a todo app with tasks that have a title").budget().maxTokens()).isEqualTo(5000);
            assertThat(autonoma.runs()).as("no run store without PostgreSQL").isEmpty();
            assertThat(ctx.getBean(Generations.class).autonoma()).isSameAs(autonoma);
        });
    }

    @Test
    void a_user_engine_bean_drives_the_pipeline() {
        runner().withUserConfiguration(UserEngine.class).run(ctx -> {
            assertThat(ctx.getBean(Autonoma.class).engine()).isSameAs(ctx.getBean("myEngine"));
            assertThat(ctx.getBean(Pipeline.class).agents()).extracting(Agent::name).contains("extra", "requirements");
        });
    }

    @Test
    void template_pack_beans_are_rendered_after_the_built_in_packs() {
        runner().withUserConfiguration(UserPack.class).run(ctx -> {
            Autonoma autonoma = ctx.getBean(Autonoma.class);
            assertThat(autonoma.packs().names()).endsWith("spring-notes");
            assertThat(ctx.getBean(Pipeline.class).agents()).extracting(Agent::name).contains("spring-notes", "backend");
            var result = autonoma.generate(io.autonoma.core.spec.AppSpec.builder("Notes").entity(new io.autonoma.core.spec.Entity("Note",
                    List.of(io.autonoma.core.spec.Field.builder("title", io.autonoma.core.spec.FieldType.STRING).build()))).build());
            assertThat(autonoma.store().get(result.projectId(), "notes/README.md")).hasValueSatisfying(a ->
                    assertThat(a.text()).isEqualTo("Notes: Note\n"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserPack {
        @Bean
        TemplatePack springNotes() {
            return new TemplatePack() {
                @Override public io.autonoma.agents.pack.PackDescriptor descriptor() {
                    return io.autonoma.agents.pack.PackDescriptor.builder("spring-notes").build();
                }
                @Override public Object view(io.autonoma.core.spec.AppSpec spec) {
                    return java.util.Map.of("app", spec.name(), "entities", spec.entities());
                }
            };
        }
    }

    @Test
    void the_llm_engine_without_autonoma_llm_fails_startup_saying_what_to_add() {
        runner().withClassLoader(new FilteredClassLoader("io.autonoma.llm"))
                .withPropertyValues("autonoma.engine=llm", "autonoma.model.base-url=http://127.0.0.1:9/v1", "autonoma.model.name=m")
                .run(ctx -> assertThat(ctx.getStartupFailure()).rootCause()
                        .hasMessageContaining("autonoma.engine=llm needs the LLM engine")
                        .hasMessageContaining("io.autonoma:autonoma-llm"));
        runner().withClassLoader(new FilteredClassLoader("io.autonoma.llm"))
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(Autonoma.class));
    }

    @Test
    void default_output_root_is_autonoma_under_the_temp_directory() {
        AutonomaProperties p = new AutonomaProperties();
        assertThat(p.resolvedOutputRoot()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "autonoma"));
        assertThat(p.getEngine()).isEqualTo(AutonomaProperties.Engine.OFFLINE);
        assertThat(p.getApi().isEnabled()).isFalse();
        assertThat(p.toBudget().maxTokens()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void properties_bind_from_relaxed_names() {
        runner().withPropertyValues("autonoma.store.type=memory", "autonoma.agent-timeout=45s",
                "autonoma.budget.max-tokens=5000", "autonoma.budget.max-cost-usd=0.25", "autonoma.api.max-prompt-chars=300",
                "autonoma.model.base-url=http://127.0.0.1:9/v1", "autonoma.model.name=tiny").run(ctx -> {
            AutonomaProperties p = ctx.getBean(AutonomaProperties.class);
            assertThat(p.getAgentTimeout()).isEqualTo(Duration.ofSeconds(45));
            assertThat(p.getBudget().getMaxCostUsd()).isEqualByComparingTo(new BigDecimal("0.25"));
            Budget b = p.toBudget();
            assertThat(b.maxTokens()).isEqualTo(5000);
            assertThat(b.maxCostMicros()).isEqualTo(250_000);
            assertThat(p.getApi().getMaxPromptChars()).isEqualTo(300);
            assertThat(p.getModel().getBaseUrl()).isEqualTo("http://127.0.0.1:9/v1");
            assertThat(ctx.getBean(ArtifactStore.class)).isInstanceOf(InMemoryArtifactStore.class);
        });
    }

    @Test
    void keyword_only_index_when_semantic_search_is_off() {
        runner().run(ctx -> {
            TemplateIndex index = ctx.getBean(TemplateIndex.class);
            assertThat(index.toString()).contains("keyword-only");
            assertThat(index.size()).as("the seed is loaded on first use").isPositive();
        });
    }

    // ------------------------------------------------------------------ disabled

    @Test
    void disabled_by_property_creates_nothing() {
        runner().withPropertyValues("autonoma.enabled=false").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx).doesNotHaveBean(AutonomaProperties.class);
            assertThat(ctx).doesNotHaveBean(ArtifactStore.class);
            assertThat(ctx).doesNotHaveBean(TemplateIndex.class);
            assertThat(ctx).doesNotHaveBean(Pipeline.class);
            assertThat(ctx).doesNotHaveBean(Generations.class);
            assertThat(ctx).doesNotHaveBean(AutonomaHealthIndicator.class);
        });
    }

    @Test
    void disabled_by_property_also_turns_off_the_api() {
        webRunner().withPropertyValues("autonoma.enabled=false", "autonoma.api.enabled=true")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GenerationController.class));
    }

    // ------------------------------------------------------------------ back off

    @Test
    void backs_off_to_a_user_artifact_store_and_the_pipeline_uses_it() {
        runner().withUserConfiguration(UserStore.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(ArtifactStore.class);
            assertThat(ctx.getBean(ArtifactStore.class)).isSameAs(ctx.getBean("myStore"));
            assertThat(ctx.getBean(Pipeline.class).store()).isSameAs(ctx.getBean("myStore"));
        });
    }

    @Test
    void backs_off_to_a_user_template_index() {
        runner().withUserConfiguration(UserIndex.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(TemplateIndex.class);
            assertThat(ctx.getBean(TemplateIndex.class)).isSameAs(ctx.getBean("myIndex"));
        });
    }

    @Test
    void backs_off_to_a_user_pipeline_and_generations_runs_on_it() {
        runner().withUserConfiguration(UserPipeline.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(Pipeline.class);
            assertThat(ctx.getBean(Pipeline.class)).isSameAs(ctx.getBean("myPipeline"));
            assertThat(ctx.getBean(Generations.class).pipeline()).isSameAs(ctx.getBean("myPipeline"));
        });
    }

    @Test
    void backs_off_to_user_generations_metrics_and_health() {
        runner().withUserConfiguration(UserExtras.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(Generations.class);
            assertThat(ctx.getBean(Generations.class)).isSameAs(ctx.getBean("myGenerations"));
            assertThat(ctx).hasSingleBean(AutonomaMetrics.class);
            assertThat(ctx.getBean(AutonomaMetrics.class)).isSameAs(ctx.getBean("myMetrics"));
            assertThat(ctx.getBean("autonomaHealthIndicator")).isInstanceOf(HealthIndicator.class)
                    .isNotInstanceOf(AutonomaHealthIndicator.class);
        });
    }

    // ------------------------------------------------------------------ store choice and startup errors

    @Test
    void postgres_store_type_without_autonoma_store_or_a_data_source_fails_startup_with_what_to_add() {
        runner().withPropertyValues("autonoma.store.type=postgres").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause()
                    .hasMessageContaining("autonoma.store.type=postgres needs io.autonoma:autonoma-store")
                    .hasMessageContaining("DataSource");
        });
    }

    @Test
    void jobs_without_a_data_source_fail_startup_with_what_to_add() {
        runner().withPropertyValues("autonoma.jobs.enabled=true").run(ctx -> {
            assertThat(ctx).hasFailed();
            assertThat(ctx.getStartupFailure()).rootCause()
                    .hasMessageContaining("autonoma.jobs.enabled=true needs com.github.kagkarlsson:db-scheduler")
                    .hasMessageContaining("no DataSource bean was found");
        });
    }

    @Test
    void jobs_off_by_default_leave_generations_in_this_jvm() {
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(io.autonoma.spring.generation.Generations.class).queue()).isEmpty();
            assertThat(ctx).doesNotHaveBean(io.autonoma.spring.generation.GenerationQueue.class);
        });
    }

    // ------------------------------------------------------------------ metrics and health

    @Test
    void metrics_listener_is_attached_to_the_pipeline_when_a_meter_registry_exists() {
        runner().withPropertyValues("autonoma.store.type=memory").withUserConfiguration(Registry.class, FakeAgentsPipelineListener.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(AutonomaMetrics.class);
            Generations generations = ctx.getBean(Generations.class);
            // the default pipeline runs the real agents; a spec-less prompt run is enough to count a run
            var g = generations.start("A todo app where users keep tasks with a title and a due date.");
            MeterRegistry registry = ctx.getBean(MeterRegistry.class);
            long deadline = System.currentTimeMillis() + 60_000;
            while (!g.finished() && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertThat(g.finished()).isTrue();
            assertThat(registry.find("autonoma.runs").counters()).isNotEmpty();
            assertThat(registry.find("autonoma.runs").counters().stream().mapToDouble(c -> c.count()).sum()).isEqualTo(1.0);
            assertThat(ctx.getBean(FakeAgentsPipelineListener.class).events).isNotEmpty();
        });
    }

    @Test
    void no_health_indicator_without_actuator_health_on_the_classpath() {
        runner().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(AutonomaHealthIndicator.class));
    }

    @Test
    void no_metrics_without_micrometer_on_the_classpath() {
        runner().withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(AutonomaMetrics.class));
    }

    @Test
    void health_is_up_with_a_writable_store_and_down_when_its_root_is_gone() {
        runner().run(ctx -> {
            AutonomaHealthIndicator health = ctx.getBean(AutonomaHealthIndicator.class);
            Health up = health.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("writable", true).containsKey("agents");
            Files.delete(tmp.resolve("out"));
            Health down = health.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("writable", false).containsKey("error");
        });
    }

    @Test
    void health_is_down_without_a_pipeline() {
        AutonomaHealthIndicator health = new AutonomaHealthIndicator(new org.springframework.beans.factory.support.StaticListableBeanFactory()
                .getBeanProvider(Pipeline.class));
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }

    // ------------------------------------------------------------------ web

    private WebApplicationContextRunner webRunner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AutonomaAutoConfiguration.class,
                        io.autonoma.spring.web.AutonomaWebAutoConfiguration.class))
                .withPropertyValues("autonoma.output-root=" + tmp.resolve("out"), "autonoma.templates.semantic=false");
    }

    @Test
    void api_is_off_unless_enabled() {
        webRunner().run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GenerationController.class));
        webRunner().withPropertyValues("autonoma.api.enabled=true")
                .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(GenerationController.class));
    }

    @Test
    void api_needs_a_servlet_web_application() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AutonomaAutoConfiguration.class,
                        io.autonoma.spring.web.AutonomaWebAutoConfiguration.class))
                .withPropertyValues("autonoma.output-root=" + tmp.resolve("out"), "autonoma.api.enabled=true")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(GenerationController.class));
    }

    // ------------------------------------------------------------------ user configurations

    @Configuration(proxyBeanMethods = false)
    static class UserStore {
        @Bean ArtifactStore myStore() { return new InMemoryArtifactStore(); }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserIndex {
        @Bean TemplateIndex myIndex() { return new LazyTemplateIndex(() -> { throw new AssertionError("not used"); }, "user"); }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserPipeline {
        @Bean(destroyMethod = "close") DefaultPipeline myPipeline() {
            return DefaultPipeline.builder().store(new InMemoryArtifactStore())
                    .agent(new Agent() {
                        public String name() { return "only"; }
                        public AgentResult run(io.autonoma.core.pipeline.AgentContext c) { return AgentResult.of("ok"); }
                    }).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserEngine {
        @Bean Engine myEngine() {
            return new Engine() {
                @Override public String name() { return "mine"; }
                @Override public List<Agent> agents(io.autonoma.agents.engine.EngineContext context) {
                    List<Agent> agents = new java.util.ArrayList<>(context.offlineAgents());
                    agents.add(new Agent() {
                        public String name() { return "extra"; }
                        public AgentResult run(io.autonoma.core.pipeline.AgentContext c) { return AgentResult.of("ok"); }
                    });
                    return agents;
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserExtras {
        @Bean Generations myGenerations() {
            return Generations.builder().autonoma(Autonoma.builder().pipeline(new UserPipeline().myPipeline()).build()).build();
        }
        @Bean MeterRegistry registry() { return new SimpleMeterRegistry(); }
        @Bean AutonomaMetrics myMetrics(MeterRegistry r) { return new AutonomaMetrics(r); }
        @Bean HealthIndicator autonomaHealthIndicator() { return () -> Health.up().build(); }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registry {
        @Bean MeterRegistry registry() { return new SimpleMeterRegistry(); }
    }

    @Configuration(proxyBeanMethods = false)
    static class FakeAgentsPipelineListener implements GenerationListener {
        final List<GenerationEvent> events = new CopyOnWriteArrayList<>();
        @Override public void onEvent(GenerationEvent event) { events.add(event); }
    }
}
