package io.autonoma.agents.backend.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An import section sorted and wrapped the way ruff's isort rules (I001) and ruff format expect:
 * sections future, standard library, third party, first party; {@code from} imports sorted by
 * module; names ordered constants, classes, then the rest; long lines wrapped one name per line.
 */
public final class PyImports {
    private static final Set<String> STDLIB = Set.of("__future__", "asyncio", "collections", "contextlib", "dataclasses",
            "datetime", "decimal", "enum", "functools", "gc", "hashlib", "itertools", "json", "logging", "math", "pathlib", "re",
            "secrets", "time", "typing", "uuid");
    private static final Set<String> FIRST_PARTY = Set.of("app", "tests");
    private static final Comparator<String> NAME_ORDER = Comparator
            .comparingInt(PyImports::kind)
            .thenComparing(s -> s.toLowerCase(Locale.ROOT))
            .thenComparing(Comparator.naturalOrder());

    private final Map<String, Set<String>> from = new TreeMap<>(Comparator.comparing((String s) -> s.toLowerCase(Locale.ROOT))
            .thenComparing(Comparator.naturalOrder()));

    private final Set<String> plain = new TreeSet<>();

    /** {@code import module}: ruff's isort puts these before the {@code from} imports of a section. */
    public PyImports addModule(String module) {
        plain.add(module);
        return this;
    }

    public PyImports add(String module, String... names) {
        Set<String> set = from.computeIfAbsent(module, m -> new TreeSet<>(NAME_ORDER));
        for (String n : names) {
            set.add(n);
        }
        return this;
    }

    public PyImports addIf(boolean condition, String module, String... names) {
        return condition ? add(module, names) : this;
    }

    /** Names ordered like ruff's isort (order-by-type): constants, classes, then the rest. */
    public static List<String> sorted(java.util.Collection<String> names) {
        List<String> out = new ArrayList<>(names);
        out.sort(NAME_ORDER);
        return out;
    }

    private static int kind(String name) {
        if (name.length() > 1 && name.equals(name.toUpperCase(Locale.ROOT)) && !name.equals(name.toLowerCase(Locale.ROOT))) {
            return 0;
        }
        return Character.isUpperCase(name.charAt(0)) ? 1 : 2;
    }

    private static int section(String module) {
        String top = module.split("\\.")[0];
        if (top.equals("__future__")) return 0;
        if (STDLIB.contains(top)) return 1;
        if (FIRST_PARTY.contains(top)) return 3;
        return 2;
    }

    /** The whole import section, without a trailing newline; empty when nothing was added. */
    public String render() {
        List<List<String>> sections = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sections.add(new ArrayList<>());
        }
        plain.forEach(module -> sections.get(section(module)).add("import " + module));
        from.forEach((module, names) -> sections.get(section(module)).add(line(module, names)));
        List<String> blocks = new ArrayList<>();
        for (List<String> s : sections) {
            if (!s.isEmpty()) {
                blocks.add(String.join("\n", s));
            }
        }
        return String.join("\n\n", blocks);
    }

    private static String line(String module, Set<String> names) {
        String one = "from " + module + " import " + String.join(", ", names);
        if (one.length() <= Py.LINE_LENGTH) {
            return one;
        }
        return Py.exploded(0, "from " + module + " import (", List.copyOf(names), ")");
    }
}
