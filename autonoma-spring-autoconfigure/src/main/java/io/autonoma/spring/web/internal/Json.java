package io.autonoma.spring.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.autonoma.core.pipeline.GenerationEvent;

/**
 * The API's own JSON (Jackson 2, {@code com.fasterxml}), independent of how the application
 * configured Spring's Jackson 3 mapper: instants as ISO-8601 strings, records by their components.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Json() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** The event name for SSE: the record's simple name, e.g. {@code AgentStarted}. */
    public static String eventName(GenerationEvent event) {
        return event.getClass().getSimpleName();
    }

    /** {@code {"type": "AgentStarted", "runId": ..., "seq": ..., "at": "...", ...}} on one line. */
    public static String event(GenerationEvent event) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("type", eventName(event));
        JsonNode fields = MAPPER.valueToTree(event);
        out.setAll((ObjectNode) fields);
        return write(out);
    }
}
