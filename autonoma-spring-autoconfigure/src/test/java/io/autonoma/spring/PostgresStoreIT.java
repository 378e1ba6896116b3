package io.autonoma.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.autonoma.agents.Autonoma;
import io.autonoma.agents.seed.SeedTemplates;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import io.autonoma.test.HashingEmbeddingModel;
import java.util.List;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.spring.actuate.AutonomaHealthIndicator;
import io.autonoma.spring.generation.Generation;
import io.autonoma.spring.generation.Generations;
import io.autonoma.store.PostgresArtifactStore;
import java.io.ByteArrayOutputStream;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Against a real PostgreSQL + pgvector (AUTONOMA_PG_URL, e.g. from {@code bash ci/pgvector.sh start}):
 * the starter picks the Postgres store for the application's DataSource, migrates it, and a run
 * started through {@link Generations} lands its files in the database.
 */
class PostgresStoreIT {

    @Test
    void a_run_through_the_starter_writes_its_files_into_postgres() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AutonomaAutoConfiguration.class))
                .withUserConfiguration(App.class)
                .withPropertyValues("autonoma.templates.semantic=false", "autonoma.store.owner-id=starter-it-" + UUID.randomUUID())
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    ArtifactStore store = ctx.getBean(ArtifactStore.class);
                    assertThat(store).isInstanceOf(PostgresArtifactStore.class);
                    assertThat(ctx.getBean(AutonomaHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);

                    Generation g = ctx.getBean(Generations.class).start("A notes app where notes have a title and a body.");
                    long deadline = System.currentTimeMillis() + 60_000;
                    while (!g.finished() && System.currentTimeMillis() < deadline) Thread.sleep(20);
                    assertThat(g.status()).isEqualTo(Generation.Status.SUCCEEDED);

                    assertThat(store.list(g.projectId())).extracting(a -> a.path())
                            .containsExactly("app-spec.json", "backend/app/main.py");
                    assertThat(store.get(g.projectId(), "backend/app/main.py").orElseThrow().text()).contains("FastAPI");
                    ByteArrayOutputStream zip = new ByteArrayOutputStream();
                    store.exportZip(g.projectId(), zip);
                    assertThat(zip.size()).isGreaterThan(100);
                });
    }

    @Test
    void templates_in_postgres_are_loaded_with_the_seed_on_first_use_and_searched_there() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AutonomaAutoConfiguration.class))
                .withUserConfiguration(App.class)
                .withBean(HashingEmbeddingModel.class)
                .withPropertyValues("autonoma.templates.store=postgres", "autonoma.templates.namespace=starter-it-" + UUID.randomUUID(),
                        "autonoma.store.owner-id=starter-it-" + UUID.randomUUID())
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    TemplateIndex index = ctx.getBean(Autonoma.class).templateIndex();
                    assertThat(index.toString()).contains("pgvector");
                    List<TemplateMatch> hits = index.search(TemplateQuery.of("kubernetes ingress tls", 3).inCollection("deployment_configs"));
                    assertThat(hits).isNotEmpty();
                    assertThat(hits.get(0).entry().id()).isEqualTo("k8s-ingress");
                    assertThat(index.size()).isEqualTo(SeedTemplates.load().size());
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class App {
        @Bean
        DataSource dataSource() {
            String url = System.getenv("AUTONOMA_PG_URL");
            if (url == null || url.isBlank()) url = System.getProperty("AUTONOMA_PG_URL");
            if (url == null || url.isBlank()) {
                fail("AUTONOMA_PG_URL is not set: start PostgreSQL with 'bash ci/pgvector.sh start' and run "
                        + "'AUTONOMA_PG_URL=\"$(bash ci/pgvector.sh url)\" mvn verify' (or skip with -DskipITs)");
            }
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            return ds;
        }

        /** Two tiny agents on the auto-configured (Postgres) store. */
        @Bean(destroyMethod = "close")
        DefaultPipeline pipeline(ArtifactStore store) {
            return DefaultPipeline.builder().store(store)
                    .agent(file("requirements", Set.of(), "app-spec.json", "{\"name\": \"Notes\"}\n"))
                    .agent(file("backend", Set.of("requirements"), "backend/app/main.py", "from fastapi import FastAPI\napp = FastAPI()\n"))
                    .build();
        }

        private static Agent file(String name, Set<String> deps, String path, String content) {
            return new Agent() {
                @Override public String name() { return name; }
                @Override public Set<String> dependsOn() { return deps; }
                @Override public AgentResult run(AgentContext ctx) {
                    ctx.artifacts().write(path, content);
                    return AgentResult.of("wrote " + path);
                }
            };
        }
    }
}
