package io.autonoma.spring.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.Autonoma;
import io.autonoma.core.template.TemplateIndex;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

/**
 * The dependency-only starter: with exactly what it brings (the auto-configuration, the offline engine,
 * Spring Boot) and nothing optional (no autonoma-llm, autonoma-store or embedding module), the
 * registered auto-configurations start Autonoma offline; the LLM engine asks for its module.
 */
class StarterTest {
    private static final ClassLoader LOADER = StarterTest.class.getClassLoader();

    private static ApplicationContextRunner runner() {
        List<String> registered = ImportCandidates.load(AutoConfiguration.class, LOADER).getCandidates();
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(registered.stream().map(StarterTest::load).toArray(Class<?>[]::new)))
                .withPropertyValues("autonoma.store.type=memory");
    }

    private static Class<?> load(String name) {
        return ClassUtils.resolveClassName(name, LOADER);
    }

    @Test
    void brings_the_auto_configuration_and_the_offline_engine_and_nothing_optional() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, LOADER).getCandidates())
                .contains("io.autonoma.spring.AutonomaAutoConfiguration", "io.autonoma.spring.web.AutonomaWebAutoConfiguration");
        assertThat(ClassUtils.isPresent("io.autonoma.agents.Autonoma", LOADER)).isTrue();
        assertThat(ClassUtils.isPresent("io.autonoma.llm.LlmEngine", LOADER)).as("autonoma-llm is optional").isFalse();
        assertThat(ClassUtils.isPresent("io.autonoma.store.PostgresArtifactStore", LOADER)).as("autonoma-store is optional").isFalse();
        assertThat(ClassUtils.isPresent("io.autonoma.embeddings.allminilml6v2.AllMiniLmL6V2Embeddings", LOADER))
                .as("the embedding module is optional").isFalse();
        assertThat(ClassUtils.isPresent("org.treesitter.TSParser", LOADER)).as("no native parser").isFalse();
    }

    @Test
    void starts_autonoma_offline_with_keyword_search() {
        runner().run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(Autonoma.class);
            Autonoma autonoma = ctx.getBean(Autonoma.class);
            assertThat(autonoma.engine().name()).isEqualTo("offline");
            assertThat(ctx.getBean(TemplateIndex.class).toString()).contains("keyword-only");
            assertThat(autonoma.generate("A todo app where users keep tasks with a title and a due date.").succeeded()).isTrue();
        });
    }

    @Test
    void the_llm_engine_asks_for_autonoma_llm() {
        runner().withPropertyValues("autonoma.engine=llm").run(ctx -> assertThat(ctx.getStartupFailure()).rootCause()
                .hasMessageContaining("add the dependency io.autonoma:autonoma-llm"));
    }
}
