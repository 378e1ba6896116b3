package io.autonoma.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A ChatModel that answers from a script and records every request. Thread-safe. */
final class ScriptedChatModel implements ChatModel {
    /** One scripted step: answer text, or throw, optionally after a delay. */
    record Step(String text, RuntimeException error, long delayMillis, int in, int out) {}

    private final Deque<Step> script = new ArrayDeque<>();
    private Function<ChatRequest, String> fallback;
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<Capability> capabilities;

    ScriptedChatModel() {
        this(Set.of());
    }

    ScriptedChatModel(Set<Capability> capabilities) {
        this.capabilities = capabilities;
    }

    synchronized ScriptedChatModel answer(String text) {
        script.add(new Step(text, null, 0, 100, 50));
        return this;
    }

    synchronized ScriptedChatModel answer(String text, int in, int out) {
        script.add(new Step(text, null, 0, in, out));
        return this;
    }

    synchronized ScriptedChatModel fail(RuntimeException e) {
        script.add(new Step(null, e, 0, 0, 0));
        return this;
    }

    synchronized ScriptedChatModel slow(long millis, String text) {
        script.add(new Step(text, null, millis, 100, 50));
        return this;
    }

    /** Answers every request the script does not cover. */
    synchronized ScriptedChatModel otherwise(Function<ChatRequest, String> f) {
        this.fallback = f;
        return this;
    }

    int calls() {
        return requests.size();
    }

    /** Text of the last message of request {@code i}. */
    String lastUserText(int i) {
        var msgs = requests.get(i).messages();
        return io.autonoma.llm.internal.RequestKey.text(msgs.get(msgs.size() - 1));
    }

    String allText(int i) {
        List<String> out = new ArrayList<>();
        requests.get(i).messages().forEach(m -> out.add(io.autonoma.llm.internal.RequestKey.text(m)));
        return String.join("\n", out);
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return capabilities;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        Step s;
        Function<ChatRequest, String> f;
        synchronized (this) {
            s = script.poll();
            f = fallback;
        }
        if (s == null) {
            if (f == null) {
                throw new AssertionError("unexpected model call #" + requests.size());
            }
            s = new Step(f.apply(request), null, 0, 100, 50);
        }
        if (s.delayMillis() > 0) {
            try {
                Thread.sleep(s.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeException("interrupted", e);
            }
        }
        if (s.error() != null) {
            throw s.error();
        }
        return ChatResponse.builder().aiMessage(AiMessage.from(s.text())).tokenUsage(new TokenUsage(s.in(), s.out()))
                .modelName("scripted").build();
    }
}
