package io.autonoma.store.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.autonoma.core.pipeline.GenerationEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A {@link GenerationEvent} as stored JSON: {@code {"type": "AgentStarted", ...its components}}, and back. */
public final class EventJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Map<String, Class<?>> TYPES = Arrays.stream(GenerationEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    private EventJson() {}

    public static String write(GenerationEvent event) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("type", event.getClass().getSimpleName());
        out.setAll((ObjectNode) MAPPER.valueToTree(event));
        return out.toString();
    }

    /**
     * The event stored as {@code json}, with {@code seq} replaced by {@code seq} (a stream position across the run's
     * segments); empty for JSON this version cannot read (an event type it does not know).
     */
    public static Optional<GenerationEvent> read(String json, long seq) {
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(json);
            Class<?> type = TYPES.get(node.path("type").asText());
            if (type == null) {
                return Optional.empty();
            }
            node.remove("type");
            node.put("seq", seq);
            return Optional.of((GenerationEvent) MAPPER.treeToValue(node, type));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
