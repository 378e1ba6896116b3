package io.autonoma.spring;

import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.pipeline.RunStore;
import io.autonoma.store.PostgresArtifactStore;
import io.autonoma.store.PostgresRuns;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Postgres {@link ArtifactStore} on the application's {@link DataSource}, and (unless
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

    @Bean
    @ConditionalOnMissingBean(RunStore.class)
    @ConditionalOnBooleanProperty(name = "autonoma.store.record-runs", matchIfMissing = true)
    PostgresRuns autonomaRuns(DataSource dataSource, AutonomaProperties properties) {
        return PostgresRuns.builder().dataSource(dataSource).ownerId(properties.getStore().getOwnerId()).build();
    }
}
