package io.autonoma.llm;

import dev.langchain4j.model.chat.ChatModel;
import io.autonoma.agents.engine.Engine;
import io.autonoma.agents.spi.ChatModelEngineProvider;
import java.util.Objects;

/**
 * What {@code Autonoma.builder().chatModel(model)} finds with {@link java.util.ServiceLoader} when this
 * module is on the class path: an {@link LlmEngine} on an {@link LlmClient} for {@code model} with
 * the client's defaults (in-memory response cache, no prices, three attempts). The engine owns that
 * client and closes it.
 */
public final class LlmEngineProvider implements ChatModelEngineProvider {

    @Override
    public Engine engine(ChatModel model) {
        Objects.requireNonNull(model, "model");
        return LlmEngine.builder().client(LlmClient.builder().model(model).build()).closeClient(true).build();
    }
}
