package io.autonoma.llm.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * langchain4j's {@link HttpClient} for plain (non-streaming) calls on the JDK client, throwing
 * {@link RetryAfterHttpException} for non-2xx answers so the {@code Retry-After} header survives;
 * langchain4j's own JDK client throws an {@link HttpException} with status and body only. Streaming
 * calls go to {@code sse} unchanged.
 */
final class RetryAfterHttpClient implements HttpClient {
    private final java.net.http.HttpClient jdk;
    private final Duration readTimeout;
    private final HttpClient sse;

    RetryAfterHttpClient(java.net.http.HttpClient jdk, Duration readTimeout, HttpClient sse) {
        this.jdk = jdk;
        this.readTimeout = readTimeout;
        this.sse = sse;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) throws HttpException {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        String body = request.body();
        b.method(request.method().name(), body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (readTimeout != null) {
            b.timeout(readTimeout);
        }
        HttpResponse<String> response;
        try {
            response = jdk.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new RetryAfterHttpException(status, response.body(),
                    RetryAfterHttpException.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                            .orElse(null));
        }
        return SuccessfulHttpResponse.builder().statusCode(status).headers(response.headers().map()).body(response.body()).build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        sse.execute(request, parser, listener);
    }
}
