package io.autonoma.test.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 for tests and benchmarks: answers
 * {@code POST <base>/chat/completions} from a scripted responder, optionally after a fixed latency,
 * and injects faults at a given rate with a fixed seed (HTTP 429 with {@code Retry-After}, HTTP 500 and
 * 503, a hang longer than the client's timeout, a malformed body). Never talks to anything else.
 *
 * <pre>{@code
 * try (OpenAiStubServer stub = OpenAiStubServer.builder().responder(r -> "{\"ok\": true}").faults(0.3, 42).start()) {
 *     ChatModel m = OpenAiChatModel.builder().baseUrl(stub.baseUrl()).apiKey("test").modelName("stub").build();
 * }
 * }</pre>
 */
public final class OpenAiStubServer implements AutoCloseable {
    /** One chat message as the client sent it. */
    public record Message(String role, String content) {}

    /** One request as the stub saw it. */
    public record Request(String model, List<Message> messages, JsonNode body) {
        /** The content of the first message with this role, or "". */
        public String first(String role) {
            return messages.stream().filter(m -> m.role().equals(role)).map(Message::content).findFirst().orElse("");
        }

        /** The content of the last message. */
        public String last() {
            return messages.isEmpty() ? "" : messages.get(messages.size() - 1).content();
        }
    }

    /** What the stub did with a request. */
    public enum Outcome { ANSWERED, RATE_LIMITED, SERVER_ERROR, HUNG, MALFORMED, UNAUTHORIZED }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Function<Request, String> responder;
    private final Duration latency;
    private final double faultRate;
    private final Random random;
    private final Duration hang;
    private final String apiKey;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private OpenAiStubServer(Builder b) throws IOException {
        this.responder = b.responder;
        this.latency = b.latency;
        this.faultRate = b.faultRate;
        this.random = new Random(b.seed);
        this.hang = b.hang;
        this.apiKey = b.apiKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openai-stub-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** E.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Every chat request received (faulted ones included), in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public long count(Outcome o) {
        return outcomes.stream().filter(x -> x == o).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("POST") || !path.endsWith("/chat/completions")) {
                send(ex, 404, "{\"error\": {\"message\": \"not found: " + path + "\"}}");
                return;
            }
            byte[] raw;
            try (InputStream in = ex.getRequestBody()) {
                raw = in.readAllBytes();
            }
            JsonNode body = JSON.readTree(raw);
            List<Message> messages = new ArrayList<>();
            for (JsonNode m : body.path("messages")) {
                messages.add(new Message(m.path("role").asText(), content(m.get("content"))));
            }
            Request request = new Request(body.path("model").asText(), List.copyOf(messages), body);
            requests.add(request);
            if (apiKey != null && !("Bearer " + apiKey).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                outcomes.add(Outcome.UNAUTHORIZED);
                send(ex, 401, "{\"error\": {\"message\": \"invalid api key\", \"type\": \"invalid_request_error\"}}");
                return;
            }
            Outcome fault = pickFault();
            sleep(latency);
            switch (fault) {
                case RATE_LIMITED -> {
                    outcomes.add(fault);
                    ex.getResponseHeaders().add("Retry-After", "1");
                    send(ex, 429, "{\"error\": {\"message\": \"rate limit reached\", \"type\": \"rate_limit_error\"}}");
                    return;
                }
                case SERVER_ERROR -> {
                    outcomes.add(fault);
                    send(ex, random(2) == 0 ? 500 : 503, "{\"error\": {\"message\": \"the server had an error\"}}");
                    return;
                }
                case HUNG -> {
                    outcomes.add(fault);
                    sleep(hang);
                    send(ex, 504, "{\"error\": {\"message\": \"gateway timeout\"}}");
                    return;
                }
                case MALFORMED -> {
                    outcomes.add(fault);
                    send(ex, 200, random(2) == 0 ? "{\"id\": \"chatcmpl-x\", \"choices\": [{\"message\": {\"content\": \"trunc"
                            : "<html><body>502 Bad Gateway</body></html>");
                    return;
                }
                default -> {
                    // answer below
                }
            }
            String text = responder.apply(request);
            outcomes.add(Outcome.ANSWERED);
            send(ex, 200, completion(request, text));
        } catch (RuntimeException e) {
            try {
                send(ex, 500, "{\"error\": {\"message\": \"stub responder failed: " + e.getClass().getSimpleName() + "\"}}");
            } catch (IOException ignored) {
                // client went away
            }
        }
    }

    private Outcome pickFault() {
        synchronized (random) {
            if (faultRate <= 0 || random.nextDouble() >= faultRate) {
                return Outcome.ANSWERED;
            }
            return switch (random.nextInt(4)) {
                case 0 -> Outcome.RATE_LIMITED;
                case 1 -> Outcome.SERVER_ERROR;
                case 2 -> Outcome.HUNG;
                default -> Outcome.MALFORMED;
            };
        }
    }

    private int random(int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    private String completion(Request request, String text) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + ids.incrementAndGet());
        root.put("object", "chat.completion");
        root.put("created", 1_764_000_000L);
        root.put("model", request.model());
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", text);
        choice.put("finish_reason", "stop");
        int in = Math.max(1, request.messages().stream().mapToInt(m -> m.content().length()).sum() / 4);
        int out = Math.max(1, text.length() / 4);
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", in);
        usage.put("completion_tokens", out);
        usage.put("total_tokens", in + out);
        return JSON.writeValueAsString(root);
    }

    private static String content(JsonNode c) {
        if (c == null || c.isNull()) {
            return "";
        }
        if (c.isTextual()) {
            return c.asText();
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode part : c) {
            b.append(part.path("text").asText());
        }
        return b.toString();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static final class Builder {
        private Function<Request, String> responder = r -> "{}";
        private Duration latency = Duration.ZERO;
        private double faultRate;
        private long seed = 42;
        private Duration hang = Duration.ofSeconds(3);
        private String apiKey;

        private Builder() {}

        /** Produces the assistant's text for a request. */
        public Builder responder(Function<Request, String> v) { this.responder = v; return this; }

        /** Added before every answer and fault. */
        public Builder latency(Duration v) { this.latency = v; return this; }

        /** Fraction of requests (0..1) that get a fault, drawn from a {@link Random} with this seed. */
        public Builder faults(double rate, long seed) { this.faultRate = rate; this.seed = seed; return this; }

        /** How long a "hung" request sleeps before answering 504 (should exceed the client's timeout). */
        public Builder hang(Duration v) { this.hang = v; return this; }

        /** Require {@code Authorization: Bearer <key>}; any key is accepted when not set. */
        public Builder apiKey(String v) { this.apiKey = v; return this; }

        public OpenAiStubServer start() {
            if (faultRate < 0 || faultRate > 1) throw new IllegalArgumentException("fault rate must be 0..1");
            try {
                return new OpenAiStubServer(this);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot start the stub server on 127.0.0.1: " + e.getMessage(), e);
            }
        }
    }
}
