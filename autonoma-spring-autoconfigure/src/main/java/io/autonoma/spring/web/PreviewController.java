package io.autonoma.spring.web;

import io.autonoma.agents.preview.TooManyPreviewsException;
import io.autonoma.spring.generation.Generation;
import io.autonoma.spring.generation.Generations;
import io.autonoma.spring.preview.PreviewService;
import io.autonoma.spring.preview.PreviewStatus;
import io.autonoma.spring.web.internal.ApiException;
import io.autonoma.spring.web.internal.Json;
import io.autonoma.spring.web.internal.SseStream;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live previews of a generation's project ({@code autonoma.preview.enabled=true}; otherwise every endpoint answers 404
 * saying so), each answered as {@link PreviewStatus} JSON; errors are problem details like the rest of the API's:
 * <ul>
 *   <li>{@code POST /api/generations/{id}/preview} → 202: starts the preview of the project's current files, or
 *       restarts it when it has one (how a page shows a change); the dependencies are installed afterwards, so it answers
 *       at once, {@code preparing}. The preview's data (its SQLite database and secret key) is kept from the project's
 *       previous preview, migrated by the new files' Alembic revisions, unless {@code ?fresh=true}. 429 {@code too_many_previews} when {@code autonoma.preview.max-running} previews of
 *       other projects are prepared or running.</li>
 *   <li>{@code GET /api/generations/{id}/preview} → 200: where it stands; counts as activity (a preview nobody asks
 *       about for {@code autonoma.preview.idle-timeout} is stopped). 404 when the project has none.</li>
 *   <li>{@code DELETE /api/generations/{id}/preview} → 204 once its processes are gone; 404 when it has none.</li>
 *   <li>{@code GET /api/generations/{id}/preview/logs}: server-sent events, its log lines so far then the new ones
 *       ({@code event: log}, {@code data: {"line": "..."}}) and its state ({@code event: state}, data the status) when it
 *       changes; ends when the preview ends.</li>
 * </ul>
 * A generation another owner started is 404, as everywhere in the API.
 */
@RestController
@RequestMapping("/api/generations/{id}/preview")
public class PreviewController implements org.springframework.beans.factory.DisposableBean {
    private final Generations generations;
    private final PreviewService previews;
    private final Duration sseTimeout;
    private final ExecutorService sseExecutor;

    /** {@code previews}: null when previews are off (every endpoint then answers 404 saying how to turn them on). */
    public PreviewController(Generations generations, PreviewService previews, Duration sseTimeout, ExecutorService sseExecutor) {
        this.generations = generations;
        this.previews = previews;
        this.sseTimeout = sseTimeout;
        this.sseExecutor = sseExecutor;
    }

    @PostMapping
    public ResponseEntity<String> start(@PathVariable("id") String id,
                                        @org.springframework.web.bind.annotation.RequestParam(name = "fresh", defaultValue = "false") boolean fresh,
                                        HttpServletRequest request) {
        PreviewService service = service();
        Generation g = find(id, request);
        return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(Json.write(service.start(g.projectId(), !fresh)));
    }

    @GetMapping
    public ResponseEntity<String> status(@PathVariable("id") String id, HttpServletRequest request) {
        PreviewService service = service();
        Generation g = find(id, request);
        PreviewStatus s = service.status(g.projectId()).orElseThrow(() -> none(id));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Json.write(s));
    }

    @DeleteMapping
    public ResponseEntity<Void> stop(@PathVariable("id") String id, HttpServletRequest request) {
        PreviewService service = service();
        Generation g = find(id, request);
        if (!service.stop(g.projectId())) {
            throw none(id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/logs")
    public SseEmitter logs(@PathVariable("id") String id, HttpServletRequest request) {
        PreviewService service = service();
        Generation g = find(id, request);
        SseEmitter emitter = new SseEmitter(sseTimeout.toMillis());
        Stream stream = new Stream(emitter, sseExecutor);
        stream.unsubscribeWith(service.subscribe(g.projectId(), stream).orElseThrow(() -> none(id)));
        return emitter;
    }

    /** Stops the threads that feed the log streams. */
    @Override
    public void destroy() {
        sseExecutor.shutdownNow();
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ProblemDetail> onApi(ApiException e) {
        return GenerationApiExceptionHandler.problem(e.status(), e.code(), e.getMessage(), e.problems());
    }

    /** 429 {@code too_many_previews}: the message names the limit and says to stop one. */
    @ExceptionHandler(TooManyPreviewsException.class)
    public ResponseEntity<ProblemDetail> onTooMany(TooManyPreviewsException e) {
        ResponseEntity<ProblemDetail> p = GenerationApiExceptionHandler.problem(429, "too_many_previews",
                e.getMessage() + " (the limit is autonoma.preview.max-running; DELETE /api/generations/<id>/preview stops a preview)", List.of());
        return ResponseEntity.status(p.getStatusCode()).headers(p.getHeaders()).header(HttpHeaders.RETRY_AFTER, "10").body(p.getBody());
    }

    private PreviewService service() {
        if (previews == null) {
            throw new ApiException(404, "not_found", "previews are off; set autonoma.preview.enabled=true "
                    + "(previews run the generated code on this server)");
        }
        return previews;
    }

    private Generation find(String id, HttpServletRequest request) {
        return generations.find(GenerationController.owner(request), id).orElseThrow(() -> ApiException.notFound(id));
    }

    private static ApiException none(String id) {
        return new ApiException(404, "not_found", "generation '" + id + "' has no preview; start one with POST /api/generations/" + id
                + "/preview");
    }

    /** One log stream: lines as {@code log} events, states as {@code state} events; completed after an ended state. */
    private static final class Stream implements PreviewService.Listener {
        private record Message(SseEmitter.SseEventBuilder event, boolean last) {}

        private final SseStream<Message> sse;

        Stream(SseEmitter emitter, ExecutorService executor) {
            this.sse = new SseStream<>(emitter, executor, Message::event, Message::last);
        }

        void unsubscribeWith(Runnable unsubscribe) {
            sse.unsubscribeWith(unsubscribe);
        }

        @Override
        public void log(String line) {
            sse.accept(new Message(SseEmitter.event().name("log").data(Json.write(Map.of("line", line))), false));
        }

        @Override
        public void state(PreviewStatus status) {
            sse.accept(new Message(SseEmitter.event().name("state").data(Json.write(status)), status.ended()));
        }
    }
}
