package io.autonoma.spring;

import io.autonoma.agents.Autonoma;
import io.autonoma.agents.engine.Engine;
import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.core.pipeline.RunStore;
import io.autonoma.core.template.TemplateIndex;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@link Autonoma} bean, imported in order by {@link AutonomaAutoConfiguration}. */
abstract class AutonomaConfigurations {
    private AutonomaConfigurations() {}

    /** Assembled from the store, index, engine, run store, listeners and properties: the usual case. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(Pipeline.class)
    static class Assembled {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        Autonoma autonoma(AutonomaProperties properties, ArtifactStore store, TemplateIndex templateIndex, Engine engine,
                          ObjectProvider<RunStore> runs, ObjectProvider<GenerationListener> listeners, ObjectProvider<TemplatePack> packs) {
            Autonoma.Builder b = common(properties, templateIndex, engine, packs).store(store).agentTimeout(properties.getAgentTimeout());
            runs.ifAvailable(b::runs);
            listeners.orderedStream().forEach(b::listener);
            return b.build();
        }
    }

    /** Around the application's own {@link Pipeline} bean (its store, agents and listeners are its own). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(Pipeline.class)
    static class AroundUserPipeline {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        Autonoma autonoma(AutonomaProperties properties, Pipeline pipeline, TemplateIndex templateIndex, Engine engine,
                          ObjectProvider<TemplatePack> packs) {
            return common(properties, templateIndex, engine, packs).pipeline(pipeline).build();
        }
    }

    /** Settings both share; the application's {@link TemplatePack} beans are added after the built-in packs, in order. */
    private static Autonoma.Builder common(AutonomaProperties properties, TemplateIndex templateIndex, Engine engine,
                                           ObjectProvider<TemplatePack> packs) {
        Autonoma.Builder b = Autonoma.builder()
                .engine(engine)
                .templateIndex(templateIndex)
                .budget(properties.toBudget())
                .maxPromptChars(properties.getApi().getMaxPromptChars());
        packs.orderedStream().forEach(b::pack);
        if (properties.isVerify()) {
            b.verify(io.autonoma.agents.verify.Verifier.builder().build());
        }
        return b;
    }
}
