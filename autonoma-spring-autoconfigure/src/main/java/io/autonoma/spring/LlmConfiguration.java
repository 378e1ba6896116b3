package io.autonoma.spring;

import io.autonoma.llm.LlmCallListener;
import io.autonoma.llm.LlmClient;
import io.autonoma.llm.LlmEngine;
import io.autonoma.llm.LlmPricing;
import io.autonoma.llm.LlmResponseCache;
import io.autonoma.core.AutonomaException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code autonoma.engine=llm}: an {@link LlmClient} for an OpenAI-compatible endpoint from
 * {@code autonoma.model.*}, with the API key from the environment variable
 * {@value AutonomaProperties#API_KEY_ENV} only. Backs off when the application defines its own
 * {@link LlmClient} (any langchain4j {@code ChatModel}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "autonoma.engine", havingValue = "llm")
public class LlmConfiguration {

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
        String key = environment.apply(AutonomaProperties.API_KEY_ENV);
        if (key == null || key.isBlank()) {
            throw new AutonomaException("autonoma.engine=llm reads the model API key from the environment variable "
                    + AutonomaProperties.API_KEY_ENV + " only (never from a property); set it, e.g. export "
                    + AutonomaProperties.API_KEY_ENV + "=... (any value for a local server that needs no key)");
        }
        key = key.strip();
        try {
            return LlmEngine.openAiCompatibleClient(m.getBaseUrl(), key, m.getName(), timeout,
                    LlmPricing.perThousand(m.getPriceInputPer1k().doubleValue(), m.getPriceOutputPer1k().doubleValue()),
                    m.getCacheDir() == null ? LlmResponseCache.inMemory() : LlmResponseCache.onDisk(m.getCacheDir()),
                    LlmCallListener.none());
        } catch (IllegalArgumentException e) {
            throw new AutonomaException("autonoma.model.*: " + e.getMessage(), e);
        }
    }
}
