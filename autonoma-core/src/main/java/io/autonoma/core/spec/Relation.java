package io.autonoma.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A relation between two entities, named by entity name. For {@link RelationKind#MANY_TO_ONE}
 * {@code name} is the snake_case reference on {@code from} (e.g. {@code company}; the foreign key
 * column is {@code company_id}); {@code required} says whether the reference may be empty.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Relation(String from, String to, RelationKind kind, String name, boolean required) {

    /** JSON creator: {@code required} defaults to true when absent. */
    @com.fasterxml.jackson.annotation.JsonCreator
    static Relation fromJson(
            @com.fasterxml.jackson.annotation.JsonProperty("from") String from,
            @com.fasterxml.jackson.annotation.JsonProperty("to") String to,
            @com.fasterxml.jackson.annotation.JsonProperty("kind") RelationKind kind,
            @com.fasterxml.jackson.annotation.JsonProperty("name") String name,
            @com.fasterxml.jackson.annotation.JsonProperty("required") Boolean required) {
        return new Relation(from, to, kind, name, required == null || required);
    }

    /** Whether it points at the app's own users ({@code "to": "User"}, {@link AppSpec#USER_ENTITY}). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean toUser() {
        return AppSpec.USER_ENTITY.equals(to);
    }

    /** Whether it points back at its own entity ({@code from} equals {@code to}: a task's parent task). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean selfReference() {
        return from != null && from.equals(to);
    }
}
