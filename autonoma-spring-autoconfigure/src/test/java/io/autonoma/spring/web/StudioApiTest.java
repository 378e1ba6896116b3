package io.autonoma.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.spring.web.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * What the studio needs from the API: plan a prompt into an editable spec, generate from the corrected spec, save an
 * edited file as a new version, list a file's versions, read an old version, diff two versions, and keep the edit
 * through a change of the app.
 */
@SpringBootTest(classes = StudioApiTest.TestApp.class, properties = {
        "autonoma.api.enabled=true",
        "autonoma.store.type=memory",
        "autonoma.api.max-request-bytes=262144",
        "autonoma.api.git-remote-schemes=file"})
@AutoConfigureMockMvc
class StudioApiTest {
    static final String EDIT = "# edited in the studio\n";

    @Autowired
    MockMvc mvc;

    @Autowired
    ArtifactStore store;

    @Test
    void plan_correct_generate_edit_diff_and_keep_the_edit_through_a_change() throws Exception {
        // plan: the spec of the prompt, with its summary; nothing generated yet
        MvcResult planned = mvc.perform(post("/api/plans").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"prompt\": \"a library where members borrow books\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entities").value(hasItem("Book")))
                .andExpect(jsonPath("$.summary").isArray())
                .andExpect(jsonPath("$.confidence").isString())
                .andReturn();
        JsonNode plan = Json.MAPPER.readTree(planned.getResponse().getContentAsString());
        ObjectNode spec = (ObjectNode) plan.get("spec");

        // correct a field: books get an isbn
        for (JsonNode e : spec.get("entities")) {
            if (e.get("name").asText().equals("Book")) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) e.get("fields")).addObject()
                        .put("name", "isbn").put("type", "string").put("required", false);
            }
        }
        // an invalid correction is answered with the JSON path of the problem
        ObjectNode broken = spec.deepCopy();
        ((ObjectNode) broken.get("entities").get(0)).put("name", "");
        mvc.perform(post("/api/generations").contentType(MediaType.APPLICATION_JSON).content("{\"spec\": " + broken + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0]").value(containsString("entities[0]")));

        String id = generate("{\"spec\": " + spec + "}");
        assertThat(new String(store.get(id, "app-spec.json").orElseThrow().content(), StandardCharsets.UTF_8)).contains("isbn");

        // edit a file: a new version, the old one still readable, the diff shows the line
        String path = "backend/app/main.py";
        String before = mvc.perform(get("/api/generations/{id}/files/{path}", id, path)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        mvc.perform(put("/api/generations/{id}/files/{path}", id, path).contentType(MediaType.TEXT_PLAIN).content(before + EDIT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.path").value(path));
        mvc.perform(get("/api/generations/{id}/versions/{path}", id, path))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.versions.length()").value(2))
                .andExpect(jsonPath("$.versions[1].producedBy").value("user:anonymous"));
        mvc.perform(get("/api/generations/{id}/files/{path}", id, path).param("version", "1"))
                .andExpect(status().isOk()).andExpect(content().string(before));
        mvc.perform(get("/api/generations/{id}/diff/{path}", id, path))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("--- a/" + path)))
                .andExpect(content().string(containsString("+" + EDIT.strip())));
        mvc.perform(get("/api/generations/{id}/diff/{path}", id, path).param("from", "1").param("to", "9"))
                .andExpect(status().isBadRequest());
        mvc.perform(put("/api/generations/{id}/files/{path}", id, "../outside.txt").content("x"))
                .andExpect(status().isBadRequest());

        // a change of the app keeps the edited line
        mvc.perform(post("/api/generations/{id}/changes", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"change\": \"give books a summary\"}"))
                .andExpect(status().isOk());
        assertThat(new String(store.get(id, path).orElseThrow().content(), StandardCharsets.UTF_8)).contains(EDIT.strip());
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @Test
    void the_project_is_pushed_to_a_git_remote_and_the_token_is_never_echoed() throws Exception {
        String id = generate("{\"prompt\": \"a todo app with tasks\"}");
        java.nio.file.Path bare = tmp.resolve("app.git");
        org.eclipse.jgit.api.Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
        String remote = bare.toUri().toString();

        MvcResult r = mvc.perform(post("/api/generations/{id}/git", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"remote\": \"" + remote + "\", \"branch\": \"main\", \"username\": \"me\", \"token\": \"tok-123456\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.branch").value("main"))
                .andExpect(jsonPath("$.unchanged").value(false))
                .andReturn();
        assertThat(r.getResponse().getContentAsString()).doesNotContain("tok-123456");
        int files = Json.MAPPER.readTree(r.getResponse().getContentAsString()).get("files").asInt();
        assertThat(files).isEqualTo(store.list(id).size());
        java.nio.file.Path clone = tmp.resolve("clone");
        org.eclipse.jgit.api.Git.cloneRepository().setURI(remote).setDirectory(clone.toFile()).call().close();
        assertThat(clone.resolve("app-spec.json")).exists();
        assertThat(clone.resolve("backend/app/main.py")).exists();

        // the same files again: nothing new on the remote
        mvc.perform(post("/api/generations/{id}/git", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"remote\": \"" + remote + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.unchanged").value(true));
        // refused before anything is contacted
        mvc.perform(post("/api/generations/{id}/git", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"remote\": \"https://me:pw@example.com/a.git\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/generations/{id}/git", id).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/generations/{id}/git", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"remote\": \"" + tmp.resolve("missing.git").toUri() + "\"}"))
                .andExpect(status().isBadGateway());
    }

    @Test
    void a_plan_needs_a_prompt() throws Exception {
        mvc.perform(post("/api/plans").contentType(MediaType.APPLICATION_JSON).content("{\"spec\": {}}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/plans").contentType(MediaType.APPLICATION_JSON).content("{\"prompt\": \"   \"}"))
                .andExpect(status().isBadRequest());
    }

    private String generate(String body) throws Exception {
        return ApiFixtures.generate(mvc, body, Duration.ofSeconds(60));
    }

    @UnsecuredApiApp
    static class TestApp {}
}
