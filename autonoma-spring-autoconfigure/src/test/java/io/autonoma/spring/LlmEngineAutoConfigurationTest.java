package io.autonoma.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.llm.LlmClient;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.spring.generation.Generation;
import io.autonoma.spring.generation.Generations;
import io.autonoma.test.llm.OpenAiStubServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code autonoma.engine=llm} from properties alone, against an OpenAI-compatible stub server on 127.0.0.1. */
class LlmEngineAutoConfigurationTest {
    private static final String PROMPT = "A todo app where users keep tasks with a title, a due date and a priority (low, medium, high).";
    private final UnaryOperator<String> realEnvironment = LlmConfiguration.environment;

    @TempDir
    Path tmp;

    @AfterEach
    void restoreEnvironment() {
        LlmConfiguration.environment = realEnvironment;
    }

    private ApplicationContextRunner runner(Map<String, String> env) {
        LlmConfiguration.environment = env::get;
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AutonomaAutoConfiguration.class))
                .withPropertyValues("autonoma.output-root=" + tmp.resolve("out"), "autonoma.templates.semantic=false",
                        "autonoma.store.type=memory", "autonoma.engine=llm");
    }

    /** The analyst's answer is what the offline analyst reads from the quoted description; the code agent adds no files. */
    private static String respond(OpenAiStubServer.Request r) {
        if (r.first("system").contains("requirements analyst")) {
            String user = r.first("user");
            String description = user.substring(user.indexOf("<app_description>") + 17, user.indexOf("</app_description>")).strip();
            return AppSpecJson.write(OfflineRequirementsAnalyst.create().analyze(description));
        }
        return "{\"files\": []}";
    }

    @Test
    void properties_and_the_environment_key_give_a_pipeline_that_asks_the_model() throws Exception {
        try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(LlmEngineAutoConfigurationTest::respond).apiKey("k-123").start()) {
            runner(Map.of("AUTONOMA_API_KEY", "k-123"))
                    .withPropertyValues("autonoma.model.base-url=" + stub.baseUrl(), "autonoma.model.name=stub-model",
                            "autonoma.model.timeout=20s")
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed().hasSingleBean(LlmClient.class);
                        Generation g = ctx.getBean(Generations.class).start(PROMPT);
                        long deadline = System.currentTimeMillis() + 120_000;
                        while (!g.finished() && System.currentTimeMillis() < deadline) Thread.sleep(20);
                        assertThat(g.status()).as(g.message()).isEqualTo(Generation.Status.SUCCEEDED);
                        assertThat(stub.requests()).isNotEmpty();
                        assertThat(stub.requests()).allSatisfy(r -> assertThat(r.model()).isEqualTo("stub-model"));
                        ArtifactStore store = ctx.getBean(ArtifactStore.class);
                        assertThat(store.get(g.projectId(), "app-spec.json")).get().extracting(a -> a.text()).asString().contains("\"Task\"");
                        assertThat(store.get(g.projectId(), "backend/app/rules.py")).isPresent();
                        assertThat(g.events().toString()).doesNotContain("k-123");
                    });
        }
    }

    @Test
    void a_missing_base_url_model_name_or_key_fails_startup_saying_what_to_set() {
        runner(Map.of("AUTONOMA_API_KEY", "k")).withPropertyValues("autonoma.model.name=m").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("autonoma.model.base-url"));
        runner(Map.of("AUTONOMA_API_KEY", "k")).withPropertyValues("autonoma.model.base-url=http://127.0.0.1:9/v1").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("autonoma.model.name"));
        runner(Map.of()).withPropertyValues("autonoma.model.base-url=http://127.0.0.1:9/v1", "autonoma.model.name=m").run(ctx ->
                assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("AUTONOMA_API_KEY").hasMessageContaining("never from a property"));
        runner(Map.of("AUTONOMA_API_KEY", "k")).withPropertyValues("autonoma.model.base-url=ftp://example/v1", "autonoma.model.name=m").run(ctx ->
                assertThat(ctx.getStartupFailure()).hasStackTraceContaining("autonoma.model.*: ").rootCause().hasMessageContaining("ftp://example/v1"));
    }

    @Test
    void the_offline_engine_makes_no_model_client() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AutonomaAutoConfiguration.class))
                .withPropertyValues("autonoma.output-root=" + tmp.resolve("out"), "autonoma.templates.semantic=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(LlmClient.class));
    }
}
