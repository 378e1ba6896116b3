package io.autonoma.llm;

import io.autonoma.test.AgentContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** {@link AgentContract} for an agent that asks a model: every client it was given answers {@link #answer()}, and is closed after the test. */
abstract class LlmAgentContract extends AgentContract {
    private final List<LlmClient> clients = new ArrayList<>();

    /** What the model answers to every request. */
    protected abstract String answer();

    /** A new client on a scripted model that answers {@link #answer()} to every request. */
    protected final LlmClient client() {
        String answer = answer();
        LlmClient client = LlmClient.builder().model(new ScriptedChatModel().otherwise(r -> answer)).modelName("m")
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build();
        clients.add(client);
        return client;
    }

    @AfterEach
    void closeClients() {
        clients.forEach(LlmClient::close);
    }
}
