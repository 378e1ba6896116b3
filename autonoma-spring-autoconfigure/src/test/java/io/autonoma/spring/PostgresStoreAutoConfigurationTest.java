package io.autonoma.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.Autonoma;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.FileSystemArtifactStore;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.core.pipeline.RunStore;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.test.HashingEmbeddingModel;
import io.autonoma.store.PostgresArtifactStore;
import io.autonoma.store.PostgresRuns;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store choice when autonoma-store is on the classpath. The DataSource points at a closed port:
 * with {@code autonoma.store.migrate=false} nothing connects while the context starts.
 */
class PostgresStoreAutoConfigurationTest {

    @TempDir
    Path tmp;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AutonomaAutoConfiguration.class))
                .withPropertyValues("autonoma.output-root=" + tmp, "autonoma.templates.semantic=false", "autonoma.store.migrate=false");
    }

    @Test
    void postgres_store_is_chosen_when_autonoma_store_and_a_data_source_are_present() {
        runner().withUserConfiguration(Db.class).withPropertyValues("autonoma.store.owner-id=team-7").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            ArtifactStore store = ctx.getBean(ArtifactStore.class);
            assertThat(store).isInstanceOf(PostgresArtifactStore.class);
            assertThat(((PostgresArtifactStore) store).ownerId()).isEqualTo("team-7");
            assertThat(ctx.getBean(Pipeline.class).store()).isSameAs(store);
        });
    }

    @Test
    void with_the_postgres_store_runs_are_recorded_for_resume_unless_switched_off() {
        runner().withUserConfiguration(Db.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(RunStore.class);
            assertThat(ctx.getBean(RunStore.class)).isInstanceOf(PostgresRuns.class);
            assertThat(ctx.getBean(Autonoma.class).runs()).containsSame(ctx.getBean(RunStore.class));
        });
        runner().withUserConfiguration(Db.class).withPropertyValues("autonoma.store.record-runs=false").run(ctx -> {
            assertThat(ctx).doesNotHaveBean(RunStore.class);
            assertThat(ctx.getBean(Autonoma.class).runs()).isEmpty();
        });
        runner().run(ctx -> assertThat(ctx).doesNotHaveBean(RunStore.class));
    }

    @Test
    void templates_in_postgres_need_an_embedding_model_and_load_on_first_use() {
        runner().withUserConfiguration(Db.class).withPropertyValues("autonoma.templates.store=postgres").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("autonoma.templates.store=postgres needs an embedding model")
                        .hasMessageContaining("autonoma-embeddings-all-minilm-l6-v2"));
        runner().withUserConfiguration(Db.class, Model.class).withPropertyValues("autonoma.templates.store=postgres").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            TemplateIndex index = ctx.getBean(TemplateIndex.class);
            assertThat(index.toString()).contains("pgvector", "not loaded yet");
            assertThat(ctx.getBean(Autonoma.class).templateIndex()).isSameAs(index);
        });
    }

    @Test
    void an_embedding_model_bean_makes_the_in_memory_index_semantic() {
        runner().withUserConfiguration(Model.class).withPropertyValues("autonoma.templates.semantic=true")
                .run(ctx -> assertThat(ctx.getBean(TemplateIndex.class).toString()).contains("keyword + HashingEmbeddingModel"));
    }

    @Test
    void explicit_postgres_type_uses_the_data_source_too() {
        runner().withUserConfiguration(Db.class).withPropertyValues("autonoma.store.type=postgres")
                .run(ctx -> assertThat(ctx.getBean(ArtifactStore.class)).isInstanceOf(PostgresArtifactStore.class));
    }

    @Test
    void filesystem_store_without_a_data_source() {
        runner().run(ctx -> assertThat(ctx.getBean(ArtifactStore.class)).isInstanceOf(FileSystemArtifactStore.class));
    }

    @Test
    void filesystem_store_when_autonoma_store_is_not_on_the_classpath() {
        runner().withUserConfiguration(Db.class).withClassLoader(new FilteredClassLoader("io.autonoma.store."))
                .run(ctx -> assertThat(ctx.getBean(ArtifactStore.class)).isInstanceOf(FileSystemArtifactStore.class));
    }

    @Test
    void an_explicit_store_type_wins_over_the_data_source() {
        runner().withUserConfiguration(Db.class).withPropertyValues("autonoma.store.type=memory")
                .run(ctx -> assertThat(ctx.getBean(ArtifactStore.class)).isInstanceOf(InMemoryArtifactStore.class));
        runner().withUserConfiguration(Db.class).withPropertyValues("autonoma.store.type=filesystem")
                .run(ctx -> assertThat(ctx.getBean(ArtifactStore.class)).isInstanceOf(FileSystemArtifactStore.class));
    }

    @Test
    void a_user_store_wins_over_postgres() {
        runner().withUserConfiguration(Db.class, UserStore.class).run(ctx -> {
            assertThat(ctx).hasSingleBean(ArtifactStore.class);
            assertThat(ctx.getBean(ArtifactStore.class)).isSameAs(ctx.getBean("myStore"));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Db {
        @Bean
        DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl("jdbc:postgresql://127.0.0.1:1/autonoma");
            return ds;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Model {
        @Bean HashingEmbeddingModel embeddingModel() { return new HashingEmbeddingModel(); }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStore {
        @Bean ArtifactStore myStore() { return new InMemoryArtifactStore(); }
    }
}
