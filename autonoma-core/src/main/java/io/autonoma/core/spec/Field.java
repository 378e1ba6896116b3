package io.autonoma.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * One field of an entity. {@code name} is snake_case. {@code enumValues} is non-empty exactly when
 * {@code type} is {@link FieldType#ENUM}. {@code min}/{@code max} bound numbers (inclusive);
 * {@code maxLength} bounds strings. Absent optional values are {@code null} in JSON and in the record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Field(
        String name,
        FieldType type,
        boolean required,
        boolean unique,
        String defaultValue,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> enumValues,
        Integer maxLength,
        BigDecimal min,
        BigDecimal max,
        String description) {

    public Field {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
    }

    /** JSON creator: {@code required} defaults to true and {@code unique} to false when absent. */
    @com.fasterxml.jackson.annotation.JsonCreator
    static Field fromJson(
            @com.fasterxml.jackson.annotation.JsonProperty("name") String name,
            @com.fasterxml.jackson.annotation.JsonProperty("type") FieldType type,
            @com.fasterxml.jackson.annotation.JsonProperty("required") Boolean required,
            @com.fasterxml.jackson.annotation.JsonProperty("unique") Boolean unique,
            @com.fasterxml.jackson.annotation.JsonProperty("defaultValue") String defaultValue,
            @com.fasterxml.jackson.annotation.JsonProperty("enumValues") List<String> enumValues,
            @com.fasterxml.jackson.annotation.JsonProperty("maxLength") Integer maxLength,
            @com.fasterxml.jackson.annotation.JsonProperty("min") BigDecimal min,
            @com.fasterxml.jackson.annotation.JsonProperty("max") BigDecimal max,
            @com.fasterxml.jackson.annotation.JsonProperty("description") String description) {
        return new Field(name, type, required == null || required, unique != null && unique, defaultValue, enumValues,
                maxLength, min, max, description);
    }

    public static Builder builder(String name, FieldType type) {
        return new Builder(name, type);
    }

    public static final class Builder {
        private final String name;
        private final FieldType type;
        private boolean required = true;
        private boolean unique;
        private String defaultValue;
        private List<String> enumValues = List.of();
        private Integer maxLength;
        private BigDecimal min;
        private BigDecimal max;
        private String description;

        private Builder(String name, FieldType type) {
            this.name = name;
            this.type = type;
        }

        public Builder required(boolean v) { this.required = v; return this; }
        public Builder unique(boolean v) { this.unique = v; return this; }
        public Builder defaultValue(String v) { this.defaultValue = v; return this; }
        public Builder enumValues(List<String> v) { this.enumValues = v; return this; }
        public Builder maxLength(Integer v) { this.maxLength = v; return this; }
        public Builder min(Number v) { this.min = v == null ? null : new BigDecimal(v.toString()); return this; }
        public Builder max(Number v) { this.max = v == null ? null : new BigDecimal(v.toString()); return this; }
        public Builder description(String v) { this.description = v; return this; }

        public Field build() {
            return new Field(name, type, required, unique, defaultValue, enumValues, maxLength, min, max, description);
        }
    }
}
