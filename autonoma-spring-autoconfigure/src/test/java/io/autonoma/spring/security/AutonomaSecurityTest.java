package io.autonoma.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.spring.web.GenerationApiTestAgents;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The API secured by API keys: 401 without credentials, each owner's runs, files and events are 404 to the others. */
@SpringBootTest(classes = AutonomaSecurityTest.TestApp.class, properties = {
        "autonoma.api.enabled=true", "autonoma.store.type=memory",
        "autonoma.security.api-keys.alice=alice-key-0123456789abcdef",
        "autonoma.security.api-keys.bob=bob-key-0123456789abcdef"})
@AutoConfigureMockMvc
class AutonomaSecurityTest {
    private static final String ALICE = "alice-key-0123456789abcdef";
    private static final String BOB = "bob-key-0123456789abcdef";

    @Autowired
    MockMvc mvc;

    private String startAs(String key) throws Exception {
        String body = mvc.perform(post("/api/generations").header("X-API-Key", key).contentType(MediaType.APPLICATION_JSON)
                .content("{\"prompt\": \"a todo app with tasks\"}")).andExpect(status().isAccepted()).andReturn().getResponse()
                .getContentAsString();
        return new ObjectMapper().readTree(body).get("id").asText();
    }

    @Test
    void without_credentials_or_with_a_wrong_key_the_api_answers_401() throws Exception {
        mvc.perform(get("/api/generations")).andExpect(status().isUnauthorized()).andExpect(header().exists("WWW-Authenticate"));
        mvc.perform(post("/api/generations").contentType(MediaType.APPLICATION_JSON).content("{\"prompt\": \"a todo app\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/generations").header("X-API-Key", "alice-key-0123456789abcdeX")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/generations").header("Authorization", "Bearer " + ALICE)).andExpect(status().isOk());
    }

    @Test
    void another_owners_run_files_events_and_changes_are_404_and_not_listed() throws Exception {
        String id = startAs(ALICE);

        mvc.perform(get("/api/generations/" + id).header("X-API-Key", ALICE)).andExpect(status().isOk());
        for (String path : new String[] {"", "/files", "/files/app-spec.json", "/zip", "/events"}) {
            mvc.perform(get("/api/generations/" + id + path).header("X-API-Key", BOB)).andExpect(status().isNotFound());
        }
        mvc.perform(post("/api/generations/" + id + "/changes").header("X-API-Key", BOB).contentType(MediaType.APPLICATION_JSON)
                .content("{\"change\": \"give tasks a due date\"}")).andExpect(status().isNotFound());
        String bobs = mvc.perform(get("/api/generations").header("X-API-Key", BOB)).andReturn().getResponse().getContentAsString();
        String alices = mvc.perform(get("/api/generations").header("X-API-Key", ALICE)).andReturn().getResponse().getContentAsString();
        assertThat(bobs).doesNotContain(id);
        assertThat(alices).contains(id);
    }

    @Test
    void the_page_and_other_paths_are_left_to_the_application() throws Exception {
        mvc.perform(get("/not-the-api")).andExpect(status().isNotFound());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApp {
        @Bean(destroyMethod = "close")
        DefaultPipeline pipeline(ArtifactStore store) {
            return DefaultPipeline.builder().store(store).maxAttempts(1).agentTimeout(Duration.ofSeconds(30))
                    .agent(GenerationApiTestAgents.file("analyst", Set.of(), "app-spec.json", "{\"name\": \"Todo\"}\n"))
                    .agent(GenerationApiTestAgents.file("backend", Set.of("analyst"), "backend/app/main.py", "app = 1\n"))
                    .build();
        }
    }
}
