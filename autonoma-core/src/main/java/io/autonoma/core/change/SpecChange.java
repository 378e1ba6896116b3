package io.autonoma.core.change;

import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import java.util.List;
import java.util.Optional;

/**
 * One typed step of a change to an app: what a change request ("give tasks a due date", "rename customer phone
 * to mobile") or the difference of two specs comes to. {@link #loss()} says what data a step would destroy in
 * a database that holds rows, so that destructive steps can be refused unless allowed.
 */
public sealed interface SpecChange {

    /** What the step would destroy in a database with rows, or empty when it keeps every value. */
    Optional<String> loss();

    /** The step in words, for the CLI and the change events. */
    String describe();

    record AddEntity(Entity entity) implements SpecChange {
        public Optional<String> loss() { return Optional.empty(); }
        public String describe() { return "add entity " + entity.name(); }
    }

    record RemoveEntity(String entity) implements SpecChange {
        public Optional<String> loss() { return Optional.of("every row of " + entity); }
        public String describe() { return "remove entity " + entity; }
    }

    record RenameEntity(String from, String to) implements SpecChange {
        public Optional<String> loss() { return Optional.empty(); }
        public String describe() { return "rename entity " + from + " to " + to; }
    }

    record AddField(String entity, Field field) implements SpecChange {
        public Optional<String> loss() { return Optional.empty(); }
        public String describe() { return "add field " + entity + "." + field.name() + " (" + field.type().json() + ")"; }
    }

    record RemoveField(String entity, String field) implements SpecChange {
        public Optional<String> loss() { return Optional.of("the values of " + entity + "." + field); }
        public String describe() { return "remove field " + entity + "." + field; }
    }

    record RenameField(String entity, String from, String to) implements SpecChange {
        public Optional<String> loss() { return Optional.empty(); }
        public String describe() { return "rename field " + entity + "." + from + " to " + to; }
    }

    /** A field that keeps its name but changes type, constraints, default or enum values. */
    record ChangeField(String entity, Field before, Field after) implements SpecChange {
        public Optional<String> loss() {
            String where = entity + "." + after.name();
            if (before.type() != after.type() && !widens(before.type(), after.type())) {
                return Optional.of("values of " + where + " that are not valid as " + after.type().json());
            }
            List<String> dropped = before.enumValues().stream().filter(v -> !after.enumValues().contains(v)).toList();
            if (!dropped.isEmpty()) {
                return Optional.of("rows of " + where + " holding " + String.join(", ", dropped));
            }
            if (before.maxLength() == null ? after.maxLength() != null
                    : after.maxLength() != null && after.maxLength() < before.maxLength()) {
                return Optional.of("values of " + where + " longer than " + after.maxLength() + " characters");
            }
            if (!before.required() && after.required() && after.defaultValue() == null) {
                return Optional.of("rows whose " + where + " is empty (required now, with no default to fill them)");
            }
            return Optional.empty();
        }

        public String describe() {
            return "change field " + entity + "." + after.name();
        }

        /** Every value of {@code from} is a value of {@code to}: text holds any string, a decimal any integer. */
        private static boolean widens(FieldType from, FieldType to) {
            return to == FieldType.TEXT && from != FieldType.BOOLEAN
                    || to == FieldType.STRING && (from == FieldType.EMAIL || from == FieldType.URL || from == FieldType.PHONE
                    || from == FieldType.ENUM)
                    || to == FieldType.DECIMAL && from == FieldType.INTEGER
                    || to == FieldType.DATETIME && from == FieldType.DATE;
        }
    }

    record AddRelation(Relation relation) implements SpecChange {
        public Optional<String> loss() { return Optional.empty(); }
        public String describe() { return "add relation " + relation.from() + " " + relation.kind() + " " + relation.to(); }
    }

    record RemoveRelation(Relation relation) implements SpecChange {
        public Optional<String> loss() {
            return Optional.of("the links of " + relation.from() + "." + relation.name() + " to " + relation.to());
        }
        public String describe() { return "remove relation " + relation.from() + "." + relation.name(); }
    }

    record AddCapability(Capability capability) implements SpecChange {
        public Optional<String> loss() { return Optional.empty(); }
        public String describe() { return "add capability " + capability; }
    }

    record RemoveCapability(Capability capability) implements SpecChange {
        public Optional<String> loss() { return Optional.empty(); }
        public String describe() { return "remove capability " + capability; }
    }
}
