package io.autonoma.spring;

import io.autonoma.agents.engine.Engine;
import io.autonoma.core.AutonomaException;
import io.autonoma.llm.LlmCallListener;
import io.autonoma.llm.LlmClient;
import io.autonoma.llm.LlmEngine;
import io.autonoma.llm.LlmPricing;
import io.autonoma.llm.LlmResponseCache;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code autonoma.engine=llm} with autonoma-llm on the class path: the {@link LlmEngine} on an
 * {@link LlmClient} for an OpenAI-compatible endpoint from {@code autonoma.model.*}, with the API key
 * from the environment variable {@value AutonomaProperties#API_KEY_ENV} only
 * ({@link LlmEngine#apiKey}). Backs off when the application defines its own {@link LlmClient} (any
 * langchain4j {@code ChatModel}) or its own {@link Engine}. Without autonoma-llm, {@link Missing} fails
 * the startup saying what to add.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = LlmConfiguration.LLM_ENGINE)
@ConditionalOnProperty(name = "autonoma.engine", havingValue = "llm")
public class LlmConfiguration {
    static final String LLM_ENGINE = "io.autonoma.llm.LlmEngine";

    /** Where the key is read from; tests replace it, the application cannot (it is not a property on purpose). */
    static UnaryOperator<String> environment = System::getenv;

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public LlmClient autonomaLlmClient(AutonomaProperties properties) {
        AutonomaProperties.Model m = properties.getModel();
        if (m.getBaseUrl() == null || m.getBaseUrl().isBlank()) {
            throw new AutonomaException("autonoma.engine=llm needs autonoma.model.base-url, the OpenAI-compatible endpoint, "
                    + "e.g. autonoma.model.base-url=http://127.0.0.1:11434/v1 (or define your own LlmClient bean)");
        }
        if (m.getName() == null || m.getName().isBlank()) {
            throw new AutonomaException("autonoma.engine=llm needs autonoma.model.name, e.g. autonoma.model.name=gpt-4o-mini");
        }
        Duration timeout = m.getTimeout();
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new AutonomaException("autonoma.model.timeout must be positive, was " + timeout);
        }
        if (m.getPriceInputPer1k().signum() < 0 || m.getPriceOutputPer1k().signum() < 0) {
            throw new AutonomaException("autonoma.model.price-input-per1k and price-output-per1k must be >= 0");
        }
        String key = LlmEngine.apiKey(environment);
        try {
            return LlmEngine.openAiCompatibleClient(m.getBaseUrl(), key, m.getName(), timeout,
                    LlmPricing.perThousand(m.getPriceInputPer1k().doubleValue(), m.getPriceOutputPer1k().doubleValue()),
                    !m.isCacheEnabled() ? LlmResponseCache.none()
                            : m.getCacheDir() == null ? LlmResponseCache.inMemory() : LlmResponseCache.onDisk(m.getCacheDir()),
                    LlmCallListener.none());
        } catch (IllegalArgumentException e) {
            throw new AutonomaException("autonoma.model.*: " + e.getMessage(), e);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    public Engine autonomaEngine(LlmClient client) {
        return LlmEngine.builder().client(client).build();
    }

    /** {@code autonoma.engine=llm} without autonoma-llm: fail at startup saying what to add. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(LLM_ENGINE)
    @ConditionalOnProperty(name = "autonoma.engine", havingValue = "llm")
    static class Missing {
        @Bean
        @ConditionalOnMissingBean
        Engine autonomaEngine() {
            throw new AutonomaException("autonoma.engine=llm needs the LLM engine: add the dependency io.autonoma:autonoma-llm "
                    + "(or set autonoma.engine=offline)");
        }
    }
}
