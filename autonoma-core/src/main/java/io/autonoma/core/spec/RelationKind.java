package io.autonoma.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How two entities relate. Serialised as {@code many_to_one} / {@code many_to_many}. */
public enum RelationKind {
    /** {@code from} holds a foreign key to {@code to} (a Contact works at one Company). */
    MANY_TO_ONE,
    /** A join table links {@code from} and {@code to} (Posts have Tags). */
    MANY_TO_MANY;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RelationKind parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown relation kind '" + value + "'; use many_to_one or many_to_many");
        }
    }
}
