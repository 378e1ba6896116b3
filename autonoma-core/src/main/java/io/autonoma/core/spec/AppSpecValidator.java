package io.autonoma.core.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Semantic checks on an {@link AppSpec} beyond its JSON shape. Each problem names the JSON path of
 * the offending value and what to change.
 *
 * <p>The checks know no target language: the names a generated app cannot use (a Python keyword, a
 * TypeScript global, a module the backend keeps beside the per-entity ones) are declared by the template
 * packs that generate it and checked with {@link #validate(AppSpec, ReservedNames)}; {@link #validate(AppSpec)}
 * checks only what the spec itself reserves ({@link ReservedNames#spec()}).
 */
public final class AppSpecValidator {
    static final Pattern PASCAL = Pattern.compile("[A-Z][A-Za-z0-9]{0,62}");
    static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern APP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9 _-]{0,62}");
    private static final Pattern ENUM_VALUE = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private AppSpecValidator() {}

    /** The spec's own checks: shape, names, references, capabilities, and the names the spec reserves ({@link ReservedNames#spec()}). */
    public static Result validate(AppSpec spec) {
        return validate(spec, ReservedNames.none());
    }

    /**
     * {@link #validate(AppSpec)}, and no entity, field or relation uses a name in {@code reserved} (the
     * union of the template packs in use); such a problem says who reserves the name and why, e.g.
     * {@code entities[0].fields[1].name: 'class' is reserved by backend-fastapi (a Python keyword); choose another name}.
     */
    public static Result validate(AppSpec spec, ReservedNames reserved) {
        ReservedNames words = ReservedNames.spec().and(Objects.requireNonNull(reserved, "reserved"));
        List<String> p = new ArrayList<>();
        if (spec == null) {
            return new Result(List.of("spec: is missing"));
        }
        if (spec.name() == null || !APP_NAME.matcher(spec.name()).matches()) {
            p.add("name: '" + spec.name() + "' must start with a letter and use letters, digits, spaces, '-' or '_' (max 63)");
        }
        if (spec.entities().isEmpty()) {
            p.add("entities: at least one entity is required");
        }
        Set<String> entityNames = new HashSet<>();
        for (int i = 0; i < spec.entities().size(); i++) {
            Entity e = spec.entities().get(i);
            String at = "entities[" + i + "]";
            if (e == null) { p.add(at + ": is null"); continue; }
            if (e.name() == null || !PASCAL.matcher(e.name()).matches()) {
                p.add(at + ".name: '" + e.name() + "' must be singular PascalCase, e.g. PurchaseOrder");
            } else if (words.isReservedEntity(e.name())) {
                p.add(reservedEntity(at, e.name(), words));
            } else if (!entityNames.add(e.name().toLowerCase(Locale.ROOT))) {
                p.add(at + ".name: duplicate entity '" + e.name() + "'");
            }
            if (e.fields().isEmpty()) {
                p.add(at + ".fields: entity '" + e.name() + "' needs at least one field");
            }
            Set<String> fieldNames = new HashSet<>();
            for (int j = 0; j < e.fields().size(); j++) {
                checkField(e.fields().get(j), at + ".fields[" + j + "]", fieldNames, words, p);
            }
        }
        Set<String> relNames = new HashSet<>();
        for (int i = 0; i < spec.relations().size(); i++) {
            Relation r = spec.relations().get(i);
            String at = "relations[" + i + "]";
            if (r == null) { p.add(at + ": is null"); continue; }
            if (AppSpec.USER_ENTITY.equals(r.from())) {
                p.add(at + ".from: relations start at a declared entity; to link users, put the relation on the other "
                        + "entity with \"to\": \"" + AppSpec.USER_ENTITY + "\"");
            } else if (r.from() == null || spec.entity(r.from()).isEmpty()) {
                p.add(at + ".from: unknown entity '" + r.from() + "'");
            }
            if (r.to() == null || (spec.entity(r.to()).isEmpty() && !AppSpec.USER_ENTITY.equals(r.to()))) {
                p.add(at + ".to: unknown entity '" + r.to() + "' (declare it, or use \"" + AppSpec.USER_ENTITY
                        + "\" for the app's own users)");
            }
            if (r.kind() == null) {
                p.add(at + ".kind: is required (many_to_one or many_to_many)");
            }
            if (r.name() == null || !SNAKE.matcher(r.name()).matches()) {
                p.add(at + ".name: '" + r.name() + "' must be a snake_case name (lower case letters, digits, '_'), max 63");
            } else if (words.isReservedField(r.name())) {
                p.add(reservedField(at, r.name(), words));
            } else {
                if (!relNames.add(r.from() + "." + r.name())) {
                    p.add(at + ".name: duplicate relation '" + r.name() + "' on " + r.from());
                }
                spec.entity(r.from()).ifPresent(from -> from.fields().forEach(f -> {
                    if (f != null && (r.name().equals(f.name()) || (r.name() + "_id").equals(f.name()))) {
                        p.add(at + ".name: '" + r.name() + "' clashes with field '" + f.name() + "' of " + from.name());
                    }
                }));
            }
        }
        CapabilityChecks.check(spec, p);
        for (int i = 0; i < spec.roles().size(); i++) {
            Role r = spec.roles().get(i);
            if (r == null || r.name() == null || !SNAKE.matcher(r.name()).matches()) {
                p.add("roles[" + i + "].name: must be snake_case");
            }
        }
        return new Result(p);
    }

    /**
     * Only the entity, field and relation names of {@code spec} that {@code reserved} holds, each a problem with its
     * JSON path as {@link #validate(AppSpec, ReservedNames)} words it; nothing else is checked. For a template pack's
     * renderer, which trusts that the spec passed {@link #validate(AppSpec)} already.
     */
    public static Result checkReservedNames(AppSpec spec, ReservedNames reserved) {
        Objects.requireNonNull(reserved, "reserved");
        List<String> p = new ArrayList<>();
        for (int i = 0; i < spec.entities().size(); i++) {
            Entity e = spec.entities().get(i);
            String at = "entities[" + i + "]";
            if (e == null) continue;
            if (reserved.isReservedEntity(e.name())) {
                p.add(reservedEntity(at, e.name(), reserved));
            }
            for (int j = 0; j < e.fields().size(); j++) {
                Field f = e.fields().get(j);
                if (f != null && reserved.isReservedField(f.name())) {
                    p.add(reservedField(at + ".fields[" + j + "]", f.name(), reserved));
                }
            }
        }
        for (int i = 0; i < spec.relations().size(); i++) {
            Relation r = spec.relations().get(i);
            if (r != null && reserved.isReservedField(r.name())) {
                p.add(reservedField("relations[" + i + "]", r.name(), reserved));
            }
        }
        return new Result(p);
    }

    private static String reservedEntity(String at, String name, ReservedNames words) {
        return at + ".name: '" + name + "' is reserved by " + words.entities().get(name) + "; rename it (e.g. Member, Account)";
    }

    private static String reservedField(String at, String name, ReservedNames words) {
        return at + ".name: '" + name + "' is reserved by " + words.fields().get(name) + "; choose another name";
    }

    private static void checkField(Field f, String at, Set<String> seen, ReservedNames words, List<String> p) {
        if (f == null) { p.add(at + ": is null"); return; }
        if (f.name() == null || !SNAKE.matcher(f.name()).matches()) {
            p.add(at + ".name: '" + f.name() + "' must be snake_case (lower case letters, digits, '_'), max 63");
        } else if (words.isReservedField(f.name())) {
            p.add(reservedField(at, f.name(), words));
        } else if (!seen.add(f.name())) {
            p.add(at + ".name: duplicate field '" + f.name() + "'");
        }
        if (f.type() == null) {
            p.add(at + ".type: is required; use one of " + FieldType.allowed());
            return;
        }
        if (f.type() == FieldType.ENUM) {
            if (f.enumValues().size() < 1) {
                p.add(at + ".enumValues: an enum field needs at least one value");
            }
            Set<String> vals = new HashSet<>();
            for (int k = 0; k < f.enumValues().size(); k++) {
                String v = f.enumValues().get(k);
                if (v == null || !ENUM_VALUE.matcher(v).matches()) {
                    p.add(at + ".enumValues[" + k + "]: '" + v + "' must be snake_case, e.g. in_progress");
                } else if (!vals.add(v)) {
                    p.add(at + ".enumValues[" + k + "]: duplicate value '" + v + "'");
                }
            }
            if (f.defaultValue() != null && !f.enumValues().contains(f.defaultValue())) {
                p.add(at + ".defaultValue: '" + f.defaultValue() + "' is not one of " + f.enumValues());
            }
        } else if (!f.enumValues().isEmpty()) {
            p.add(at + ".enumValues: only fields of type enum take values; set type to enum or remove them");
        }
        boolean numeric = f.type() == FieldType.INTEGER || f.type() == FieldType.DECIMAL;
        if ((f.min() != null || f.max() != null) && !numeric) {
            p.add(at + ".min/max: only integer and decimal fields take bounds");
        }
        if (f.min() != null && f.max() != null && f.min().compareTo(f.max()) > 0) {
            p.add(at + ".min: " + f.min() + " is greater than max " + f.max());
        }
        if (f.type() == FieldType.INTEGER) {
            if (f.min() != null && f.min().stripTrailingZeros().scale() > 0) p.add(at + ".min: integer bound must be whole");
            if (f.max() != null && f.max().stripTrailingZeros().scale() > 0) p.add(at + ".max: integer bound must be whole");
        }
        if (f.maxLength() != null) {
            boolean stringy = switch (f.type()) {
                case STRING, TEXT, EMAIL, URL, PHONE -> true;
                default -> false;
            };
            if (!stringy) {
                p.add(at + ".maxLength: only text-like fields take a maxLength");
            } else if (f.maxLength() < 1 || f.maxLength() > 100_000) {
                p.add(at + ".maxLength: must be between 1 and 100000");
            }
        }
        if (f.defaultValue() != null && f.type() != FieldType.ENUM) {
            String d = f.defaultValue();
            boolean ok = switch (f.type()) {
                case INTEGER -> d.matches("-?\\d{1,18}");
                case DECIMAL -> d.matches("-?\\d{1,18}(\\.\\d{1,6})?");
                case BOOLEAN -> d.equals("true") || d.equals("false");
                case DATE, DATETIME, TIME -> false;
                default -> d.length() <= 1000;
            };
            if (!ok) {
                p.add(at + ".defaultValue: '" + d + "' is not a valid default for a " + f.type().json() + " field"
                        + (f.type() == FieldType.DATE || f.type() == FieldType.DATETIME || f.type() == FieldType.TIME
                        ? " (date/time fields take no default)" : ""));
            }
        }
    }

    /** The outcome: valid when {@link #problems()} is empty. */
    public record Result(List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }

        public void throwIfInvalid() {
            if (!valid()) {
                throw new InvalidSpecException(problems);
            }
        }
    }
}
