package io.autonoma.spring;

import io.autonoma.core.artifact.ArtifactStore;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.agents.seed.LazyTemplateIndex;
import io.autonoma.agents.seed.SeedTemplates;
import io.autonoma.agents.spi.EmbeddingModelProvider;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.RunStore;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.store.PgVectorTemplateIndex;
import io.autonoma.store.PostgresArtifactStore;
import io.autonoma.store.PostgresRuns;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Postgres {@link ArtifactStore} on the application's {@link DataSource}, the pgvector
 * {@link TemplateIndex} when {@code autonoma.templates.store=postgres}, and (unless
 * {@code autonoma.store.record-runs=false}) the Postgres {@link RunStore}: every run's request,
 * events and checkpoints, so that {@code Autonoma.resume(runId)} continues it after a crash. Only loaded when
 * autonoma-store is on the classpath (its class is never touched otherwise), a DataSource bean
 * exists, and {@code autonoma.store.type} is unset or {@code postgres}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.autonoma.store.PostgresArtifactStore")
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(name = "autonoma.store.type", havingValue = "postgres", matchIfMissing = true)
class PostgresStoreConfiguration {

    @Bean
    @ConditionalOnMissingBean(ArtifactStore.class)
    PostgresArtifactStore autonomaArtifactStore(DataSource dataSource, AutonomaProperties properties) {
        return PostgresArtifactStore.builder()
                .dataSource(dataSource)
                .ownerId(properties.getStore().getOwnerId())
                .migrate(properties.getStore().isMigrate())
                .build();
    }

    /**
     * {@code autonoma.templates.store=postgres}: the seed templates in pgvector ({@link PgVectorTemplateIndex}),
     * embedded with the application's {@code EmbeddingModel} bean or an embedding module's model (384
     * dimensions), loaded into the database on first use.
     */
    @Bean
    @ConditionalOnMissingBean(TemplateIndex.class)
    @ConditionalOnProperty(name = "autonoma.templates.store", havingValue = "postgres")
    TemplateIndex autonomaPgVectorTemplateIndex(DataSource dataSource, AutonomaProperties properties, ObjectProvider<EmbeddingModel> models) {
        EmbeddingModel model = Optional.ofNullable(models.getIfUnique())
                .or(() -> DefaultTemplateIndex.embeddingModelProvider().map(EmbeddingModelProvider::embeddingModel))
                .orElseThrow(() -> new AutonomaException("autonoma.templates.store=postgres needs an embedding model of "
                        + PgVectorTemplateIndex.DIMENSION + " dimensions: add io.autonoma:autonoma-embeddings-all-minilm-l6-v2 "
                        + "or define an EmbeddingModel bean (or set autonoma.templates.store=memory)"));
        String namespace = properties.getTemplates().getNamespace();
        return new LazyTemplateIndex(() -> {
            PgVectorTemplateIndex index = PgVectorTemplateIndex.builder().dataSource(dataSource).embeddingModel(model)
                    .namespace(namespace).migrate(properties.getStore().isMigrate()).build();
            index.addAll(SeedTemplates.load());
            return index;
        }, "seed in PostgreSQL (pgvector, namespace " + namespace + ")");
    }

    @Bean
    @ConditionalOnMissingBean(RunStore.class)
    @ConditionalOnBooleanProperty(name = "autonoma.store.record-runs", matchIfMissing = true)
    PostgresRuns autonomaRuns(DataSource dataSource, AutonomaProperties properties) {
        return PostgresRuns.builder().dataSource(dataSource).ownerId(properties.getStore().getOwnerId()).build();
    }
}
