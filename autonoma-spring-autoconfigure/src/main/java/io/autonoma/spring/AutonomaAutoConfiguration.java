package io.autonoma.spring;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.autonoma.agents.Autonoma;
import io.autonoma.agents.engine.Engine;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.core.pipeline.RunStore;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.spring.actuate.AutonomaHealthIndicator;
import io.autonoma.spring.actuate.AutonomaMetrics;
import io.autonoma.spring.generation.Generations;
import io.autonoma.spring.generation.RunResultListener;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Auto-configuration for Autonoma: a thin adapter from {@code autonoma.*} properties and beans to
 * {@link Autonoma#builder()}, the one composition root. Every bean backs off when the application
 * defines one of the same type; {@code autonoma.enabled=false} switches everything off.
 *
 * <ul>
 *   <li>{@link ArtifactStore}: see {@link AutonomaProperties.Store#getType()} (Postgres when
 *       autonoma-store and a {@code DataSource} are present, else the filesystem under
 *       {@code autonoma.output-root}; or in memory). With the Postgres store, a {@link RunStore}
 *       records runs for {@link Autonoma#resume} ({@code autonoma.store.record-runs}).</li>
 *   <li>{@link TemplateIndex}: the seed templates, built on first use; semantic with the application's
 *       {@code EmbeddingModel} bean or an embedding module (autonoma-embeddings-all-minilm-l6-v2) on the
 *       class path when {@code autonoma.templates.semantic} is true, else keyword-only; in PostgreSQL
 *       (pgvector) with {@code autonoma.templates.store=postgres}.</li>
 *   <li>{@link Engine}: offline, or with {@code autonoma.engine=llm} the LLM engine of autonoma-llm
 *       (see {@link LlmConfiguration}).</li>
 *   <li>{@link Autonoma} from the above, the budget, the agent timeout, the prompt limit
 *       ({@code autonoma.api.max-prompt-chars}) and every {@link GenerationListener} bean; or around the
 *       application's own {@link Pipeline} bean. Its pipeline is the {@link Pipeline} bean.</li>
 *   <li>{@link Generations}: starts runs through the {@link Autonoma} and remembers them by id (used by the REST API).</li>
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
// first store and engine that match win and the others back off, and the Autonoma bean is defined before
// the Pipeline bean below decides whether the application brought its own.
@Import({LlmConfiguration.class, LlmConfiguration.Missing.class, PostgresStoreConfiguration.class, StoreConfigurations.Memory.class,
        StoreConfigurations.FileSystem.class, StoreConfigurations.PostgresMissing.class,
        AutonomaConfigurations.Assembled.class, AutonomaConfigurations.AroundUserPipeline.class,
        JobsConfiguration.Enabled.class, JobsConfiguration.Missing.class, JobsConfiguration.Metrics.class})
public class AutonomaAutoConfiguration {

    /** The seed index, built on first use: with the application's {@link EmbeddingModel} bean, else as {@link DefaultTemplateIndex#lazy(boolean)}. */
    @Bean
    @ConditionalOnMissingBean
    public TemplateIndex autonomaTemplateIndex(AutonomaProperties properties, ObjectProvider<EmbeddingModel> embeddingModels) {
        EmbeddingModel model = properties.getTemplates().isSemantic() ? embeddingModels.getIfUnique() : null;
        return model != null ? DefaultTemplateIndex.lazy(model) : DefaultTemplateIndex.lazy(properties.getTemplates().isSemantic());
    }

    /** The offline engine, unless {@code autonoma.engine=llm} (or the application) provided another. */
    @Bean
    @ConditionalOnMissingBean
    public Engine autonomaEngine() {
        return Engine.offline();
    }

    /** The assembled pipeline, when the application did not bring one. */
    @Bean
    @ConditionalOnMissingBean(Pipeline.class)
    public Pipeline autonomaPipeline(Autonoma autonoma) {
        return autonoma.pipeline();
    }

    @Bean
    @ConditionalOnMissingBean
    public Generations autonomaGenerations(Autonoma autonoma, AutonomaProperties properties,
                                           ObjectProvider<RunResultListener> resultListeners,
                                           ObjectProvider<io.autonoma.spring.generation.GenerationQueue> queue) {
        AutonomaProperties.Api api = properties.getApi();
        Generations.Builder b = Generations.builder()
                .autonoma(autonoma)
                .maxConcurrentRuns(api.getMaxConcurrentRuns())
                .maxRetainedRuns(api.getMaxRetainedRuns());
        resultListeners.orderedStream().forEach(b::resultListener);
        queue.ifAvailable(b::queue);
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
        AutonomaHealthIndicator autonomaHealthIndicator(ObjectProvider<Pipeline> pipelines,
                                                        ObjectProvider<io.autonoma.spring.generation.GenerationQueue> queues) {
            return new AutonomaHealthIndicator(pipelines, queues);
        }
    }
}
