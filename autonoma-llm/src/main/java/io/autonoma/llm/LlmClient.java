package io.autonoma.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.autonoma.llm.LlmException.Kind;
import io.autonoma.llm.internal.ErrorClassifier;
import io.autonoma.llm.internal.RetryAfterHttpException;
import io.autonoma.llm.internal.RequestKey;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CancellationToken;
import io.autonoma.core.pipeline.CancelledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Wraps any langchain4j {@link ChatModel} for the agents: a per-call timeout, bounded retries with
 * exponential back-off and jitter on rate limits, server errors, timeouts and malformed responses,
 * cancellation, token and cost accounting charged to the run's {@link Budget}, and a response cache
 * (a cache hit makes no call and costs nothing). Thread-safe; one client can serve many runs.
 *
 * <p>Errors: {@link CancelledException} when the run is cancelled while waiting;
 * {@link Budget.BudgetExceededException} when the budget is already spent before a call or this call's
 * tokens exceed it (the answer is still cached); {@link LlmException} when retries are used up or the
 * failure is permanent (unreachable endpoint, rejected key, unknown model, bad request).
 */
public final class LlmClient implements AutoCloseable {
    /** The longest {@code Retry-After} honoured; a server asking for more is retried after this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

    private final ChatModel model;
    private final String modelName;
    private final Duration timeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final LlmPricing pricing;
    private final LlmResponseCache cache;
    private final LlmCallListener listener;
    private final Random random;
    private final ExecutorService calls;
    private final List<String> redact;
    private final AtomicBoolean responseFormatUnsupported = new AtomicBoolean();
    private final AtomicInteger modelCalls = new AtomicInteger();

    private LlmClient(Builder b) {
        this.model = b.model;
        this.modelName = b.modelName;
        this.timeout = b.timeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.pricing = b.pricing;
        this.cache = b.cache;
        this.listener = b.listener;
        this.redact = List.copyOf(b.redact);
        this.random = b.seed == null ? new Random() : new Random(b.seed);
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "autonoma-llm-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    public String modelName() {
        return modelName;
    }

    public ChatModel model() {
        return model;
    }

    /** Requests actually sent to the model so far (attempts included, cache hits excluded). */
    public int modelCalls() {
        return modelCalls.get();
    }

    /**
     * A JSON response format for {@code schema}: a JSON-schema format when the model declares
     * {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA}, else plain JSON mode. Requests whose format the
     * model rejects are sent again without it (the prompt must ask for JSON too).
     */
    public ResponseFormat jsonFormat(String schemaName, String schema) {
        if (model.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA)) {
            return ResponseFormat.builder().type(ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder().name(schemaName).rootElement(JsonRawSchema.from(schema)).build())
                    .build();
        }
        return ResponseFormat.JSON;
    }

    /** {@link #chat(String, ChatRequest, Budget, CancellationToken, Consumer)} with the context's budget, cancellation and log. */
    public LlmReply chat(String agent, ChatRequest request, AgentContext ctx) {
        return chat(agent, request, ctx.budget(), ctx.cancellation(), ctx::log);
    }

    public LlmReply chat(String agent, ChatRequest request, Budget budget, CancellationToken cancellation, Consumer<String> log) {
        Objects.requireNonNull(request, "request");
        Budget b = budget == null ? Budget.unlimited() : budget;
        CancellationToken cancel = cancellation == null ? () -> false : cancellation;
        Consumer<String> out = log == null ? m -> {} : log;
        cancel.throwIfCancelled();
        String key = RequestKey.of(modelName, request);
        var hit = cache.get(key);
        if (hit.isPresent()) {
            LlmResponseCache.Entry e = hit.get();
            out.accept("model answer from cache (0 calls, 0 tokens, $0)");
            listener.onCall(new LlmCallRecord(agent, modelName, key, true, 0, e.inputTokens(), e.outputTokens(), 0, 0, ""));
            return new LlmReply(e.text(), e.model(), e.inputTokens(), e.outputTokens(), 0, true, 0, 0);
        }
        if (b.exhausted()) {
            throw new Budget.BudgetExceededException("budget exhausted before a model call for '" + agent + "': "
                    + b.tokensSpent() + "/" + b.maxTokens() + " tokens, " + b.costMicrosSpent() + "/" + b.maxCostMicros()
                    + " micro-dollars; raise the budget or simplify the prompt");
        }
        long start = System.nanoTime();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            cancel.throwIfCancelled();
            ChatRequest sent = responseFormatUnsupported.get() && request.responseFormat() != null
                    ? withoutFormat(request) : request;
            ChatResponse response;
            try {
                response = call(sent, cancel);
            } catch (CancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                if (sent.responseFormat() != null && isUnsupportedFeature(e) && !responseFormatUnsupported.getAndSet(true)) {
                    out.accept("the model does not support the requested response format; asking again without it");
                    attempt--;
                    continue;
                }
                last = e;
                Kind kind = ErrorClassifier.classify(e);
                if (!kind.transientFailure() || attempt == maxAttempts) {
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    LlmException failure = failure(kind, attempt, e);
                    listener.onCall(new LlmCallRecord(agent, modelName, key, false, attempt, 0, 0, 0, ms, failure.getMessage()));
                    throw failure;
                }
                long delay = backoffMillis(attempt);
                String asked = "";
                var retryAfter = RetryAfterHttpException.in(e);
                if (retryAfter.isPresent()) {
                    // the server said how long to wait: never sooner, and at most MAX_RETRY_AFTER
                    delay = Math.max(delay, Math.min(retryAfter.get().toMillis(), MAX_RETRY_AFTER.toMillis()));
                    asked = ", as the server's Retry-After asked";
                }
                out.accept("model call failed (" + describe(kind) + ": " + safeMessage(e) + "); retrying in " + delay
                        + " ms" + asked + " (attempt " + (attempt + 1) + " of " + maxAttempts + ")");
                sleep(delay, cancel);
                continue;
            }
            String text = response.aiMessage() == null ? null : response.aiMessage().text();
            if (text == null || text.isBlank()) {
                last = new LlmException(Kind.MALFORMED_RESPONSE, "the model returned an empty answer", null);
                if (attempt == maxAttempts) {
                    break;
                }
                long delay = backoffMillis(attempt);
                out.accept("model returned an empty answer; retrying in " + delay + " ms (attempt " + (attempt + 1) + " of " + maxAttempts + ")");
                sleep(delay, cancel);
                continue;
            }
            TokenUsage usage = response.tokenUsage();
            boolean estimated = usage == null || usage.inputTokenCount() == null || usage.outputTokenCount() == null;
            long in = !estimated ? usage.inputTokenCount() : estimateTokens(request);
            long outTokens = !estimated ? usage.outputTokenCount() : Math.max(1, text.length() / 4);
            long cost = pricing.costMicros(in, outTokens);
            long ms = (System.nanoTime() - start) / 1_000_000;
            String answeredBy = response.modelName() == null ? modelName : response.modelName();
            cache.put(key, new LlmResponseCache.Entry(answeredBy, text, in, outTokens));
            out.accept(String.format(Locale.ROOT, "model call: %d tokens in, %d out%s, $%.6f, %d ms%s", in, outTokens,
                    estimated ? " (estimated: the provider reported no usage)" : "", cost / 1e6, ms,
                    attempt > 1 ? " (attempt " + attempt + ")" : ""));
            listener.onCall(new LlmCallRecord(agent, modelName, key, false, attempt, in, outTokens, cost, ms, ""));
            b.charge(in + outTokens, cost);
            return new LlmReply(text, answeredBy, in, outTokens, cost, false, attempt, ms);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        LlmException failure = failure(Kind.MALFORMED_RESPONSE, maxAttempts, last);
        listener.onCall(new LlmCallRecord(agent, modelName, key, false, maxAttempts, 0, 0, 0, ms, failure.getMessage()));
        throw failure;
    }

    private ChatResponse call(ChatRequest request, CancellationToken cancel) {
        modelCalls.incrementAndGet();
        Future<ChatResponse> f = calls.submit(() -> model.chat(request));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (cancel.isCancelled()) {
                    f.cancel(true);
                    throw new CancelledException("run was cancelled while waiting for the model");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    f.cancel(true);
                    throw new LlmException(Kind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms",
                            new java.util.concurrent.TimeoutException("model call timed out"));
                }
                try {
                    return f.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // poll cancellation and the deadline again
                }
            }
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted while waiting for the model");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new LlmException(Kind.OTHER, "model call failed: " + c, c);
        }
    }

    private LlmException failure(Kind kind, int attempts, Throwable cause) {
        String why = safeMessage(cause);
        String msg = switch (kind) {
            case UNREACHABLE -> "cannot reach the model endpoint (" + why + "); check the base URL and that the server is running";
            case AUTHENTICATION -> "the model endpoint rejected the credentials (" + why + "); check the API key in AUTONOMA_API_KEY";
            case MODEL_NOT_FOUND -> "the model endpoint does not know model '" + modelName + "' (" + why + "); check the model name";
            case BAD_REQUEST -> "the model endpoint rejected the request (" + why + ")";
            case OTHER -> "model call failed (" + why + ")";
            default -> "the model endpoint kept failing (" + describe(kind) + ") after " + attempts + " attempt"
                    + (attempts == 1 ? "" : "s") + "; last error: " + why + "; try again later";
        };
        return new LlmException(kind, "model '" + modelName + "': " + msg, leaksSecret(cause) ? null : cause);
    }

    /** True when a message in the cause chain shows a redacted string: such a cause is not kept (stack traces get logged). */
    private boolean leaksSecret(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (redact.stream().anyMatch(m::contains)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private String safeMessage(Throwable t) {
        String m = rootMessage(t);
        for (String secret : redact) {
            m = m.replace(secret, "***");
        }
        return m;
    }

    static String rootMessage(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        Throwable r = t;
        String msg = t.getMessage();
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
            if (r.getMessage() != null && !r.getMessage().isBlank()) {
                msg = r.getMessage();
            }
        }
        String s = (msg == null || msg.isBlank() ? r.getClass().getSimpleName() : msg).strip();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static boolean isUnsupportedFeature(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsupportedFeatureException) {
                return true;
            }
        }
        return false;
    }

    private static ChatRequest withoutFormat(ChatRequest r) {
        return ChatRequest.builder().messages(r.messages()).modelName(r.modelName()).temperature(r.temperature())
                .topP(r.topP()).topK(r.topK()).frequencyPenalty(r.frequencyPenalty()).presencePenalty(r.presencePenalty())
                .maxOutputTokens(r.maxOutputTokens()).stopSequences(r.stopSequences()).build();
    }

    private static long estimateTokens(ChatRequest r) {
        long chars = 0;
        for (ChatMessage m : r.messages()) {
            chars += RequestKey.text(m).length();
        }
        return Math.max(1, chars / 4);
    }

    /** Exponential back-off with "equal jitter": half fixed, half random. */
    long backoffMillis(int attempt) {
        long base = initialBackoff.toMillis() << Math.min(20, attempt - 1);
        long cap = Math.min(base, maxBackoff.toMillis());
        long half = cap / 2;
        synchronized (random) {
            return half + (half > 0 ? (long) (random.nextDouble() * (cap - half + 1)) : 0);
        }
    }

    private static void sleep(long millis, CancellationToken cancel) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (true) {
                cancel.throwIfCancelled();
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException("interrupted while backing off before a model retry");
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }


    public static final class Builder {
        private ChatModel model;
        private String modelName;
        private Duration timeout = Duration.ofSeconds(60);
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private LlmPricing pricing = LlmPricing.free();
        private LlmResponseCache cache = LlmResponseCache.none();
        private LlmCallListener listener = LlmCallListener.none();
        private Long seed;
        private final List<String> redact = new ArrayList<>();

        private Builder() {}

        /** Strings (e.g. the API key) replaced by {@code ***} wherever an error message or log line would show them. */
        public Builder redact(String... secrets) {
            for (String s : secrets) {
                if (s != null && s.length() >= 4) redact.add(s);
            }
            return this;
        }

        /** The model to call. Required. */
        public Builder model(ChatModel v) { this.model = v; return this; }

        /** Name used in cache keys and messages; defaults to the model's default model name, else its class name. */
        public Builder modelName(String v) { this.modelName = v; return this; }

        /** Longest wait for one answer (default 60 s); a timeout counts as a transient failure. */
        public Builder timeout(Duration v) { this.timeout = v; return this; }

        /** Attempts per request, first one included (default 4). */
        public Builder maxAttempts(int v) { this.maxAttempts = v; return this; }

        /** Back-off before the second attempt, doubling up to {@code max} (defaults 500 ms, 8 s), jittered. */
        public Builder backoff(Duration initial, Duration max) { this.initialBackoff = initial; this.maxBackoff = max; return this; }

        public Builder pricing(LlmPricing v) { this.pricing = v; return this; }

        public Builder cache(LlmResponseCache v) { this.cache = v; return this; }

        public Builder listener(LlmCallListener v) { this.listener = v; return this; }

        /** Seed of the back-off jitter (for reproducible tests); random by default. */
        public Builder seed(long v) { this.seed = v; return this; }

        public LlmClient build() {
            if (model == null) throw new IllegalArgumentException("LlmClient needs a ChatModel: builder().model(...)");
            if (timeout == null || timeout.isZero() || timeout.isNegative()) throw new IllegalArgumentException("timeout must be > 0");
            if (maxAttempts < 1 || maxAttempts > 20) throw new IllegalArgumentException("maxAttempts must be 1..20, was " + maxAttempts);
            if (initialBackoff == null || maxBackoff == null || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("backoff needs 0 <= initial <= max");
            }
            if (pricing == null || cache == null || listener == null) throw new IllegalArgumentException("pricing, cache and listener must not be null");
            if (modelName == null || modelName.isBlank()) {
                String fromModel = null;
                try {
                    fromModel = model.defaultRequestParameters() == null ? null : model.defaultRequestParameters().modelName();
                } catch (RuntimeException ignored) {
                    // a model without default parameters
                }
                modelName = fromModel == null || fromModel.isBlank() ? model.getClass().getName() : fromModel;
            }
            return new LlmClient(this);
        }
    }
}
