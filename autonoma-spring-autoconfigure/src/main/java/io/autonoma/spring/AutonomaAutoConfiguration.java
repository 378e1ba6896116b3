package io.autonoma.spring;

import io.autonoma.agents.Autonoma;
import io.autonoma.llm.LlmClient;
import io.autonoma.llm.LlmEngine;
import io.autonoma.core.pipeline.Agent;
import java.util.List;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.spring.actuate.AutonomaHealthIndicator;
import io.autonoma.spring.actuate.AutonomaMetrics;
import io.autonoma.spring.generation.Generations;
import io.autonoma.spring.generation.RunResultListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration for Autonoma. Every bean backs off when the application defines one of the same
 * type; {@code autonoma.enabled=false} switches everything off.
 *
 * <ul>
 *   <li>{@link ArtifactStore}: see {@link AutonomaProperties.Store#getType()} (Postgres when
 *       autonoma-store and a {@code DataSource} are present, else the filesystem under
 *       {@code autonoma.output-root}; or in memory).</li>
 *   <li>{@link TemplateIndex}: the seed templates, keyword + all-MiniLM (loaded on first search) or
 *       keyword-only ({@code autonoma.templates.semantic=false}).</li>
 *   <li>{@link Pipeline}: the default eight offline agents on a {@link DefaultPipeline}; with
 *       {@code autonoma.engine=llm} the analyst and the business-rules agent use the model of the
 *       {@link LlmClient} bean (see {@link LlmConfiguration}). Every {@link GenerationListener} bean
 *       is attached to it.</li>
 *   <li>{@link Generations}: starts runs and remembers them by id (used by the REST API).</li>
 *   <li>With Actuator: the {@code autonoma} health indicator. With a Micrometer {@link MeterRegistry}:
 *       {@link AutonomaMetrics}.</li>
 * </ul>
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "autonoma.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AutonomaProperties.class)
// Imported in this order (not nested here: member classes would be processed before the imports), so the
// first store that matches wins and the others back off.
@Import({LlmConfiguration.class, PostgresStoreConfiguration.class, StoreConfigurations.Memory.class, StoreConfigurations.FileSystem.class,
        StoreConfigurations.PostgresMissing.class})
public class AutonomaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public TemplateIndex autonomaTemplateIndex(AutonomaProperties properties) {
        return DefaultTemplateIndex.lazy(properties.getTemplates().isSemantic());
    }

    @Bean
    @ConditionalOnMissingBean(Pipeline.class)
    public DefaultPipeline autonomaPipeline(AutonomaProperties properties, ArtifactStore store, TemplateIndex templateIndex,
                                            ObjectProvider<GenerationListener> listeners, ObjectProvider<LlmClient> llmClients) {
        List<Agent> agents = Autonoma.offlineAgents(templateIndex);
        if (properties.getEngine() == AutonomaProperties.Engine.LLM) {
            LlmClient llm = llmClients.getIfAvailable();
            if (llm == null) {
                throw new AutonomaException("autonoma.engine=llm needs an LlmClient bean; the starter makes one from "
                        + "autonoma.model.* unless autonoma.engine is set in a way @ConditionalOnProperty does not see");
            }
            agents = LlmEngine.builder().client(llm).templateIndex(templateIndex).build().agents(agents);
        }
        DefaultPipeline.Builder b = DefaultPipeline.builder()
                .store(store)
                .agents(agents)
                .agentTimeout(properties.getAgentTimeout());
        listeners.orderedStream().forEach(b::listener);
        return b.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public Generations autonomaGenerations(Pipeline pipeline, AutonomaProperties properties,
                                           ObjectProvider<RunResultListener> resultListeners) {
        AutonomaProperties.Api api = properties.getApi();
        Generations.Builder b = Generations.builder()
                .pipeline(pipeline)
                .budget(properties.toBudget())
                .option("engine", properties.getEngine().name().toLowerCase(Locale.ROOT))
                .maxPromptChars(api.getMaxPromptChars())
                .maxConcurrentRuns(api.getMaxConcurrentRuns())
                .maxRetainedRuns(api.getMaxRetainedRuns());
        resultListeners.orderedStream().forEach(b::resultListener);
        return b.build();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {
        @Bean
        @ConditionalOnMissingBean
        AutonomaMetrics autonomaMetrics(MeterRegistry registry) {
            return new AutonomaMetrics(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnEnabledHealthIndicator("autonoma")
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "autonomaHealthIndicator")
        AutonomaHealthIndicator autonomaHealthIndicator(ObjectProvider<Pipeline> pipelines) {
            return new AutonomaHealthIndicator(pipelines);
        }
    }
}
