package io.autonoma.llm.internal;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import java.time.Duration;

/**
 * A JDK HTTP client builder whose connect timeout never exceeds a cap: langchain4j's OpenAI model
 * sets the connect timeout to its (long) request timeout, which would make an unreachable endpoint
 * hang for a minute instead of failing in seconds. Its clients keep the {@code Retry-After} header
 * of failed calls ({@link RetryAfterHttpException}).
 */
public final class ShortConnectHttpClientBuilder implements HttpClientBuilder {
    private final JdkHttpClientBuilder delegate = new JdkHttpClientBuilder();
    private final Duration cap;

    public ShortConnectHttpClientBuilder(Duration connectCap, Duration readTimeout) {
        this.cap = connectCap;
        delegate.connectTimeout(connectCap);
        delegate.readTimeout(readTimeout);
    }

    @Override
    public Duration connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
        delegate.connectTimeout(timeout == null || timeout.compareTo(cap) > 0 ? cap : timeout);
        return this;
    }

    @Override
    public Duration readTimeout() {
        return delegate.readTimeout();
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
        delegate.readTimeout(timeout);
        return this;
    }

    @Override
    public HttpClient build() {
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder().connectTimeout(delegate.connectTimeout()).build();
        return new RetryAfterHttpClient(jdk, delegate.readTimeout(), delegate.build());
    }
}
