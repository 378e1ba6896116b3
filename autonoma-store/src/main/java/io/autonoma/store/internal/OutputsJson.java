package io.autonoma.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.spec.AppSpecJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Agent outputs ({@code AgentResult.outputs}) as JSON: {@code {"key": {"type": "java.class.Name", "value": …}}}.
 * A value is accepted only if it comes back equal after a JSON round trip, so that a resumed run sees
 * exactly what the original run saw.
 */
public final class OutputsJson {
    // numbers keep a BigDecimal's scale both ways: a field's max of 3000 must not come back as 3E+3, nor 0.50 as 0.5,
    // which BigDecimal.equals tells apart
    private static final ObjectMapper MAPPER = AppSpecJson.mapper().copy()
            .configure(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private OutputsJson() {}

    /** Thrown when an output cannot be checkpointed; says which output and what to publish instead. */
    public static final class UnserialisableOutputException extends AutonomaException {
        public UnserialisableOutputException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static String write(String agent, Map<String, Object> outputs) {
        ObjectNode root = MAPPER.createObjectNode();
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(outputs).entrySet()) {
            Object v = e.getValue();
            String problem;
            Throwable cause = null;
            try {
                Class<?> type = declaredType(v);
                JsonNode node = MAPPER.valueToTree(v);
                Object back = MAPPER.treeToValue(MAPPER.readTree(node.toString()), type); // as read() will see it
                if (Objects.equals(back, v)) {
                    ObjectNode wrapped = root.putObject(e.getKey());
                    wrapped.put("type", type.getName());
                    wrapped.set("value", node);
                    continue;
                }
                problem = "it does not come back equal from JSON (read back: " + abbreviate(String.valueOf(back)) + ")";
            } catch (Exception ex) {
                problem = "Jackson cannot serialise it: " + ex.getMessage();
                cause = ex;
            }
            throw new UnserialisableOutputException("agent '" + agent + "' published output '" + e.getKey() + "' of type "
                    + v.getClass().getName() + " that cannot be checkpointed: " + problem
                    + "; publish strings, numbers, booleans, records/AppSpec, or lists/maps of those (with equals), so a resumed run sees the same value", cause);
        }
        return root.toString();
    }

    public static Map<String, Object> read(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            Map<String, Object> out = new LinkedHashMap<>();
            var fields = root.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                Class<?> type = Class.forName(f.getValue().get("type").asText(), false, OutputsJson.class.getClassLoader());
                out.put(f.getKey(), MAPPER.treeToValue(f.getValue().get("value"), type));
            }
            return out;
        } catch (Exception e) {
            throw new AutonomaException("a stored checkpoint cannot be read back (" + e.getMessage()
                    + "); was the output's class renamed or removed? Delete the run's agent_checkpoints rows to redo those agents", e);
        }
    }

    /** Collections are stored as their interface (List.of(...) has no constructor Jackson could call). */
    private static Class<?> declaredType(Object v) {
        if (v instanceof java.util.List) return java.util.List.class;
        if (v instanceof java.util.SortedSet) return java.util.TreeSet.class;
        if (v instanceof java.util.Set) return java.util.Set.class;
        if (v instanceof java.util.SortedMap) return java.util.TreeMap.class;
        if (v instanceof Map) return Map.class;
        return v.getClass();
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
