package io.autonoma.samples.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(properties = {"autonoma.store.type=memory", "autonoma.templates.semantic=false", "autonoma.verify=false"})
@AutoConfigureMockMvc
class WebApplicationTest {
    @Autowired
    MockMvc mvc;

    @Test
    void serves_the_page_and_its_scripts_from_this_origin_only() throws Exception {
        mvc.perform(get("/")).andExpect(forwardedUrl("index.html"));
        mvc.perform(get("/index.html"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<label for=\"prompt\">")))
                .andExpect(content().string(containsString("aria-live=\"polite\"")))
                .andExpect(content().string(containsString("default-src 'self'")));
        mvc.perform(get("/app.js")).andExpect(status().isOk()).andExpect(content().string(containsString("EventSource")));
        // the editor is served from the webjar at the path the page names (a version bump must change both)
        String page = mvc.perform(get("/index.html")).andReturn().getResponse().getContentAsString();
        java.util.regex.Matcher loader = java.util.regex.Pattern.compile("src=\"(/webjars/monaco-editor/[^\"]+/min/vs/loader\\.js)\"").matcher(page);
        org.assertj.core.api.Assertions.assertThat(loader.find()).as("index.html loads Monaco's loader from /webjars").isTrue();
        mvc.perform(get(loader.group(1))).andExpect(status().isOk());
        String base = loader.group(1).replace("/loader.js", "");
        mvc.perform(get("/app.js")).andExpect(content().string(containsString("'" + base + "'")));
        mvc.perform(get(base + "/editor/editor.main.js")).andExpect(status().isOk());
        mvc.perform(get(base + "/base/worker/workerMain.js")).andExpect(status().isOk());
        mvc.perform(get("/app.css")).andExpect(status().isOk());
    }

    @Test
    void the_starter_api_is_on() throws Exception {
        mvc.perform(post("/api/generations").contentType(MediaType.APPLICATION_JSON).content("{\"prompt\": \"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_prompt"));
    }

    @Test
    void health_includes_autonoma() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.autonoma.status").value("UP"))
                .andExpect(jsonPath("$.components.autonoma.details.agents.length()").value(8));
    }
}
