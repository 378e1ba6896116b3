package io.autonoma.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The type of an entity field. Serialised in lower case ({@code "decimal"}). */
public enum FieldType {
    STRING, TEXT, INTEGER, DECIMAL, BOOLEAN, DATE, DATETIME, TIME, EMAIL, URL, PHONE, ENUM;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FieldType parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("field type is missing; use one of " + allowed());
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown field type '" + value + "'; use one of " + allowed());
        }
    }

    public static String allowed() {
        return Arrays.stream(values()).map(FieldType::json).collect(Collectors.joining(", "));
    }
}
