package io.autonoma.spring;

import io.autonoma.core.AutonomaException;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.FileSystemArtifactStore;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The built-in {@link ArtifactStore} choices, imported in order by {@link AutonomaAutoConfiguration} after {@link PostgresStoreConfiguration}. */
abstract class StoreConfigurations {
    private StoreConfigurations() {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "autonoma.store.type", havingValue = "memory")
    static class Memory {
        @Bean
        @ConditionalOnMissingBean(ArtifactStore.class)
        InMemoryArtifactStore autonomaArtifactStore() {
            return new InMemoryArtifactStore();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "autonoma.store.type", havingValue = "filesystem", matchIfMissing = true)
    static class FileSystem {
        @Bean
        @ConditionalOnMissingBean(ArtifactStore.class)
        FileSystemArtifactStore autonomaArtifactStore(AutonomaProperties properties) {
            return FileSystemArtifactStore.builder().root(properties.resolvedOutputRoot()).build();
        }
    }

    /** {@code autonoma.store.type=postgres} without what it needs: fail at startup saying what is missing. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "autonoma.store.type", havingValue = "postgres")
    static class PostgresMissing {
        @Bean
        @ConditionalOnMissingBean(ArtifactStore.class)
        ArtifactStore autonomaArtifactStore() {
            throw new AutonomaException("autonoma.store.type=postgres needs io.autonoma:autonoma-store on the classpath and a "
                    + "javax.sql.DataSource bean (e.g. spring.datasource.url); add them, or set autonoma.store.type=filesystem");
        }
    }

}
