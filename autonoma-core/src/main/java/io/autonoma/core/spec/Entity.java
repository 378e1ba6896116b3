package io.autonoma.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A persisted thing of the app. {@code name} is singular PascalCase ({@code PurchaseOrder}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entity(String name, String description, List<Field> fields) {
    public Entity {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public Entity(String name, List<Field> fields) {
        this(name, null, fields);
    }
}
