package io.autonoma.spring.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.autonoma.agents.Autonoma;
import io.autonoma.agents.analyst.SpecSummary;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.spring.web.internal.ApiException;
import io.autonoma.spring.web.internal.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/plans} {@code {"prompt": "..."}} → 200 {@link GenerationApi.Plan}: the spec the offline requirements
 * analyst reads from the prompt, with its summary (entities, fields, relations, capabilities, assumptions and how sure
 * it is), so that a user can correct it before generating from it ({@code POST /api/generations {"spec": ...}}, where an
 * invalid spec answers 400 with each problem's JSON path). Nothing is stored.
 */
@RestController
@RequestMapping("/api/plans")
public class PlanController {
    private final Autonoma autonoma;
    private final int maxRequestBytes;

    public PlanController(Autonoma autonoma, int maxRequestBytes) {
        this.autonoma = autonoma;
        this.maxRequestBytes = maxRequestBytes;
    }

    @PostMapping
    public ResponseEntity<String> plan(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ApiException(415, "unsupported_media_type", "send {\"prompt\": \"...\"} with Content-Type: application/json");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxRequestBytes + 1);
        }
        if (body.length > maxRequestBytes) {
            throw new ApiException(413, "payload_too_large", "the request body is larger than " + maxRequestBytes + " bytes");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.path("prompt").isTextual()) {
            throw ApiException.badRequest("send {\"prompt\": \"a CRM with companies and contacts\"}");
        }
        AppSpec spec = autonoma.plan(node.get("prompt").asText()); // RejectedPromptException → 400
        SpecSummary summary = SpecSummary.of(spec);
        JsonNode specJson = Json.MAPPER.readTree(AppSpecJson.write(spec));
        GenerationApi.Plan plan = new GenerationApi.Plan(spec.name(), spec.entities().stream().map(e -> e.name()).toList(),
                summary.confidence(), summary.lines(), specJson);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(plan));
    }
}
