package io.autonoma.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.test.RunStoreContract;
import org.junit.jupiter.api.Test;

/** The reference {@link RunStore} against the contract (it lives here because the contract is in autonoma-test). */
class InMemoryRunStoreTest extends RunStoreContract {

    @Override
    protected RunStore newStore() {
        return new InMemoryRunStore();
    }

    @Test
    void forget_drops_the_request_and_the_checkpoints() {
        InMemoryRunStore runs = new InMemoryRunStore();
        runs.started("r", GenerationRequest.builder().prompt("a todo app with tasks").build());
        runs.checkpoints().agentFinished("r", "a", AgentResult.of("done"));

        runs.forget("r");

        assertThat(runs.request("r")).isEmpty();
        assertThat(runs.unfinished()).isEmpty();
        assertThat(runs.checkpoints().finished("r", "a")).isEmpty();
    }
}
