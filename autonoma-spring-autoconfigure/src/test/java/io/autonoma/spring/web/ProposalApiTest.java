package io.autonoma.spring.web;

import static io.autonoma.spring.web.ApiFixtures.grown;
import static io.autonoma.spring.web.ApiFixtures.inventory;
import static io.autonoma.spring.web.ApiFixtures.shrunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.spring.generation.Generations;
import io.autonoma.spring.web.internal.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * "Propose, then accept": {@code POST /api/generations/{id}/proposals} works a change out and writes nothing,
 * {@code POST …/proposals/{pid}/accept} writes it (refused when the project changed since), {@code DELETE
 * …/proposals/{pid}} discards it. Over the real offline engine and an in-memory store, on the inventory example.
 */
@SpringBootTest(classes = ProposalApiTest.TestApp.class, properties = {
        "autonoma.api.enabled=true",
        "autonoma.store.type=memory",
        "autonoma.api.max-request-bytes=262144"})
@AutoConfigureMockMvc
class ProposalApiTest {
    static final String MAIN = "backend/app/main.py";
    static final String USER_LINE = "# kept: a hand edit saved before the proposal";

    @Autowired
    MockMvc mvc;

    @Autowired
    ArtifactStore store;

    @Test
    void a_proposal_shows_delta_and_diffs_writes_nothing_and_accepting_it_writes_the_change() throws Exception {
        String id = generate();
        String other = generate();
        Map<String, Integer> before = versions(id);
        String specBefore = file(id, "app-spec.json");
        int runsBefore = runs();

        JsonNode proposal = body(propose(id, "{\"spec\": " + grown() + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.projectId").value(id))
                .andExpect(jsonPath("$.status").value("ready"))
                .andExpect(jsonPath("$.delta").value(hasItem("add entity Warehouse")))
                .andExpect(jsonPath("$.delta").value(hasItem(containsString("barcode"))))
                .andExpect(jsonPath("$.losses").isEmpty())
                .andExpect(jsonPath("$.conflicts").isEmpty())
                .andExpect(jsonPath("$.migration").value(containsString("alembic"))));
        String pid = proposal.get("id").asText();
        assertThat(pid).isNotBlank();
        assertThat(proposal.at("/links/self").asText()).isEqualTo("/api/generations/" + id + "/proposals/" + pid);
        assertThat(proposal.at("/links/accept").asText()).isEqualTo("/api/generations/" + id + "/proposals/" + pid + "/accept");

        // the diff of each file is the store's content against the proposed one; plain keeps are not listed
        JsonNode spec = proposedFile(proposal, "app-spec.json");
        assertThat(spec.get("action").asText()).isEqualTo("update");
        assertThat(spec.get("diff").asText()).startsWith("--- a/app-spec.json\n+++ b/app-spec.json\n@@")
                .containsPattern("(?m)^\\+.*\"barcode\"").containsPattern("(?m)^\\+.*\"Warehouse\"");
        String migration = proposal.get("migration").asText();
        JsonNode created = proposedFile(proposal, migration);
        assertThat(created.get("action").asText()).isEqualTo("create");
        assertThat(created.get("diff").asText()).contains("@@ -0,0 +1,").contains("+").contains("barcode")
                .doesNotContainPattern("(?m)^-[^-]");
        assertThat(proposal.get("files")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.get("action").asText()).isIn("create", "update", "merge", "conflict", "delete");
            assertThat(f.get("diff").asText()).startsWith("--- a/" + f.get("path").asText());
        });

        // nothing written: same versions, same content, no migration, no new record, no run
        assertThat(versions(id)).isEqualTo(before);
        assertThat(store.get(id, migration)).isEmpty();
        assertThat(file(id, "app-spec.json")).isEqualTo(specBefore).doesNotContain("barcode");
        assertThat(store.history(Generations.recordProject(id), Generations.RECORD_FILE)).hasSize(1);
        assertThat(runs()).isEqualTo(runsBefore);

        // another project's id, or another owner, does not reach the proposal
        accept(other, pid).andExpect(status().isNotFound()).andExpect(jsonPath("$.error").value("not_found"));
        mvc.perform(post("/api/generations/{id}/proposals/{pid}/accept", id, pid).principal(user("mallory")))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/generations/{id}/proposals/{pid}", id, pid).principal(user("mallory")))
                .andExpect(status().isNotFound());
        assertThat(versions(id)).isEqualTo(before);

        // accept: written exactly as /changes writes it, and a run of its own
        JsonNode changed = body(accept(id, pid)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.projectId").value(id))
                .andExpect(jsonPath("$.status").value("succeeded"))
                .andExpect(jsonPath("$.delta").value(hasItem("add entity Warehouse")))
                .andExpect(jsonPath("$.migration").value(migration)));
        String runId = changed.get("runId").asText();
        assertThat(store.get(id, "app-spec.json").orElseThrow().version()).isEqualTo(before.get("app-spec.json") + 1)
                .isEqualTo(changedVersion(changed, "app-spec.json"));
        assertThat(file(id, "app-spec.json")).contains("barcode", "Warehouse");
        assertThat(file(id, migration)).contains("barcode");
        assertThat(store.history(Generations.recordProject(id), Generations.RECORD_FILE)).hasSize(2);
        assertThat(text(store.get(Generations.recordProject(id), Generations.RECORD_FILE).orElseThrow())).contains("Warehouse");
        for (JsonNode f : proposal.get("files")) { // every proposed write happened, to the proposed content
            String path = f.get("path").asText();
            if (!f.get("action").asText().equals("delete")) {
                assertThat(store.get(id, path).orElseThrow().version()).as(path).isEqualTo(before.getOrDefault(path, 0) + 1);
            }
        }
        assertThat(versions(other)).doesNotContainKey(migration); // the other project is untouched
        mvc.perform(get("/api/generations/{id}", runId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("change"))
                .andExpect(jsonPath("$.status").value("succeeded"));
        mvc.perform(get("/api/generations/{id}/files/" + migration, runId)).andExpect(status().isOk())
                .andExpect(content().string(containsString("barcode")));

        // accepted proposals are forgotten
        accept(id, pid).andExpect(status().isNotFound()).andExpect(jsonPath("$.detail").value(containsString("propose")));
        assertThat(store.get(id, "app-spec.json").orElseThrow().version()).isEqualTo(before.get("app-spec.json") + 1);
    }

    @Test
    void an_edit_saved_after_the_proposal_makes_accepting_a_409_that_writes_nothing() throws Exception {
        String id = generate();
        JsonNode proposal = body(propose(id, "{\"spec\": " + grown() + "}").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ready")));
        String pid = proposal.get("id").asText();
        assertThat(proposedFile(proposal, MAIN).get("action").asText()).isEqualTo("update");

        String main = file(id, MAIN);
        mvc.perform(put("/api/generations/{id}/files/{path}", id, MAIN).contentType(MediaType.TEXT_PLAIN).content(main + USER_LINE + "\n"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2));
        Map<String, Integer> afterEdit = versions(id);
        int runs = runs();

        accept(id, pid)
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.error").value("conflict"))
                .andExpect(jsonPath("$.detail").value(containsString("changed since the proposal")))
                .andExpect(jsonPath("$.detail").value(containsString("propose the change again")))
                .andExpect(jsonPath("$.problems").value(hasItem(MAIN)));
        assertThat(versions(id)).isEqualTo(afterEdit);
        assertThat(file(id, MAIN)).isEqualTo(main + USER_LINE + "\n");
        assertThat(file(id, "app-spec.json")).doesNotContain("barcode");
        assertThat(store.history(Generations.recordProject(id), Generations.RECORD_FILE)).hasSize(1);
        assertThat(runs()).isEqualTo(runs);
        // a proposal that can no longer be accepted is forgotten
        accept(id, pid).andExpect(status().isNotFound());

        // proposed again, it is worked out against the edit, and accepting keeps it
        JsonNode again = body(propose(id, "{\"spec\": " + grown() + "}").andExpect(status().isOk()));
        assertThat(proposedFile(again, MAIN).get("action").asText()).isEqualTo("merge");
        accept(id, again.get("id").asText()).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("succeeded"));
        assertThat(file(id, MAIN)).contains(USER_LINE).containsIgnoringCase("warehouse");
    }

    @Test
    void an_edit_saved_before_the_proposal_is_kept_in_its_diff_and_when_accepted() throws Exception {
        String id = generate();
        String main = file(id, MAIN);
        mvc.perform(put("/api/generations/{id}/files/{path}", id, MAIN).contentType(MediaType.TEXT_PLAIN).content(main + USER_LINE + "\n"))
                .andExpect(status().isOk());

        JsonNode proposal = body(propose(id, "{\"spec\": " + grown() + "}").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ready")));
        JsonNode file = proposedFile(proposal, MAIN);
        assertThat(file.get("action").asText()).isEqualTo("merge");
        // the diff is against the edited content: the edit is context or untouched, never removed; the change adds the router
        assertThat(file.get("diff").asText()).doesNotContain("-" + USER_LINE).containsPattern("(?m)^\\+.*(?i:warehouse)");
        assertThat(file(id, MAIN)).isEqualTo(main + USER_LINE + "\n");

        accept(id, proposal.get("id").asText()).andExpect(status().isOk())
                .andExpect(jsonPath("$.files[?(@.path == '" + MAIN + "')].action").value(hasItem("merge")));
        assertThat(file(id, MAIN)).contains(USER_LINE).containsIgnoringCase("warehouse");
        assertThat(store.history(id, MAIN)).hasSize(3);
    }

    @Test
    void a_discarded_proposal_cannot_be_accepted_and_a_no_op_is_unchanged_and_not_kept() throws Exception {
        String id = generate();
        Map<String, Integer> before = versions(id);
        String pid = body(propose(id, "{\"spec\": " + grown() + "}").andExpect(status().isOk())).get("id").asText();

        mvc.perform(delete("/api/generations/{id}/proposals/{pid}", id, pid)).andExpect(status().isNoContent());
        accept(id, pid).andExpect(status().isNotFound()).andExpect(jsonPath("$.error").value("not_found"));
        mvc.perform(delete("/api/generations/{id}/proposals/{pid}", id, pid)).andExpect(status().isNotFound());
        assertThat(versions(id)).isEqualTo(before);

        // the spec the app has already: nothing to do, nothing kept
        JsonNode same = body(propose(id, "{\"spec\": " + file(id, "app-spec.json") + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("unchanged"))
                .andExpect(jsonPath("$.delta").isEmpty())
                .andExpect(jsonPath("$.files").isEmpty())
                .andExpect(jsonPath("$.links").doesNotExist()));
        assertThat(same.has("id")).isTrue();
        assertThat(same.get("id").isNull()).isTrue();
        assertThat(versions(id)).isEqualTo(before);
    }

    @Test
    void proposals_answer_like_changes_to_bad_requests() throws Exception {
        String id = generate();
        mvc.perform(post("/api/generations/{id}/proposals", id).contentType(MediaType.TEXT_PLAIN).content("give tasks a due date"))
                .andExpect(status().isUnsupportedMediaType());
        propose(id, "{}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("bad_request"));
        propose(id, "{\"spec\": {\"name\": \"Shop\", \"entities\": [{\"name\": \"Product\", \"fields\": [{\"name\": \"price\", \"type\": \"money\"}]}]}}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("invalid_spec"));
        propose("00000000-0000-0000-0000-000000000000", "{\"spec\": " + grown() + "}").andExpect(status().isNotFound());
        accept("00000000-0000-0000-0000-000000000000", "nope").andExpect(status().isNotFound());
        accept(id, "nope").andExpect(status().isNotFound());
        mvc.perform(delete("/api/generations/{id}/proposals/{pid}", id, "nope")).andExpect(status().isNotFound());
        // a destructive change is refused at proposal time, as /changes refuses it
        propose(id, "{\"spec\": " + shrunk() + "}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.error").value("destructive_change"));
        propose(id, "{\"spec\": " + shrunk() + ", \"allowDestructive\": true}").andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ready"))
                .andExpect(jsonPath("$.losses[0]").value(containsString("website")));
        assertThat(store.get(id, "app-spec.json").orElseThrow().version()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private String generate() throws Exception {
        return ApiFixtures.generate(mvc, "{\"spec\": " + inventory() + "}", Duration.ofSeconds(60));
    }

    private ResultActions propose(String id, String body) throws Exception {
        return mvc.perform(post("/api/generations/{id}/proposals", id).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions accept(String id, String pid) throws Exception {
        return mvc.perform(post("/api/generations/{id}/proposals/{pid}/accept", id, pid));
    }

    private static JsonNode body(ResultActions r) throws Exception {
        return Json.MAPPER.readTree(r.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    /** The latest version of every file of the project, by path. */
    private Map<String, Integer> versions(String id) {
        Map<String, Integer> out = new TreeMap<>();
        store.list(id).forEach(a -> out.put(a.path(), a.version()));
        return out;
    }

    /** The file as the API serves it. */
    private String file(String id, String path) throws Exception {
        return mvc.perform(get("/api/generations/{id}/files/{path}", id, path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private int runs() throws Exception {
        return body(mvc.perform(get("/api/generations"))).get("generations").size();
    }

    private static Principal user(String name) {
        return () -> name;
    }

    private static JsonNode proposedFile(JsonNode proposal, String path) {
        for (JsonNode f : proposal.get("files")) {
            if (f.get("path").asText().equals(path)) return f;
        }
        throw new AssertionError(path + " is not in the proposal's files: " + proposal.get("files").findValuesAsText("path"));
    }

    private static int changedVersion(JsonNode changed, String path) {
        for (JsonNode f : changed.get("files")) {
            if (f.get("path").asText().equals(path)) return f.get("version").asInt();
        }
        throw new AssertionError(path + " is not in the change's files");
    }

    private static String text(Artifact a) {
        return new String(a.content(), StandardCharsets.UTF_8);
    }

    @UnsecuredApiApp
    static class TestApp {}
}
