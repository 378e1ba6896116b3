package io.autonoma.core.spec;

import java.util.List;

/** A user role and the permissions it grants, e.g. {@code admin: ["*"]}, {@code user: ["read:*", "write:Task"]}. */
public record Role(String name, List<String> permissions) {
    public Role {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }
}
