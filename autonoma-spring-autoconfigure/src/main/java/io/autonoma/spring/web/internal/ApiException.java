package io.autonoma.spring.web.internal;

import java.util.List;

/** An API error with its HTTP status, a stable code and a message saying what to do. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<String> problems;

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public ApiException(int status, String code, String message, List<String> problems) {
        super(message);
        this.status = status;
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    public int status() { return status; }
    public String code() { return code; }
    public List<String> problems() { return problems; }

    public static ApiException notFound(String id) {
        return new ApiException(404, "not_found", "no generation with id '" + id
                + "'; start one with POST /api/generations (finished runs are forgotten after a while)");
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }
}
