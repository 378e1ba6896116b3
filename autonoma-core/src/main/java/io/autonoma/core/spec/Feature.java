package io.autonoma.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** App-wide capabilities. Serialised in snake_case ({@code file_upload}). */
public enum Feature {
    AUTH, RBAC, SEARCH, PAGINATION, SORTING, FILTERING, RATE_LIMIT, FILE_UPLOAD, CACHING, METRICS, GRAPHQL;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Feature parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown feature '" + value + "'; use one of "
                    + Arrays.stream(values()).map(Feature::json).collect(Collectors.joining(", ")));
        }
    }
}
