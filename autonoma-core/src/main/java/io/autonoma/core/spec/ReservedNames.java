package io.autonoma.core.spec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names a spec may not use because something generated from it already uses them: entity names and
 * field or relation names, each with the reason it is reserved. The core defines none of its own words
 * (it knows no target language): the template packs declare theirs, and a spec is checked against the
 * union of the packs in use with {@link AppSpecValidator#validate(AppSpec, ReservedNames)}.
 *
 * <pre>{@code
 * ReservedNames python = ReservedNames.builder("backend-fastapi")
 *         .fields("a Python keyword", "class", "def", "lambda")
 *         .entities("the SQLAlchemy declarative base", "Base")
 *         .build();
 * }</pre>
 *
 * @param entities reserved entity name (PascalCase, compared exactly) → why, e.g. {@code backend-fastapi (the SQLAlchemy declarative base)}
 * @param fields reserved field and relation name (snake_case, compared exactly) → why
 */
public record ReservedNames(Map<String, String> entities, Map<String, String> fields) {
    private static final ReservedNames NONE = new ReservedNames(Map.of(), Map.of());
    private static final ReservedNames SPEC = builder("the app spec")
            .entities("the app's own users, which relations reach with \"to\": \"" + AppSpec.USER_ENTITY + "\"", AppSpec.USER_ENTITY)
            .build();

    public ReservedNames {
        entities = copy(entities, "entities");
        fields = copy(fields, "fields");
    }

    /** Nothing reserved. */
    public static ReservedNames none() {
        return NONE;
    }

    /**
     * What the spec itself gives a meaning, whatever generates the app: the entity {@value AppSpec#USER_ENTITY}.
     * {@link AppSpecValidator} always checks these.
     */
    public static ReservedNames spec() {
        return SPEC;
    }

    /** Names reserved by {@code owner} (a pack name): every reason is written {@code owner (reason)}. */
    public static Builder builder(String owner) {
        return new Builder(owner);
    }

    public boolean isReservedEntity(String name) {
        return entities.containsKey(name);
    }

    public boolean isReservedField(String name) {
        return fields.containsKey(name);
    }

    /** Why {@code name} may not name an entity; empty when it may. */
    public Optional<String> entityReason(String name) {
        return Optional.ofNullable(name == null ? null : entities.get(name));
    }

    /** Why {@code name} may not name a field or relation; empty when it may. */
    public Optional<String> fieldReason(String name) {
        return Optional.ofNullable(name == null ? null : fields.get(name));
    }

    public boolean isEmpty() {
        return entities.isEmpty() && fields.isEmpty();
    }

    /** Both sets: a name reserved by both keeps both reasons, joined with {@code " and "}. */
    public ReservedNames and(ReservedNames other) {
        Objects.requireNonNull(other, "other");
        if (other.isEmpty()) return this;
        if (isEmpty()) return other;
        return new ReservedNames(merge(entities, other.entities), merge(fields, other.fields));
    }

    /** The union of {@code all}, in order. */
    public static ReservedNames union(Collection<ReservedNames> all) {
        ReservedNames out = NONE;
        for (ReservedNames r : all) {
            out = out.and(r);
        }
        return out;
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new LinkedHashMap<>(a);
        b.forEach((name, why) -> out.merge(name, why, (x, y) -> x.equals(y) || x.contains(y) ? x : x + " and " + y));
        return out;
    }

    private static Map<String, String> copy(Map<String, String> names, String what) {
        Objects.requireNonNull(names, what);
        names.forEach((name, why) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("reserved " + what + " must not hold a blank name");
            }
            if (why == null || why.isBlank()) {
                throw new IllegalArgumentException("reserved name '" + name + "' needs a reason (say what uses it)");
            }
        });
        return Map.copyOf(names);
    }

    @Override
    public String toString() {
        return "ReservedNames[entities=" + new TreeSet<>(entities.keySet()) + ", fields=" + new TreeSet<>(fields.keySet()) + "]";
    }

    /** Builds the names one owner reserves; {@link #build()} checks every name is written as the spec writes names. */
    public static final class Builder {
        private final String owner;
        private final Map<String, String> entities = new LinkedHashMap<>();
        private final Map<String, String> fields = new LinkedHashMap<>();

        private Builder(String owner) {
            if (owner == null || owner.isBlank()) {
                throw new IllegalArgumentException("reserved names need an owner (the pack that reserves them)");
            }
            this.owner = owner;
        }

        /** Entity names (PascalCase) reserved for {@code reason}. */
        public Builder entities(String reason, String... names) {
            return put(entities, reason, names);
        }

        /** Field and relation names (snake_case) reserved for {@code reason}. */
        public Builder fields(String reason, String... names) {
            return put(fields, reason, names);
        }

        private Builder put(Map<String, String> into, String reason, String... names) {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException(owner + ": say why " + String.join(", ", names) + " are reserved");
            }
            for (String n : names) {
                into.merge(Objects.requireNonNull(n, "name"), owner + " (" + reason + ")",
                        (a, b) -> a.substring(0, a.length() - 1) + "; " + reason + ")");
            }
            return this;
        }

        /**
         * @throws IllegalArgumentException when an entity name is not PascalCase or a field name not snake_case
         *     (a name the spec cannot hold needs no reserving, and is probably a typo)
         */
        public ReservedNames build() {
            Set<String> bad = new TreeSet<>();
            entities.keySet().stream().filter(n -> !AppSpecValidator.PASCAL.matcher(n).matches()).forEach(bad::add);
            fields.keySet().stream().filter(n -> !AppSpecValidator.SNAKE.matcher(n).matches()).forEach(bad::add);
            if (!bad.isEmpty()) {
                throw new IllegalArgumentException(owner + " reserves " + bad + ", which no spec can hold: entity names are "
                        + "PascalCase, field and relation names snake_case");
            }
            return new ReservedNames(entities, fields);
        }
    }
}
