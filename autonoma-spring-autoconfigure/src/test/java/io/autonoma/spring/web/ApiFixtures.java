package io.autonoma.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autonoma.spring.web.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** What the API tests share: a generation run to its end through the API, and the inventory example's specs. */
final class ApiFixtures {
    private ApiFixtures() {}

    /** Starts a generation with {@code body} ({@code {"prompt": …}} or {@code {"spec": …}}), waits until it succeeded; its id. */
    static String generate(MockMvc mvc, String body, Duration timeout) throws Exception {
        MvcResult r = mvc.perform(post("/api/generations").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isAccepted()).andReturn();
        String id = Json.MAPPER.readTree(r.getResponse().getContentAsString()).get("id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        String s = "running";
        while (s.equals("running") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            s = Json.MAPPER.readTree(mvc.perform(get("/api/generations/{id}", id)).andReturn().getResponse().getContentAsString())
                    .get("status").asText();
        }
        assertThat(s).isEqualTo("succeeded");
        return id;
    }

    static String inventory() throws Exception {
        return Files.readString(Path.of("../docs/examples/inventory.app-spec.json"));
    }

    /** The inventory spec with a barcode on products and a new Warehouse entity. */
    static String grown() throws Exception {
        ObjectNode spec = (ObjectNode) Json.MAPPER.readTree(inventory());
        for (JsonNode e : spec.get("entities")) {
            if (e.get("name").asText().equals("Product")) {
                ((ArrayNode) e.get("fields")).addObject().put("name", "barcode").put("type", "string").put("required", false);
            }
        }
        ObjectNode warehouse = ((ArrayNode) spec.get("entities")).addObject().put("name", "Warehouse");
        warehouse.putArray("fields").addObject().put("name", "city").put("type", "string").put("required", true);
        return Json.write(spec);
    }

    /** The inventory spec without the products' website. */
    static String shrunk() throws Exception {
        ObjectNode spec = (ObjectNode) Json.MAPPER.readTree(inventory());
        for (JsonNode e : spec.get("entities")) {
            if (e.get("name").asText().equals("Product")) {
                ArrayNode fields = (ArrayNode) e.get("fields");
                for (int i = 0; i < fields.size(); i++) {
                    if (fields.get(i).get("name").asText().equals("website")) fields.remove(i--);
                }
            }
        }
        return Json.write(spec);
    }
}
