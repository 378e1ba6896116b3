package io.autonoma.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes {@link AppSpec} JSON. Output is stable (same spec, same bytes). Reading rejects
 * unknown properties and reports every problem with the JSON path it concerns.
 */
public final class AppSpecJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private AppSpecJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(AppSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise app spec", e);
        }
    }

    /** Parses and validates; throws {@link InvalidSpecException} naming the path of each problem. */
    public static AppSpec read(String json) {
        return read(json, ReservedNames.none());
    }

    /**
     * Parses and validates against the names the template packs in use reserve as well
     * ({@link AppSpecValidator#validate(AppSpec, ReservedNames)}); throws {@link InvalidSpecException} naming
     * the path of each problem.
     */
    public static AppSpec read(String json, ReservedNames reserved) {
        if (json == null || json.isBlank()) {
            throw new InvalidSpecException(List.of("spec: the JSON document is empty"));
        }
        AppSpec spec;
        try {
            spec = MAPPER.readValue(json, AppSpec.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            boolean syntax = e instanceof com.fasterxml.jackson.core.JsonParseException
                    || e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException
                    || e.getOriginalMessage().startsWith("Unexpected");
            String path = e instanceof JsonMappingException m ? path(m) : "spec";
            String msg = e instanceof JsonMappingException m ? cleanMessage(m) : e.getOriginalMessage();
            throw new InvalidSpecException(List.of((syntax ? "spec: not valid JSON" + where + ": " : path + ": ")
                    + msg + (syntax ? "" : where)));
        }
        AppSpecValidator.validate(spec, reserved).throwIfInvalid();
        return spec;
    }

    public static AppSpec read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JSON Schema (draft 2020-12) of a serialised AppSpec. */
    public static String jsonSchema() {
        try (InputStream in = AppSpecJson.class.getResourceAsStream("app-spec.schema.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return p.isEmpty() ? "spec" : p.substring(1);
    }

    private static String cleanMessage(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException) {
            return root.getMessage();
        }
        String m = e.getOriginalMessage();
        int src = m.indexOf(" (for ");
        m = src > 0 ? m.substring(0, src) : m;
        int cut = m.indexOf(" (class ");
        m = cut > 0 ? m.substring(0, cut) : m;
        cut = m.indexOf(", not marked as ignorable");
        return cut > 0 ? m.substring(0, cut) + "; remove it or check its spelling" : m;
    }
}
