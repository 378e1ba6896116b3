package io.autonoma.spring.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autonoma.agents.Autonoma;
import io.autonoma.agents.change.ChangePlan;
import io.autonoma.agents.change.ChangeRequest;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import io.autonoma.core.spec.AppSpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link Generations#propose}, {@link Generations#accept}, {@link Generations#discard}: bounds, expiry, stale proposals. */
class GenerationsProposalTest {
    private final ArtifactStore store = new InMemoryArtifactStore();
    private final Autonoma autonoma = Autonoma.builder().store(store).semanticSearch(false).build();

    @Test
    void the_oldest_proposal_is_forgotten_past_the_bound_and_accepting_one_makes_the_others_stale() throws Exception {
        Generations generations = Generations.builder().autonoma(autonoma).maxProposals(2).build();
        String id = generate(generations);
        Map<String, Integer> before = versions(id);
        ChangeRequest grow = ChangeRequest.to(AppSpecJson.read(grown()));

        ChangeProposal first = generations.propose(id, grow);
        ChangeProposal second = generations.propose(id, grow);
        ChangeProposal third = generations.propose(id, grow);

        assertThat(third.status()).isEqualTo(ChangeProposal.Status.READY);
        assertThat(third.owner()).isEqualTo(Generations.ANONYMOUS);
        assertThat(third.events()).isNotEmpty();
        assertThat(new String(third.generationRecord(), java.nio.charset.StandardCharsets.UTF_8)).contains("Warehouse");
        assertThat(third.baseVersions()).containsEntry("app-spec.json", 1)
                .containsEntry(third.result().migration().orElseThrow(), 0);
        assertThat(third.files()).extracting(ChangeProposal.ProposedFile::action)
                .doesNotContain(ChangePlan.Action.KEEP, ChangePlan.Action.KEEP_REMOVED, ChangePlan.Action.KEEP_DELETED);
        assertThat(versions(id)).isEqualTo(before);
        assertThat(generations.list()).hasSize(1); // the generation only: a proposal is no run

        assertThat(generations.proposal(first.id())).isEmpty();
        assertThatThrownBy(() -> generations.accept(first.id())).isInstanceOf(NoSuchElementException.class);
        assertThat(generations.proposal(second.id())).isPresent();

        ProjectChange accepted = generations.accept(third.id());
        assertThat(accepted.run()).isPresent();
        assertThat(store.get(id, "app-spec.json").orElseThrow().version()).isEqualTo(2);
        assertThat(generations.proposal(third.id())).isEmpty();

        // the second was worked out against the files the third has just changed
        Map<String, Integer> afterAccept = versions(id);
        assertThatThrownBy(() -> generations.accept(second.id()))
                .isInstanceOfSatisfying(ProposalConflictException.class, e -> assertThat(e.moved()).contains("app-spec.json"))
                .hasMessageContaining("changed since the proposal");
        assertThat(versions(id)).isEqualTo(afterAccept);
        assertThat(generations.discard(second.id())).isFalse(); // forgotten with the conflict
    }

    @Test
    void proposals_expire_and_a_no_op_is_not_kept() throws Exception {
        Generations generations = Generations.builder().autonoma(autonoma).proposalTtl(Duration.ZERO).build();
        String id = generate(generations);

        ChangeProposal p = generations.propose(id, ChangeRequest.to(AppSpecJson.read(grown())));
        assertThat(p.id()).isNotNull();
        assertThat(generations.proposal(p.id())).as("expired at once").isEmpty();
        assertThat(generations.discard(p.id())).isFalse();

        ChangeProposal same = generations.propose(id, ChangeRequest.to(AppSpecJson.read(store.get(id, "app-spec.json").orElseThrow().text())));
        assertThat(same.status()).isEqualTo(ChangeProposal.Status.UNCHANGED);
        assertThat(same.id()).isNull();
        assertThat(same.files()).isEmpty();
    }

    private static String generate(Generations generations) throws Exception {
        Generation g = generations.start(AppSpecJson.read(inventory()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!g.finished() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(g.status()).isEqualTo(Generation.Status.SUCCEEDED);
        return g.projectId();
    }

    private Map<String, Integer> versions(String id) {
        Map<String, Integer> out = new TreeMap<>();
        store.list(id).forEach(a -> out.put(a.path(), a.version()));
        return out;
    }

    private static String inventory() throws Exception {
        return Files.readString(Path.of("../docs/examples/inventory.app-spec.json"));
    }

    private static String grown() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode spec = (ObjectNode) m.readTree(inventory());
        for (JsonNode e : spec.get("entities")) {
            if (e.get("name").asText().equals("Product")) {
                ((ArrayNode) e.get("fields")).addObject().put("name", "barcode").put("type", "string").put("required", false);
            }
        }
        ObjectNode warehouse = ((ArrayNode) spec.get("entities")).addObject().put("name", "Warehouse");
        warehouse.putArray("fields").addObject().put("name", "city").put("type", "string").put("required", true);
        return m.writeValueAsString(spec);
    }
}
