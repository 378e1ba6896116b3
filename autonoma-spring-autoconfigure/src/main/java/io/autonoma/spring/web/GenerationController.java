package io.autonoma.spring.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.UnsafePathException;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.spring.generation.ChangeProposal;
import io.autonoma.spring.generation.Generation;
import io.autonoma.spring.generation.Generations;
import io.autonoma.spring.generation.ProjectChange;
import io.autonoma.spring.generation.ProposalConflictException;
import io.autonoma.spring.web.internal.ApiException;
import io.autonoma.spring.web.internal.Json;
import io.autonoma.spring.web.internal.SseStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The REST + SSE API under {@code /api/generations} (enabled by {@code autonoma.api.enabled=true}).
 * Request and response bodies are the records of {@link GenerationApi}, written as JSON by the API's
 * own mapper; file content (text/plain), the zip and the event stream are the exceptions. Errors are
 * RFC 9457 problem details, written by {@link GenerationApiExceptionHandler}.
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

    private final java.util.Set<String> gitRemoteSchemes;

    public GenerationController(Generations generations, int maxRequestBytes, Duration sseTimeout, java.util.concurrent.ExecutorService sseExecutor) {
        this(generations, maxRequestBytes, sseTimeout, sseExecutor, java.util.Set.of("https"));
    }

    /** {@code gitRemoteSchemes}: the URL schemes {@code POST /{id}/git} may push to. */
    public GenerationController(Generations generations, int maxRequestBytes, Duration sseTimeout, java.util.concurrent.ExecutorService sseExecutor,
                                java.util.Set<String> gitRemoteSchemes) {
        this.gitRemoteSchemes = java.util.Set.copyOf(gitRemoteSchemes);
        this.generations = generations;
        this.store = generations.pipeline().store();
        this.maxRequestBytes = maxRequestBytes;
        this.sseTimeout = sseTimeout;
        this.sseExecutor = sseExecutor;
    }

    /** {@link GenerationApi.StartRequest} → 202 {@link GenerationApi.Started} and {@code Location}. */
    @PostMapping
    public ResponseEntity<String> start(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "send the request as JSON with Content-Type: application/json, e.g. {\"prompt\": \"a todo app\"}");
        }
        GenerationApi.StartRequest body = GenerationApi.StartRequest.from(parse(readLimited(request)));
        String owner = owner(request);
        Generation g = body.spec().isPresent() ? generations.start(owner, body.spec().get()) : generations.start(owner, body.prompt().orElseThrow());
        return ResponseEntity.accepted().location(java.net.URI.create("/api/generations/" + g.id())).contentType(JSON)
                .body(Json.write(GenerationApi.Started.of(g)));
    }

    /** Every remembered run, oldest first: {@link GenerationApi.Listing}. */
    @GetMapping
    public ResponseEntity<String> list(HttpServletRequest request) {
        return ok(new GenerationApi.Listing(generations.list(owner(request)).stream()
                .map(g -> new GenerationApi.Summary(g.id(), GenerationApi.lower(g.status()), g.createdAt().toString())).toList()));
    }

    /** {@link GenerationApi.Status}. */
    @GetMapping("/{id}")
    public ResponseEntity<String> status(@PathVariable("id") String id, HttpServletRequest request) {
        return ok(GenerationApi.Status.of(find(id, request)));
    }

    /**
     * Server-sent events: each {@code GenerationEvent} as JSON, event name = record type, id = seq.
     * Past events are replayed first (after {@code Last-Event-ID} when the browser reconnects), then
     * live ones; the stream ends after {@code RunFinished}.
     */
    @GetMapping("/{id}/events")
    public SseEmitter events(@PathVariable("id") String id,
                             @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                             HttpServletRequest request) {
        Generation g = find(id, request);
        long after = -1;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                after = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Last-Event-ID must be the seq number of an event, was '" + lastEventId + "'");
            }
        }
        SseEmitter emitter = new SseEmitter(sseTimeout.toMillis());
        SseStream<GenerationEvent> stream = new SseStream<>(emitter, sseExecutor, e -> SseEmitter.event()
                .id(Long.toString(e.seq()))
                .name(Json.eventName(e))
                .data(Json.event(e)), e -> e instanceof GenerationEvent.RunFinished);
        stream.unsubscribeWith(g.subscribe(after, stream));
        return emitter;
    }

    /** {@link GenerationApi.Files}, sorted by path. */
    @GetMapping("/{id}/files")
    public ResponseEntity<String> files(@PathVariable("id") String id, HttpServletRequest request) {
        Generation g = find(id, request);
        return ok(new GenerationApi.Files(g.id(), store.list(g.projectId()).stream()
                .map(a -> new GenerationApi.FileEntry(a.path(), a.size(), a.version())).toList()));
    }

    /** The latest content of one file: text/plain (UTF-8) for text, application/octet-stream otherwise. */
    @GetMapping("/{id}/files/{*path}")
    public ResponseEntity<byte[]> file(@PathVariable("id") String id, @PathVariable("path") String path,
                                       @org.springframework.web.bind.annotation.RequestParam(name = "version", required = false) Integer version,
                                       HttpServletRequest request) {
        Generation g = find(id, request);
        String raw = path.startsWith("/") ? path.substring(1) : path;
        String normalized = ArtifactPaths.normalize(raw); // UnsafePathException → 400
        java.util.Optional<Artifact> found = version == null ? store.get(g.projectId(), normalized)
                : store.history(g.projectId(), normalized).stream().filter(x -> x.version() == version).findFirst();
        Artifact a = found.orElseThrow(() -> new ApiException(404, "not_found",
                "generation '" + id + "' has no file '" + normalized + "'" + (version == null ? "" : " in version " + version)
                        + "; list them with GET /api/generations/" + id + "/files"));
        byte[] content = a.content();
        MediaType type = isUtf8(content) ? new MediaType("text", "plain", StandardCharsets.UTF_8) : MediaType.APPLICATION_OCTET_STREAM;
        return ResponseEntity.ok()
                .contentType(type)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Artifact-Version", Integer.toString(a.version()))
                .body(content);
    }

    /**
     * Saves {@code path} of the generation's project as a new version (the body, as sent; at most
     * {@code autonoma.api.max-request-bytes}): 200 {@link GenerationApi.Saved}. The file's earlier versions stay in its
     * history; a later change of the app keeps the saved content as the user's edit. 409 while the run is in progress,
     * 400 for an unsafe path.
     */
    @org.springframework.web.bind.annotation.PutMapping("/{id}/files/{*path}")
    public ResponseEntity<String> save(@PathVariable("id") String id, @PathVariable("path") String path, HttpServletRequest request)
            throws IOException {
        Generation g = find(id, request);
        String normalized = ArtifactPaths.normalize(path.startsWith("/") ? path.substring(1) : path); // UnsafePathException → 400
        if (!g.finished()) {
            throw new ApiException(409, "conflict", "generation '" + id + "' is still running; save files once it has ended");
        }
        byte[] body = readLimited(request);
        Artifact saved = store.put(new io.autonoma.core.artifact.ArtifactWrite(g.projectId(), normalized, body, "user:" + owner(request)));
        return ok(new GenerationApi.Saved(g.id(), saved.path(), saved.version(), body.length));
    }

    /** Every stored version of one file, oldest first: {@link GenerationApi.Versions}; 404 for a path the project never had. */
    @GetMapping("/{id}/versions/{*path}")
    public ResponseEntity<String> versions(@PathVariable("id") String id, @PathVariable("path") String path, HttpServletRequest request) {
        Generation g = find(id, request);
        String normalized = ArtifactPaths.normalize(path.startsWith("/") ? path.substring(1) : path);
        java.util.List<Artifact> history = store.history(g.projectId(), normalized);
        if (history.isEmpty()) {
            throw new ApiException(404, "not_found", "generation '" + id + "' has no file '" + normalized + "'");
        }
        return ok(new GenerationApi.Versions(g.id(), normalized, history.stream().map(a -> new GenerationApi.Version(a.version(),
                a.content().length, a.sha256(), a.producedBy(), a.createdAt().toString())).toList()));
    }

    /**
     * The unified diff of one file between two of its versions ({@code from}, default the one before {@code to};
     * {@code to}, default the latest), as text/plain; empty when they are equal. 400 for a version the file does not have.
     */
    @GetMapping("/{id}/diff/{*path}")
    public ResponseEntity<String> diff(@PathVariable("id") String id, @PathVariable("path") String path,
                                       @org.springframework.web.bind.annotation.RequestParam(name = "from", required = false) Integer from,
                                       @org.springframework.web.bind.annotation.RequestParam(name = "to", required = false) Integer to,
                                       HttpServletRequest request) {
        Generation g = find(id, request);
        String normalized = ArtifactPaths.normalize(path.startsWith("/") ? path.substring(1) : path);
        java.util.List<Artifact> history = store.history(g.projectId(), normalized);
        if (history.isEmpty()) {
            throw new ApiException(404, "not_found", "generation '" + id + "' has no file '" + normalized + "'");
        }
        int last = history.get(history.size() - 1).version();
        int b = to == null ? last : to;
        int a = from == null ? b - 1 : from;
        String before = a == 0 ? "" : text(version(history, a, normalized));
        String after = text(version(history, b, normalized));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(io.autonoma.agents.change.FileDiff.unified(normalized, before, after, 3));
    }

    private static Artifact version(java.util.List<Artifact> history, int version, String path) {
        return history.stream().filter(x -> x.version() == version).findFirst().orElseThrow(() -> ApiException.badRequest(
                "'" + path + "' has versions 1.." + history.get(history.size() - 1).version() + ", not " + version));
    }

    private static String text(Artifact a) {
        return new String(a.content(), StandardCharsets.UTF_8);
    }

    /**
     * Pushes the project's latest files to a git remote the user names, as one commit on a branch (on top of the
     * branch's head when the remote has it): body {@code {"remote": "https://…", "branch": "main", "username": "…",
     * "token": "…", "message": "…"}}, answer 200 {@link GenerationApi.GitPushed}. The token is used for this push only:
     * never stored, logged or echoed. 400 for a remote of a scheme not in {@code autonoma.api.git-remote-schemes}
     * (https by default) or with credentials in its URL, 409 while the run is in progress, 502 when the remote refuses
     * or cannot be reached.
     */
    @PostMapping("/{id}/git")
    public ResponseEntity<String> push(@PathVariable("id") String id, HttpServletRequest request) throws IOException {
        Generation g = find(id, request);
        if (!g.finished()) {
            throw new ApiException(409, "conflict", "generation '" + id + "' is still running; push it once it has ended");
        }
        JsonNode body = parse(readLimited(request));
        if (!body.path("remote").isTextual() || body.path("remote").asText().isBlank()) {
            throw ApiException.badRequest("send {\"remote\": \"https://github.com/you/app.git\", \"branch\": \"main\", "
                    + "\"username\": \"you\", \"token\": \"…\"}");
        }
        java.util.Optional<String> username = text(body, "username");
        java.util.Optional<char[]> token = text(body, "token").map(String::toCharArray);
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        for (Artifact a : store.list(g.projectId())) {
            files.put(a.path(), store.get(g.projectId(), a.path()).map(Artifact::content).orElse(a.content()));
        }
        if (files.isEmpty()) {
            throw new ApiException(409, "conflict", "generation '" + id + "' has no files to push");
        }
        io.autonoma.agents.export.GitPush.Pushed pushed;
        try {
            pushed = io.autonoma.agents.export.GitPush.push(files, new io.autonoma.agents.export.GitPush.Target(
                    body.get("remote").asText().strip(), text(body, "branch").orElse("main"), username, token,
                    text(body, "message").orElse(null), null, null), gitRemoteSchemes);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (io.autonoma.agents.export.GitPush.PushFailedException e) {
            throw new ApiException(502, "push_failed", e.getMessage());
        }
        return ok(new GenerationApi.GitPushed(g.id(), pushed.remote(), pushed.branch(), pushed.commit(), pushed.files(), pushed.unchanged()));
    }

    private static java.util.Optional<String> text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n != null && n.isTextual() && !n.asText().isBlank() ? java.util.Optional.of(n.asText()) : java.util.Optional.empty();
    }

    /** Every file as a reproducible zip named after the app (or the id). */
    @GetMapping("/{id}/zip")
    public ResponseEntity<byte[]> zip(@PathVariable("id") String id, HttpServletRequest request) {
        Generation g = find(id, request);
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

    /**
     * Changes the app of generation {@code id} (its project in the store; the id of an earlier change of it works
     * too, and so does the id of a project the store holds but this application has forgotten): body
     * {@link GenerationApi.ChangeBody}, answer 200 {@link GenerationApi.Changed} once the change is done (it blocks;
     * its run is then served under {@code /api/generations/{runId}} like a generation, events replayed).
     * 404 unknown id, 409 {@code conflict} while a run of the project is in progress, 409
     * {@code destructive_change} (the losses in {@code problems}) for a change that would drop data without
     * {@code allowDestructive}, 400 for an unreadable request or an invalid spec.
     */
    @PostMapping("/{id}/changes")
    public ResponseEntity<String> change(@PathVariable("id") String id, HttpServletRequest request) throws IOException {
        String projectId = changeable(id, request);
        GenerationApi.ChangeBody body = GenerationApi.ChangeBody.from(parse(readLimited(request)));
        requireIdle(id, projectId, request);
        ProjectChange change = refusingBadRequests(() -> generations.change(projectId, body.request()));
        return ok(GenerationApi.Changed.of(change));
    }

    /**
     * Works a change of the app of generation {@code id} out without writing it, to look at before accepting it: body
     * {@link GenerationApi.ChangeBody} (as for {@code /changes}), answer 200 {@link GenerationApi.Proposal} once worked
     * out (it blocks): the delta, each file the change would write with its unified diff against the store's content,
     * the conflicts. A {@code ready} or {@code conflicted} proposal is kept (for an hour, the latest 100) to accept with
     * {@code POST …/proposals/{pid}/accept} or discard with {@code DELETE …/proposals/{pid}}; an {@code unchanged} or
     * {@code failed} one is not (its {@code id} is null). The same 415, 404, 409 and 400 answers as {@code /changes}.
     */
    @PostMapping("/{id}/proposals")
    public ResponseEntity<String> propose(@PathVariable("id") String id, HttpServletRequest request) throws IOException {
        String projectId = changeable(id, request);
        GenerationApi.ChangeBody body = GenerationApi.ChangeBody.from(parse(readLimited(request)));
        requireIdle(id, projectId, request);
        ChangeProposal proposal = refusingBadRequests(() -> generations.propose(projectId, body.request()));
        return ok(GenerationApi.Proposal.of(id, proposal));
    }

    /** Runs a change or proposal: an invalid spec stays itself (400 invalid_spec), any other bad argument is 400 bad_request. */
    private static <T> T refusingBadRequests(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (io.autonoma.core.spec.InvalidSpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /**
     * Writes a proposal of the app of generation {@code id} into the store as {@code /changes} would have: 200
     * {@link GenerationApi.Changed}; the proposal is then forgotten. 404 for an unknown, accepted, discarded or expired
     * proposal (and one of another project or owner); 409 {@code conflict}, with nothing written and the proposal
     * forgotten, when the project changed since the proposal (a file of its plan was saved or changed since: the
     * paths in {@code problems}) or a run of it is in progress: propose again.
     */
    @PostMapping("/{id}/proposals/{pid}/accept")
    public ResponseEntity<String> accept(@PathVariable("id") String id, @PathVariable("pid") String pid, HttpServletRequest request) {
        proposal(id, pid, request);
        ProjectChange change;
        try {
            change = generations.accept(pid);
        } catch (java.util.NoSuchElementException e) {
            throw proposalNotFound(id, pid);
        } catch (ProposalConflictException e) {
            throw new ApiException(409, "conflict", e.getMessage(), e.moved());
        }
        return ok(GenerationApi.Changed.of(change));
    }

    /** Discards a proposal of the app of generation {@code id} without writing it: 204; 404 for an unknown one. */
    @DeleteMapping("/{id}/proposals/{pid}")
    public ResponseEntity<Void> discard(@PathVariable("id") String id, @PathVariable("pid") String pid, HttpServletRequest request) {
        proposal(id, pid, request);
        if (!generations.discard(pid)) {
            throw proposalNotFound(id, pid);
        }
        return ResponseEntity.noContent().build();
    }

    /** Cancels a run in progress: 202; 409 when it has already ended. */
    @DeleteMapping("/{id}")
    public ResponseEntity<String> cancel(@PathVariable("id") String id, HttpServletRequest request) {
        Generation g = find(id, request);
        if (!g.cancel()) {
            throw new ApiException(409, "conflict", "generation '" + id + "' has already ended (" + GenerationApi.lower(g.status()) + ")");
        }
        return ResponseEntity.accepted().contentType(JSON).body(Json.write(GenerationApi.Cancelling.of(g)));
    }

    /** Stops the threads that feed SSE streams. */
    @Override
    public void destroy() {
        sseExecutor.shutdownNow();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The project a change or proposal of {@code id} applies to: the caller's run's project, or a project this
     * application has forgotten, served to the owner it knows or, unsecured, to anyone. 415 for a body that is not
     * JSON, 404 when there is none.
     */
    private String changeable(String id, HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "send the change as JSON with Content-Type: application/json, e.g. {\"change\": \"give tasks a due date\"}");
        }
        String projectId = project(id, owner(request));
        if (projectId == null) {
            throw ApiException.notFound(id);
        }
        return projectId;
    }

    private String project(String id, String owner) {
        return generations.find(owner, id).map(Generation::projectId)
                .orElseGet(() -> id.endsWith(Generations.RECORD_PROJECT_SUFFIX) || store.list(id).isEmpty()
                        || !generations.projectOwner(id).orElse(Generations.ANONYMOUS).equals(owner) ? null : id);
    }

    /** 409 {@code conflict} while a run of the project is in progress. */
    private void requireIdle(String id, String projectId, HttpServletRequest request) {
        String owner = owner(request);
        if (generations.list().stream().anyMatch(g -> g.projectId().equals(projectId) && !g.finished())
                || generations.find(owner, projectId).filter(g -> !g.finished()).isPresent()) {
            throw new ApiException(409, "conflict", "a run of project '" + projectId + "' is still in progress; "
                    + "change it once it has ended (GET /api/generations/" + id + ")");
        }
    }

    /** The caller's proposal {@code pid} of the project of {@code id}; 404 for any other (unknown, another project's or owner's). */
    private ChangeProposal proposal(String id, String pid, HttpServletRequest request) {
        String owner = owner(request);
        String projectId = project(id, owner);
        if (projectId == null) {
            throw ApiException.notFound(id);
        }
        return generations.proposal(pid).filter(p -> p.projectId().equals(projectId) && p.owner().equals(owner))
                .orElseThrow(() -> proposalNotFound(id, pid));
    }

    private static ApiException proposalNotFound(String id, String pid) {
        return new ApiException(404, "not_found", "generation '" + id + "' has no proposal '" + pid
                + "' (accepted, discarded, expired, or never kept); propose the change again with POST /api/generations/" + id + "/proposals");
    }

    /** The caller's run with this id; another owner's is 404 exactly like one that does not exist. */
    private Generation find(String id, HttpServletRequest request) {
        return generations.find(owner(request), id).orElseThrow(() -> ApiException.notFound(id));
    }

    /** The authenticated user's name (Spring Security, or any container authentication); anonymous when none. */
    static String owner(HttpServletRequest request) {
        java.security.Principal p = request.getUserPrincipal();
        return p == null || p.getName() == null || p.getName().isBlank() ? Generations.ANONYMOUS : p.getName();
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

    private static ResponseEntity<String> ok(Object body) {
        return ResponseEntity.ok().contentType(JSON).body(Json.write(body));
    }
}
