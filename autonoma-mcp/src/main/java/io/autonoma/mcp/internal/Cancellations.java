package io.autonoma.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MCP cancellation ({@code notifications/cancelled} naming a request id) for the SDK's classic server, which does not
 * deliver it to tools: every incoming message passes {@link #inbound} first. A {@code tools/call} is remembered by its
 * id with its progress token — one is added when the client sent none, marked {@link #INJECTED} so that no progress is
 * sent for it — and a tool registers what it runs under that token; a cancellation of the request cancels it.
 */
public final class Cancellations {
    /** Prefix of the progress tokens added here; tools send no progress notification for them. */
    public static final String INJECTED = "autonoma-cancel:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> tokenOfRequest = new ConcurrentHashMap<>();
    private final Map<String, Runnable> cancelOfToken = new ConcurrentHashMap<>();
    private final java.util.Set<String> cancellableTools;

    /** {@code cancellableTools}: the tools that register what they run (the others are quick and never remembered). */
    public Cancellations(java.util.Set<String> cancellableTools) {
        this.cancellableTools = java.util.Set.copyOf(cancellableTools);
    }

    /**
     * Looks at one incoming JSON-RPC message of {@code session} (a line on stdio, a POST body over HTTP); returns it,
     * with a progress token added to a {@code tools/call} that had none. Anything that is not a JSON object passes
     * unchanged (the SDK answers it).
     */
    public String inbound(String session, String message) {
        JsonNode root;
        try {
            root = JSON.readTree(message);
        } catch (Exception notJson) {
            return message;
        }
        if (root == null || !root.isObject()) {
            return message;
        }
        String method = root.path("method").asText("");
        if (method.equals("tools/call") && root.hasNonNull("id") && root.path("params").isObject()
                && cancellableTools.contains(root.path("params").path("name").asText(""))) {
            ObjectNode params = (ObjectNode) root.get("params");
            JsonNode meta = params.get("_meta");
            JsonNode token = meta != null && meta.isObject() ? meta.get("progressToken") : null;
            boolean added = token == null || token.isNull();
            String tokenText = added ? INJECTED + root.get("id").asText() : token.asText();
            tokenOfRequest.put(key(session, root.get("id").asText()), tokenText);
            if (added) {
                ObjectNode m = meta != null && meta.isObject() ? (ObjectNode) meta : params.putObject("_meta");
                m.put("progressToken", tokenText);
                return root.toString();
            }
        } else if (method.equals("notifications/cancelled")) {
            String token = tokenOfRequest.remove(key(session, root.path("params").path("requestId").asText()));
            Runnable cancel = token == null ? null : cancelOfToken.get(key(session, token));
            if (cancel != null) {
                cancel.run();
            }
        }
        return message;
    }

    /** Registers what cancels the work of the tool call with this progress token; remove it with the returned handle. */
    public AutoCloseable register(String session, Object progressToken, Runnable cancel) {
        if (progressToken == null) {
            return () -> {};
        }
        String token = String.valueOf(progressToken);
        String k = key(session, token);
        cancelOfToken.put(k, cancel);
        return () -> {
            cancelOfToken.remove(k);
            tokenOfRequest.entrySet().removeIf(e -> e.getValue().equals(token) && e.getKey().startsWith(session + "\u0000"));
        };
    }

    /** Whether progress may be sent for this token: the client asked for it. */
    public static boolean clientAsked(Object progressToken) {
        return progressToken != null && !String.valueOf(progressToken).startsWith(INJECTED);
    }

    private static String key(String session, String id) {
        return session + "\u0000" + id;
    }
}
