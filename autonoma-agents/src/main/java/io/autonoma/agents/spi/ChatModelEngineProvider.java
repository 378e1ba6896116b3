package io.autonoma.agents.spi;

import dev.langchain4j.model.chat.ChatModel;
import io.autonoma.agents.engine.Engine;

/**
 * Service-provider interface: makes an {@link Engine} driven by a langchain4j {@link ChatModel}, so
 * that {@code Autonoma.builder().chatModel(model)} works without this module depending on the LLM
 * engine. autonoma-llm registers its implementation in
 * {@code META-INF/services/io.autonoma.agents.spi.ChatModelEngineProvider}; without autonoma-llm on
 * the class path, {@code chatModel(...)} fails saying so.
 */
public interface ChatModelEngineProvider {

    /**
     * An engine asking {@code model}, with the provider's defaults (in-memory response cache, no
     * prices). The engine owns what it creates around the model and releases it on {@link Engine#close()}.
     */
    Engine engine(ChatModel model);
}
