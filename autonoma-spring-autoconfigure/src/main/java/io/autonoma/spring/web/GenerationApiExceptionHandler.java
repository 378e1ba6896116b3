package io.autonoma.spring.web;

import io.autonoma.agents.change.DestructiveChangeException;
import io.autonoma.core.artifact.UnsafePathException;
import io.autonoma.core.guard.PromptGuard;
import io.autonoma.core.spec.InvalidSpecException;
import io.autonoma.spring.generation.TooManyRunsException;
import io.autonoma.spring.web.internal.ApiException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The REST API's errors as RFC 9457 problem details ({@code application/problem+json}):
 * {@code type} {@code urn:autonoma:problem:<code>}, {@code title}, {@code status}, {@code detail} (what was
 * wrong and what to do), and two extension members: {@code error}, the stable code
 * ({@code invalid_prompt}, {@code invalid_spec}, {@code bad_request}, {@code unsafe_path}, {@code not_found},
 * {@code conflict}, {@code destructive_change}, {@code payload_too_large}, {@code unsupported_media_type}, {@code too_many_runs}), and
 * {@code problems}, one line per problem (for a spec, the JSON path of each; for a refused destructive change, what
 * would be lost). Only for
 * {@link GenerationController}: the application's other controllers keep their own error handling.
 */
@RestControllerAdvice(assignableTypes = {GenerationController.class, PlanController.class})
public class GenerationApiExceptionHandler {

    /** The {@code type} of a problem with this code. */
    public static URI type(String code) {
        return URI.create("urn:autonoma:problem:" + code);
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ProblemDetail> onApi(ApiException e) {
        return problem(e.status(), e.code(), e.getMessage(), e.problems());
    }

    @ExceptionHandler(InvalidSpecException.class)
    public ResponseEntity<ProblemDetail> onSpec(InvalidSpecException e) {
        return problem(400, "invalid_spec", "the spec is not a valid AppSpec; fix the fields listed in problems (paths are relative to spec)",
                e.problems());
    }

    @ExceptionHandler(PromptGuard.RejectedPromptException.class)
    public ResponseEntity<ProblemDetail> onPrompt(PromptGuard.RejectedPromptException e) {
        return problem(400, "invalid_prompt", e.getMessage(), List.of("prompt: " + e.getMessage()));
    }

    @ExceptionHandler(UnsafePathException.class)
    public ResponseEntity<ProblemDetail> onPath(UnsafePathException e) {
        return problem(400, "unsafe_path", e.getMessage(), List.of());
    }

    /** 409: the change would drop data and was not allowed to; {@code problems} lists what would be lost. */
    @ExceptionHandler(DestructiveChangeException.class)
    public ResponseEntity<ProblemDetail> onDestructive(DestructiveChangeException e) {
        return problem(409, "destructive_change", e.getMessage().replace("autonoma change --allow-destructive, or ChangeRequest.allowingDestructive()",
                "send \"allowDestructive\": true"), e.losses());
    }

    @ExceptionHandler(TooManyRunsException.class)
    public ResponseEntity<ProblemDetail> onBusy(TooManyRunsException e) {
        ResponseEntity<ProblemDetail> p = problem(429, "too_many_runs", e.getMessage(), List.of());
        return ResponseEntity.status(p.getStatusCode()).headers(p.getHeaders()).header(HttpHeaders.RETRY_AFTER, "5").body(p.getBody());
    }

    /** A user at one of its quotas: 429 {@code quota_exceeded} with {@code Retry-After} in whole seconds. */
    @ExceptionHandler(io.autonoma.spring.generation.QuotaExceededException.class)
    public ResponseEntity<ProblemDetail> onQuota(io.autonoma.spring.generation.QuotaExceededException e) {
        ResponseEntity<ProblemDetail> p = problem(429, "quota_exceeded", e.getMessage(), List.of());
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(p.getStatusCode()).headers(p.getHeaders()).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(p.getBody());
    }

    static ResponseEntity<ProblemDetail> problem(int status, String code, String detail, List<String> problems) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        p.setType(type(code));
        p.setTitle(title(code));
        p.setProperty("error", code);
        p.setProperty("problems", List.copyOf(problems));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static String title(String code) {
        String words = code.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
