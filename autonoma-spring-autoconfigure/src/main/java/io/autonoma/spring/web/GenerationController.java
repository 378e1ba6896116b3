package io.autonoma.spring.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.UnsafePathException;
import io.autonoma.core.guard.PromptGuard;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.InvalidSpecException;
import io.autonoma.spring.generation.Generation;
import io.autonoma.spring.generation.Generations;
import io.autonoma.spring.generation.TooManyRunsException;
import io.autonoma.spring.web.internal.ApiException;
import io.autonoma.spring.web.internal.Json;
import io.autonoma.spring.web.internal.SseSubscriber;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The REST + SSE API under {@code /api/generations} (enabled by {@code autonoma.api.enabled=true}).
 * Every response body is JSON written by the API's own mapper, except file content (text/plain),
 * the zip and the event stream. Errors are {@code {"error": code, "message": ..., "problems": [...]}}.
 */
@RestController
@RequestMapping("/api/generations")
public class GenerationController implements org.springframework.beans.factory.DisposableBean {
    private static final MediaType JSON = MediaType.APPLICATION_JSON;

    private final Generations generations;
    private final ArtifactStore store;
    private final int maxRequestBytes;
    private final Duration sseTimeout;
    private final java.util.concurrent.ExecutorService sseExecutor;

    public GenerationController(Generations generations, int maxRequestBytes, Duration sseTimeout, java.util.concurrent.ExecutorService sseExecutor) {
        this.generations = generations;
        this.store = generations.pipeline().store();
        this.maxRequestBytes = maxRequestBytes;
        this.sseTimeout = sseTimeout;
        this.sseExecutor = sseExecutor;
    }

    /** {@code {"prompt": "..."}} or {@code {"spec": {...}}} → 202 {@code {"id": ..., "status": "running", ...}}. */
    @PostMapping
    public ResponseEntity<String> start(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "send the request as JSON with Content-Type: application/json, e.g. {\"prompt\": \"a todo app\"}");
        }
        JsonNode body = parse(readLimited(request));
        if (!body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object: {\"prompt\": \"...\"} or {\"spec\": {...}}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("prompt") && !f.equals("spec")) {
                throw new ApiException(400, "bad_request", "unknown field '" + f + "'; send {\"prompt\": \"...\"} or {\"spec\": {...}}",
                        List.of(f + ": unknown field"));
            }
        }
        boolean hasPrompt = body.has("prompt") && !body.get("prompt").isNull();
        boolean hasSpec = body.has("spec") && !body.get("spec").isNull();
        if (hasPrompt == hasSpec) {
            throw ApiException.badRequest(hasPrompt ? "give either a prompt or a spec, not both"
                    : "the body needs a prompt, e.g. {\"prompt\": \"a todo app where tasks have a title\"}, or an app spec as {\"spec\": {...}}");
        }
        Generation g;
        if (hasPrompt) {
            JsonNode p = body.get("prompt");
            if (!p.isTextual()) {
                throw new ApiException(400, "bad_request", "prompt must be a string", List.of("prompt: must be a string"));
            }
            g = generations.start(p.asText());
        } else {
            JsonNode s = body.get("spec");
            if (!s.isObject()) {
                throw new ApiException(400, "invalid_spec", "spec must be a JSON object (an AppSpec)", List.of("spec: must be an object"));
            }
            AppSpec spec = AppSpecJson.read(Json.write(s));
            g = generations.start(spec);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", g.id());
        out.put("status", g.status().name().toLowerCase(Locale.ROOT));
        if (!g.promptNote().isEmpty()) out.put("promptNote", g.promptNote());
        out.put("links", links(g.id()));
        return ResponseEntity.accepted().location(java.net.URI.create("/api/generations/" + g.id())).contentType(JSON).body(Json.write(out));
    }

    /** Every remembered run, oldest first: id, status, createdAt. */
    @GetMapping
    public ResponseEntity<String> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Generation g : generations.list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", g.id());
            m.put("status", lower(g.status()));
            m.put("createdAt", g.createdAt().toString());
            out.add(m);
        }
        return ok(Map.of("generations", out));
    }

    @GetMapping("/{id}")
    public ResponseEntity<String> status(@PathVariable("id") String id) {
        Generation g = find(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", g.id());
        out.put("status", lower(g.status()));
        out.put("source", g.source());
        if (!g.promptNote().isEmpty()) out.put("promptNote", g.promptNote());
        out.put("createdAt", g.createdAt().toString());
        List<Map<String, Object>> agents = new ArrayList<>();
        for (Generation.AgentState a : g.agents()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("status", lower(a.status()));
            m.put("attempt", a.attempt());
            m.put("durationMillis", a.durationMillis());
            if (!a.summary().isEmpty()) m.put("summary", a.summary());
            if (!a.error().isEmpty()) m.put("error", a.error());
            agents.add(m);
        }
        out.put("agents", agents);
        out.put("files", g.files().size());
        g.result().ifPresent(r -> {
            out.put("durationMillis", r.duration().toMillis());
            out.put("tokensSpent", r.tokensSpent());
            r.spec().ifPresent(s -> out.put("appName", s.name()));
            r.failedAgent().ifPresent(a -> out.put("failedAgent", a));
        });
        out.put("error", g.status() == Generation.Status.SUCCEEDED || g.message().isEmpty() ? null : g.message());
        out.put("links", links(g.id()));
        return ok(out);
    }

    /**
     * Server-sent events: each {@code GenerationEvent} as JSON, event name = record type, id = seq.
     * Past events are replayed first (after {@code Last-Event-ID} when the browser reconnects), then
     * live ones; the stream ends after {@code RunFinished}.
     */
    @GetMapping("/{id}/events")
    public SseEmitter events(@PathVariable("id") String id,
                             @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Generation g = find(id);
        long after = -1;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Last-Event-ID must be the seq number of an event, was '" + lastEventId + "'");
            }
        }
        SseEmitter emitter = new SseEmitter(sseTimeout.toMillis());
        SseSubscriber subscriber = new SseSubscriber(emitter, sseExecutor);
        subscriber.unsubscribeWith(g.subscribe(after, subscriber));
        return emitter;
    }

    /** {@code {"id": ..., "files": [{"path", "size", "version"}]}}, sorted by path. */
    @GetMapping("/{id}/files")
    public ResponseEntity<String> files(@PathVariable("id") String id) {
        Generation g = find(id);
        List<Map<String, Object>> files = new ArrayList<>();
        for (Artifact a : store.list(g.projectId())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", a.path());
            m.put("size", a.size());
            m.put("version", a.version());
            files.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", g.id());
        out.put("files", files);
        return ok(out);
    }

    /** The latest content of one file: text/plain (UTF-8) for text, application/octet-stream otherwise. */
    @GetMapping("/{id}/files/{*path}")
    public ResponseEntity<byte[]> file(@PathVariable("id") String id, @PathVariable("path") String path) {
        Generation g = find(id);
        String raw = path.startsWith("/") ? path.substring(1) : path;
        String normalized = ArtifactPaths.normalize(raw); // UnsafePathException → 400
        Artifact a = store.get(g.projectId(), normalized).orElseThrow(() -> new ApiException(404, "not_found",
                "generation '" + id + "' has no file '" + normalized + "'; list them with GET /api/generations/" + id + "/files"));
        byte[] content = a.content();
        MediaType type = isUtf8(content) ? new MediaType("text", "plain", StandardCharsets.UTF_8) : MediaType.APPLICATION_OCTET_STREAM;
        return ResponseEntity.ok()
                .contentType(type)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Artifact-Version", Integer.toString(a.version()))
                .body(content);
    }

    /** Every file as a reproducible zip named after the app (or the id). */
    @GetMapping("/{id}/zip")
    public ResponseEntity<byte[]> zip(@PathVariable("id") String id) {
        Generation g = find(id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.exportZip(g.projectId(), out);
        String name = g.result().flatMap(r -> r.spec()).map(s -> s.name()).orElse(g.id())
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        if (name.isEmpty()) name = g.id();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".zip").build().toString())
                .body(out.toByteArray());
    }

    /** Cancels a run in progress: 202; 409 when it has already ended. */
    @DeleteMapping("/{id}")
    public ResponseEntity<String> cancel(@PathVariable("id") String id) {
        Generation g = find(id);
        if (!g.cancel()) {
            throw new ApiException(409, "conflict", "generation '" + id + "' has already ended (" + lower(g.status()) + ")");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", g.id());
        out.put("status", "cancelling");
        out.put("links", links(g.id()));
        return ResponseEntity.accepted().contentType(JSON).body(Json.write(out));
    }

    /** Stops the threads that feed SSE streams. */
    @Override
    public void destroy() {
        sseExecutor.shutdownNow();
    }

    // ------------------------------------------------------------------ errors

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<String> onApi(ApiException e) {
        return error(e.status(), e.code(), e.getMessage(), e.problems());
    }

    @ExceptionHandler(InvalidSpecException.class)
    public ResponseEntity<String> onSpec(InvalidSpecException e) {
        return error(400, "invalid_spec", "the spec is not a valid AppSpec; fix the fields listed in problems (paths are relative to spec)",
                e.problems());
    }

    @ExceptionHandler(PromptGuard.RejectedPromptException.class)
    public ResponseEntity<String> onPrompt(PromptGuard.RejectedPromptException e) {
        return error(400, "invalid_prompt", e.getMessage(), List.of("prompt: " + e.getMessage()));
    }

    @ExceptionHandler(UnsafePathException.class)
    public ResponseEntity<String> onPath(UnsafePathException e) {
        return error(400, "unsafe_path", e.getMessage(), List.of());
    }

    @ExceptionHandler(TooManyRunsException.class)
    public ResponseEntity<String> onBusy(TooManyRunsException e) {
        return ResponseEntity.status(429).header(HttpHeaders.RETRY_AFTER, "5").contentType(JSON)
                .body(Json.write(errorBody("too_many_runs", e.getMessage(), List.of())));
    }

    // ------------------------------------------------------------------ helpers

    private Generation find(String id) {
        return generations.find(id).orElseThrow(() -> ApiException.notFound(id));
    }

    private byte[] readLimited(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxRequestBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxRequestBytes + 1);
            if (body.length > maxRequestBytes) {
                throw tooLarge();
            }
            return body;
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "the request body is larger than " + maxRequestBytes
                + " bytes (autonoma.api.max-request-bytes); shorten the prompt or the spec");
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("the body is empty; send {\"prompt\": \"...\"} or {\"spec\": {...}}");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw ApiException.badRequest("the body is empty; send {\"prompt\": \"...\"} or {\"spec\": {...}}");
            }
            return n;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiException.badRequest("the body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("cannot read the body: " + e.getMessage());
        }
    }

    private static boolean isUtf8(byte[] content) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content));
        } catch (CharacterCodingException e) {
            return false;
        }
        for (byte b : content) {
            if (b == 0) return false;
        }
        return true;
    }

    private static Map<String, String> links(String id) {
        String self = "/api/generations/" + id;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("self", self);
        m.put("events", self + "/events");
        m.put("files", self + "/files");
        m.put("zip", self + "/zip");
        return m;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static ResponseEntity<String> ok(Object body) {
        return ResponseEntity.ok().contentType(JSON).body(Json.write(body));
    }

    private static Map<String, Object> errorBody(String code, String message, List<String> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", message);
        m.put("problems", problems);
        return m;
    }

    private static ResponseEntity<String> error(int status, String code, String message, List<String> problems) {
        return ResponseEntity.status(status).contentType(JSON).body(Json.write(errorBody(code, message, problems)));
    }
}
