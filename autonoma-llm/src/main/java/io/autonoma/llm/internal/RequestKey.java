package io.autonoma.llm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import io.autonoma.core.Sha256;

/** The cache key of a request: SHA-256 over a canonical JSON of model name, messages and parameters. */
public final class RequestKey {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestKey() {}

    public static String of(String model, ChatRequest request) {
        return Sha256.hex(canonical(model, request));
    }

    static String canonical(String model, ChatRequest r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", 1);
        root.put("model", model);
        ArrayNode msgs = root.putArray("messages");
        for (ChatMessage m : r.messages()) {
            ObjectNode n = msgs.addObject();
            n.put("type", m.type().name());
            n.put("text", text(m));
        }
        ObjectNode p = root.putObject("params");
        p.put("modelName", r.modelName());
        p.put("temperature", r.temperature());
        p.put("topP", r.topP());
        p.put("topK", r.topK());
        p.put("frequencyPenalty", r.frequencyPenalty());
        p.put("presencePenalty", r.presencePenalty());
        p.put("maxOutputTokens", r.maxOutputTokens());
        p.put("stop", String.valueOf(r.stopSequences()));
        p.put("tools", String.valueOf(r.toolSpecifications()));
        p.put("toolChoice", String.valueOf(r.toolChoice()));
        ResponseFormat f = r.responseFormat();
        if (f != null) {
            p.put("format", f.type().name());
            if (f.jsonSchema() != null) {
                p.put("schemaName", f.jsonSchema().name());
                p.put("schema", f.jsonSchema().rootElement() instanceof JsonRawSchema raw
                        ? raw.schema() : String.valueOf(f.jsonSchema().rootElement()));
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(ChatMessage m) {
        if (m instanceof SystemMessage s) {
            return s.text();
        }
        if (m instanceof UserMessage u) {
            return u.hasSingleText() ? u.singleText() : String.valueOf(u.contents());
        }
        if (m instanceof AiMessage a) {
            return a.text() + (a.hasToolExecutionRequests() ? String.valueOf(a.toolExecutionRequests()) : "");
        }
        return String.valueOf(m);
    }
}
