package io.autonoma.llm.internal;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import io.autonoma.llm.LlmException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** Maps whatever a {@code ChatModel} throws (langchain4j exceptions, HTTP errors, I/O causes) to a {@link Kind}. */
public final class ErrorClassifier {
    private ErrorClassifier() {}

    public static Kind classify(Throwable error) {
        // Connection problems first: an unreachable endpoint must fail fast, not be retried as a timeout.
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException
                    || t instanceof UnresolvedModelServerException) {
                return Kind.UNREACHABLE;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RateLimitException) return Kind.RATE_LIMITED;
            if (t instanceof TimeoutException || t instanceof HttpTimeoutException || t instanceof SocketTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) return Kind.TIMEOUT;
            if (t instanceof InternalServerException) return Kind.SERVER_ERROR;
            if (t instanceof AuthenticationException) return Kind.AUTHENTICATION;
            if (t instanceof ModelNotFoundException) return Kind.MODEL_NOT_FOUND;
            if (t instanceof HttpException h) {
                return byStatus(h.statusCode());
            }
            if (t instanceof InvalidRequestException) return Kind.BAD_REQUEST;
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) return Kind.MALFORMED_RESPONSE;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException) return Kind.SERVER_ERROR;
            if (t instanceof java.io.IOException) return Kind.SERVER_ERROR; // e.g. connection reset mid-response
        }
        return Kind.OTHER;
    }

    static Kind byStatus(int status) {
        if (status == 429) return Kind.RATE_LIMITED;
        if (status == 408) return Kind.TIMEOUT;
        if (status >= 500) return Kind.SERVER_ERROR;
        if (status == 401 || status == 403) return Kind.AUTHENTICATION;
        if (status == 404) return Kind.MODEL_NOT_FOUND;
        if (status >= 400) return Kind.BAD_REQUEST;
        return Kind.OTHER;
    }
}
