package io.autonoma.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.RunStore;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RunStore} must have, exactly as its Javadoc states. An implementation's
 * test extends this class and implements {@link #newStore()}; each test method gets a fresh store
 * that has recorded no run.
 */
public abstract class RunStoreContract {

    /** Returns a new store with no recorded runs. Called once before every test. */
    protected abstract RunStore newStore() throws Exception;

    protected RunStore store;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    private static String newRunId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static GenerationRequest promptRequest() {
        return GenerationRequest.builder().projectId("shop").prompt("a shop with products that have a name and a price")
                .option("engine", "offline").option("colour", "blue").build();
    }

    private void event(GenerationEvent e) {
        store.listener().onEvent(e);
    }

    @Test
    void a_recorded_request_comes_back_with_its_run_id() {
        String runId = newRunId("a");
        store.started(runId, promptRequest());

        GenerationRequest back = store.request(runId).orElseThrow();

        assertThat(back.projectId()).isEqualTo("shop");
        assertThat(back.prompt()).isEqualTo("a shop with products that have a name and a price");
        assertThat(back.spec()).isEmpty();
        assertThat(back.options()).containsEntry("engine", "offline").containsEntry("colour", "blue")
                .containsEntry(CheckpointStore.RUN_ID_OPTION, runId).hasSize(3);
        assertThat(back.budget().maxTokens()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void a_recorded_spec_comes_back_equal() {
        AppSpec spec = AppSpec.builder("Shop").description("sells things")
                .entity(new Entity("Product", "a thing", List.of(Field.builder("name", FieldType.STRING).build(),
                        Field.builder("price", FieldType.DECIMAL).build())))
                .build();
        String runId = newRunId("s");
        store.started(runId, GenerationRequest.builder().projectId("shop").spec(spec).build());

        assertThat(store.request(runId).orElseThrow().spec()).contains(spec);
    }

    @Test
    void recording_a_known_run_again_keeps_the_first_request() {
        String runId = newRunId("k");
        store.started(runId, promptRequest());
        store.started(runId, GenerationRequest.builder().projectId("other").prompt("something else entirely").build());

        assertThat(store.request(runId).orElseThrow().prompt()).startsWith("a shop");
        assertThat(store.request(runId).orElseThrow().projectId()).isEqualTo("shop");
    }

    @Test
    void an_unknown_run_has_no_request() {
        assertThat(store.request(newRunId("nobody"))).isEmpty();
        assertThat(store.unfinished()).isEmpty();
    }

    @Test
    void a_run_is_unfinished_until_run_finished_and_again_when_it_restarts() {
        String runId = newRunId("u");
        store.started(runId, promptRequest());
        assertThat(store.unfinished()).containsExactly(runId);

        Instant t = Instant.parse("2026-01-01T10:00:00Z");
        event(new GenerationEvent.RunStarted(runId, 0, t, "shop", List.of("a")));
        assertThat(store.unfinished()).containsExactly(runId);
        event(new GenerationEvent.RunFinished(runId, 1, t.plusSeconds(1), "failed", "agent 'a' failed: boom", 1000));
        assertThat(store.unfinished()).isEmpty();

        event(new GenerationEvent.RunStarted(runId, 0, t.plusSeconds(60), "shop", List.of("a")));
        assertThat(store.unfinished()).containsExactly(runId);
        event(new GenerationEvent.RunFinished(runId, 1, t.plusSeconds(61), "succeeded", "", 1000));
        assertThat(store.unfinished()).isEmpty();
        assertThat(store.request(runId)).isPresent();
    }

    @Test
    void unfinished_runs_are_listed_oldest_first() throws InterruptedException {
        String first = newRunId("1");
        String second = newRunId("2");
        store.started(first, promptRequest());
        Thread.sleep(5);
        store.started(second, promptRequest());

        assertThat(store.unfinished()).containsExactly(first, second);
    }

    @Test
    void checkpoints_belong_to_their_run() {
        String a = newRunId("c");
        String b = newRunId("d");
        store.started(a, promptRequest());
        store.started(b, promptRequest());

        store.checkpoints().agentFinished(a, "analyst", AgentResult.of("read the prompt"));

        assertThat(store.checkpoints().finished(a, "analyst")).get().extracting(AgentResult::summary).isEqualTo("read the prompt");
        assertThat(store.checkpoints().finished(b, "analyst")).isEmpty();
    }

    @Test
    void null_arguments_are_rejected() {
        assertThatThrownBy(() -> store.started(null, promptRequest())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.started(newRunId("n"), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.request(null)).isInstanceOf(NullPointerException.class);
    }
}
