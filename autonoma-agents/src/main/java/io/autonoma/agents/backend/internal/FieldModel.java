package io.autonoma.agents.backend.internal;

import io.autonoma.agents.naming.Naming;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Everything the backend templates need to know about one spec field; the only place types are decided. */
final class FieldModel {
    static final int DEFAULT_STRING_LENGTH = 255;
    static final int DEFAULT_TEXT_LENGTH = 100_000;
    static final int EMAIL_LENGTH = 320;
    static final int URL_LENGTH = 2048;
    static final int PHONE_LENGTH = 32;
    static final BigDecimal DECIMAL_SAMPLE = new BigDecimal("12.50");

    final Field f;
    final String name;
    final String pascal;
    final String label;
    final String entityName;
    final String enumClass;

    FieldModel(Field f, String entityName) {
        this.f = f;
        this.name = f.name();
        this.pascal = Naming.pascal(f.name());
        this.label = Naming.label(f.name());
        this.entityName = entityName;
        this.enumClass = f.type() == FieldType.ENUM ? entityName + pascal : null;
    }

    FieldType type() {
        return f.type();
    }

    boolean required() {
        return f.required();
    }

    boolean hasDefault() {
        return f.defaultValue() != null;
    }

    int maxLength() {
        return switch (f.type()) {
            case STRING -> f.maxLength() != null ? f.maxLength() : DEFAULT_STRING_LENGTH;
            case TEXT -> f.maxLength() != null ? f.maxLength() : DEFAULT_TEXT_LENGTH;
            case EMAIL -> f.maxLength() != null ? Math.min(f.maxLength(), EMAIL_LENGTH) : EMAIL_LENGTH;
            case URL -> f.maxLength() != null ? Math.min(f.maxLength(), URL_LENGTH) : URL_LENGTH;
            case PHONE -> f.maxLength() != null ? Math.min(f.maxLength(), PHONE_LENGTH) : PHONE_LENGTH;
            case ENUM -> Math.max(32, f.enumValues().stream().mapToInt(String::length).max().orElse(1));
            default -> 0;
        };
    }

    // ---- ORM -------------------------------------------------------------------------------

    /** The {@code Mapped[...]} type without {@code | None}. */
    String pyType() {
        return switch (f.type()) {
            case INTEGER -> "int";
            case DECIMAL -> "Decimal";
            case BOOLEAN -> "bool";
            case DATE -> "date";
            case DATETIME -> "datetime";
            case TIME -> "time";
            default -> "str";
        };
    }

    String saType() {
        return switch (f.type()) {
            case STRING, EMAIL, URL, PHONE, ENUM -> "String(" + maxLength() + ")";
            case TEXT -> "Text";
            case INTEGER -> "Integer";
            case DECIMAL -> "Numeric(18, 2)";
            case BOOLEAN -> "Boolean";
            case DATE -> "Date";
            case DATETIME -> "UTCDateTime()";
            case TIME -> "Time";
        };
    }

    /** The SQLAlchemy name to import from {@code sqlalchemy} (null for the app's own UTCDateTime). */
    String saImport() {
        return switch (f.type()) {
            case STRING, EMAIL, URL, PHONE, ENUM -> "String";
            case TEXT -> "Text";
            case INTEGER -> "Integer";
            case DECIMAL -> "Numeric";
            case BOOLEAN -> "Boolean";
            case DATE -> "Date";
            case DATETIME -> null;
            case TIME -> "Time";
        };
    }

    String alembicType() {
        return switch (f.type()) {
            case STRING, EMAIL, URL, PHONE, ENUM -> "sa.String(length=" + maxLength() + ")";
            case TEXT -> "sa.Text()";
            case INTEGER -> "sa.Integer()";
            case DECIMAL -> "sa.Numeric(precision=18, scale=2)";
            case BOOLEAN -> "sa.Boolean()";
            case DATE -> "sa.Date()";
            case DATETIME -> "sa.DateTime(timezone=True)";
            case TIME -> "sa.Time()";
        };
    }

    /** The Python value of the column default, or null. */
    String modelDefault() {
        if (f.defaultValue() == null) return null;
        return switch (f.type()) {
            case INTEGER -> f.defaultValue();
            case DECIMAL -> "Decimal(" + Py.str(new BigDecimal(f.defaultValue()).setScale(2, RoundingMode.HALF_EVEN).toPlainString()) + ")";
            case BOOLEAN -> f.defaultValue().equals("true") ? "True" : "False";
            default -> Py.str(f.defaultValue());
        };
    }

    String columnLine() {
        List<String> args = new ArrayList<>();
        args.add(saType());
        args.add("nullable=" + (f.required() ? "False" : "True"));
        if (f.unique()) args.add("unique=True");
        if (indexed()) args.add("index=True");
        if (modelDefault() != null) args.add("default=" + modelDefault());
        String mapped = pyType() + (f.required() ? "" : " | None");
        return Py.call(4, name + ": Mapped[" + mapped + "] = mapped_column(", args, ")");
    }

    String alembicColumn() {
        List<String> args = List.of(Py.str(name), alembicType(), "nullable=" + (f.required() ? "False" : "True"));
        return Py.call(8, "sa.Column(", args, "),");
    }

    // ---- schemas ---------------------------------------------------------------------------

    String alias() {
        return pascal + "Value";
    }

    String schemaBase() {
        return switch (f.type()) {
            case STRING, TEXT -> "CleanStr";
            case INTEGER -> "int";
            case DECIMAL -> "Decimal";
            case BOOLEAN -> "bool";
            case DATE -> "date";
            case DATETIME -> "UTCDatetime";
            case TIME -> "TimeOfDay";
            case EMAIL -> "EmailAddress";
            case URL -> "HttpUrl";
            case PHONE -> "PhoneNumber";
            case ENUM -> enumClass;
        };
    }

    List<String> fieldArgs() {
        List<String> a = new ArrayList<>();
        switch (f.type()) {
            case STRING, TEXT -> {
                if (f.required()) a.add("min_length=1");
                a.add("max_length=" + maxLength());
            }
            case EMAIL, URL, PHONE -> {
                if (f.maxLength() != null) a.add("max_length=" + maxLength());
            }
            case INTEGER -> {
                a.add("ge=" + (f.min() != null ? plain(f.min()) : "MIN_INT"));
                a.add("le=" + (f.max() != null ? plain(f.max()) : "MAX_INT"));
            }
            case DECIMAL -> {
                if (f.min() != null) a.add("ge=" + plain(f.min()));
                if (f.max() != null) a.add("le=" + plain(f.max()));
                a.add("max_digits=18");
                a.add("decimal_places=2");
            }
            default -> { }
        }
        if (f.description() != null && !f.description().isBlank()) {
            a.add("description=" + Py.str(f.description().strip()));
        }
        return a;
    }

    boolean usesIntBounds(String which) {
        return f.type() == FieldType.INTEGER && (which.equals("MIN_INT") ? f.min() == null : f.max() == null);
    }

    String aliasCode() {
        List<String> args = fieldArgs();
        if (args.isEmpty()) {
            return alias() + " = " + schemaBase();
        }
        String fieldCall = Py.call(4, "Field(", args, "),");
        String after = f.type() == FieldType.DECIMAL ? "\n    TwoPlaces," : "";
        return alias() + " = Annotated[\n    " + schemaBase() + ",\n" + fieldCall + after + "\n]";
    }

    boolean blankable() {
        return switch (f.type()) {
            case STRING, TEXT, BOOLEAN -> false;
            default -> true;
        };
    }

    String schemaDefault() {
        if (f.defaultValue() == null) return null;
        return switch (f.type()) {
            case ENUM -> enumClass + "." + f.defaultValue().toUpperCase(Locale.ROOT);
            default -> modelDefault();
        };
    }

    /** {@code name: <optional type> = default}, split inside {@code Annotated[...]} as ruff format does when too long. */
    private String optionalLine(String defaultValue) {
        if (!blankable()) {
            return Py.annotated(name, alias() + " | None", defaultValue);
        }
        String inner = alias() + " | None, BlankToNone";
        String one = "    " + name + ": Annotated[" + inner + "] = " + defaultValue;
        if (one.length() <= Py.LINE_LENGTH) {
            return one;
        }
        return "    " + name + ": Annotated[\n        " + inner + "\n    ] = " + defaultValue;
    }

    String createLine() {
        String d = schemaDefault();
        if (f.required()) {
            return "    " + name + ": " + alias() + (d == null ? "" : " = " + d);
        }
        return optionalLine(d == null ? "None" : d);
    }

    String updateLine() {
        return optionalLine("None");
    }

    String readLine() {
        String t = switch (f.type()) {
            case INTEGER -> "int";
            case DECIMAL -> "Decimal";
            case BOOLEAN -> "bool";
            case DATE -> "date";
            case DATETIME -> "datetime";
            case TIME -> "TimeOfDay";
            case ENUM -> enumClass;
            default -> "str";
        };
        return "    " + name + ": " + t + (f.required() ? "" : " | None");
    }

    boolean searchable() {
        return f.type() == FieldType.STRING || f.type() == FieldType.TEXT || f.type() == FieldType.EMAIL;
    }

    boolean filterable() {
        return f.type() == FieldType.ENUM || f.type() == FieldType.BOOLEAN;
    }

    /**
     * The list endpoint filters on it by exact match, so it gets a plain index (a unique field already has
     * one through its unique constraint).
     */
    boolean indexed() {
        return filterable() && !f.unique();
    }

    String filterAnnotation() {
        return f.type() == FieldType.ENUM ? enumClass : "bool";
    }

    // ---- tests -----------------------------------------------------------------------------

    /** A valid value as a Python expression; may use the per-record counter {@code n}. */
    String sample() {
        int len = maxLength();
        return switch (f.type()) {
            case STRING, TEXT -> len >= label.length() + 8 ? "f\"" + label + " {n}\"" : len >= 8 ? "f\"v{n}\"" : "str(n)[-" + len + ":]";
            case INTEGER -> intSample();
            case DECIMAL -> f.unique() ? "f\"{n}.25\"" : Py.str(clamp(DECIMAL_SAMPLE).setScale(2, RoundingMode.HALF_EVEN).toPlainString());
            case BOOLEAN -> "True";
            case DATE -> f.unique() ? "f\"{2000 + n}-01-01\"" : "\"2026-11-25\"";
            case DATETIME -> f.unique() ? "f\"{2000 + n}-01-01T14:30:00Z\"" : "\"2026-11-25T14:30:00Z\"";
            case TIME -> f.unique() ? "f\"{n % 24:02d}:{n // 24 % 60:02d}:00\"" : "\"14:30:00\"";
            case EMAIL -> "f\"" + name + "{n}@example.com\"";
            case URL -> "f\"https://example.com/" + name + "/{n}\"";
            case PHONE -> "f\"+1 555 {n:04d}\"";
            case ENUM -> Py.str(sampleEnum());
        };
    }

    String sampleEnum() {
        return f.enumValues().size() > 1 ? f.enumValues().get(1) : f.enumValues().get(0);
    }

    String otherEnum() {
        return f.enumValues().get(0).equals(sampleEnum()) ? f.enumValues().get(f.enumValues().size() - 1) : f.enumValues().get(0);
    }

    private String intSample() {
        if (!f.unique()) {
            return clamp(BigDecimal.valueOf(3)).toBigInteger().toString();
        }
        if (f.min() != null && f.max() != null) {
            BigDecimal range = f.max().subtract(f.min()).add(BigDecimal.ONE);
            return plain(f.min()) + " + n % " + plain(range);
        }
        if (f.min() != null) return plain(f.min()) + " + n";
        if (f.max() != null) return plain(f.max()) + " - n";
        return "n";
    }

    private BigDecimal clamp(BigDecimal v) {
        if (f.min() != null && v.compareTo(f.min()) < 0) v = f.min();
        if (f.max() != null && v.compareTo(f.max()) > 0) v = f.max();
        return v;
    }

    /** Another valid value (for update tests). */
    String changed() {
        return switch (f.type()) {
            case STRING, TEXT -> Py.str("Changed value".substring(0, Math.min(13, maxLength())));
            case INTEGER -> clamp(BigDecimal.valueOf(4)).toBigInteger().toString();
            case DECIMAL -> Py.str(clamp(new BigDecimal("7.25")).setScale(2, RoundingMode.HALF_EVEN).toPlainString());
            case BOOLEAN -> "False";
            case DATE -> "\"2027-01-02\"";
            case DATETIME -> "\"2027-01-02T08:15:00Z\"";
            case TIME -> "\"08:15:00\"";
            case EMAIL -> "\"changed@example.com\"";
            case URL -> "\"https://example.org/changed\"";
            case PHONE -> "\"+44 20 7946 0000\"";
            case ENUM -> Py.str(f.enumValues().get(0));
        };
    }

    /**
     * Values for the sort tests as Python literals, in the order the database sorts them: ascending,
     * the same in SQLite and in PostgreSQL under any collation (strings differ in their first letter,
     * all of one case; enum values are stored as their text). Three distinct values for a unique
     * field, else a low one and a high one twice, so that the test sees a tie. Fewer (or one,
     * repeated) when the field's bounds allow fewer.
     */
    List<String> sortValues() {
        List<String> distinct = switch (f.type()) {
            case STRING, TEXT -> Stream.of("Alpha", "Bravo", "Charlie")
                    .map(v -> Py.str(v.substring(0, Math.min(v.length(), maxLength())))).toList();
            case EMAIL -> quoted("a@example.com", "b@example.com", "c@example.com");
            case URL -> quoted("https://example.com/a", "https://example.com/b", "https://example.com/c");
            // the phone pattern's shortest form when the field is too short for the usual one
            case PHONE -> maxLength() >= 11 ? quoted("+1 555 0001", "+1 555 0002", "+1 555 0003") : quoted("101", "102", "103");
            case INTEGER -> steps(BigDecimal.ONE, BigDecimal.ONE, 0).stream().map(v -> v.toBigInteger().toString()).toList();
            case DECIMAL -> steps(new BigDecimal("1.25"), decimalStep(), 2).stream().map(v -> Py.str(v.toPlainString())).toList();
            case BOOLEAN -> List.of("False", "True");
            case DATE -> quoted("2026-01-05", "2026-02-10", "2026-03-15");
            case DATETIME -> quoted("2026-01-05T08:00:00Z", "2026-02-10T12:30:00Z", "2026-03-15T17:45:00Z");
            case TIME -> quoted("08:00:00", "12:30:00", "17:45:00");
            case ENUM -> f.enumValues().stream().sorted()
                    .collect(Collectors.toMap(v -> v.charAt(0), v -> v, (a, b) -> a, TreeMap::new))
                    .values().stream().limit(3).map(Py::str).toList();
        };
        if (f.unique()) {
            return distinct.subList(0, Math.min(3, distinct.size()));
        }
        String high = distinct.get(Math.min(1, distinct.size() - 1));
        return List.of(distinct.get(0), high, high);
    }

    private static List<String> quoted(String... values) {
        return Stream.of(values).map(Py::str).toList();
    }

    /** 1 when the bounds leave room for steps of 1, else one cent. */
    private BigDecimal decimalStep() {
        BigDecimal lo = f.min() != null ? f.min() : BigDecimal.ZERO;
        BigDecimal hi = f.max() != null ? f.max() : lo.add(BigDecimal.TEN);
        return hi.subtract(lo).compareTo(BigDecimal.valueOf(2)) >= 0 ? BigDecimal.ONE : new BigDecimal("0.01");
    }

    /**
     * Up to three values {@code step} apart inside the field's bounds (rounded inwards to
     * {@code scale} decimal places), starting at {@code preferred} when there is room for three.
     */
    private List<BigDecimal> steps(BigDecimal preferred, BigDecimal step, int scale) {
        BigDecimal lo = f.min() != null ? f.min().setScale(scale, RoundingMode.CEILING) : preferred.subtract(BigDecimal.TEN);
        BigDecimal hi = f.max() != null ? f.max().setScale(scale, RoundingMode.FLOOR) : preferred.add(BigDecimal.TEN);
        BigDecimal start = preferred.min(hi.subtract(step.multiply(BigDecimal.valueOf(2)))).max(lo).setScale(scale, RoundingMode.CEILING);
        List<BigDecimal> out = new ArrayList<>();
        for (BigDecimal v = start; out.size() < 3 && v.compareTo(hi) <= 0; v = v.add(step)) {
            out.add(v);
        }
        return out;
    }

    /** Invalid values as Python expressions (each must be rejected with 422). */
    List<String> invalid() {
        List<String> out = new ArrayList<>();
        String n = Py.str(name);
        switch (f.type()) {
            case STRING, TEXT -> {
                if (f.required()) out.add(n + ", \"\"");
                if (f.type() == FieldType.TEXT) out.add(n + ", 12345");
                if (maxLength() <= 10_000) out.add(n + ", \"x\" * " + (maxLength() + 1));
            }
            case INTEGER -> {
                out.add(n + ", \"not-a-number\"");
                out.add(n + ", " + (f.min() != null ? plain(f.min().subtract(BigDecimal.ONE)) : "-2147483649"));
                out.add(n + ", " + (f.max() != null ? plain(f.max().add(BigDecimal.ONE)) : "2147483648"));
            }
            case DECIMAL -> {
                out.add(n + ", \"not-a-number\"");
                out.add(n + ", \"1.005\"");
                if (f.min() != null) out.add(n + ", " + Py.str(plain(f.min().subtract(BigDecimal.ONE))));
                if (f.max() != null) out.add(n + ", " + Py.str(plain(f.max().add(BigDecimal.ONE))));
            }
            case BOOLEAN -> out.add(n + ", \"not-a-boolean\"");
            case DATE -> out.add(n + ", \"2026-13-45\"");
            case DATETIME -> out.add(n + ", \"not-a-datetime\"");
            case TIME -> out.add(n + ", \"25:61:00\"");
            case EMAIL -> out.add(n + ", \"not-an-email\"");
            case URL -> {
                out.add(n + ", \"not a url\"");
                out.add(n + ", \"http://[\"");
            }
            case PHONE -> out.add(n + ", \"call me\"");
            case ENUM -> {
                String bad = "not_a_choice";
                while (f.enumValues().contains(bad)) bad = bad + "_x";
                out.add(n + ", " + Py.str(bad));
            }
        }
        return out;
    }

    static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
