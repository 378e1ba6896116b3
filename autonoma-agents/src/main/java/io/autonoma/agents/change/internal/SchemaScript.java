package io.autonoma.agents.change.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema an initial Alembic migration of the FastAPI pack creates, read back from its {@code upgrade()}: tables in
 * creation order, each with its columns, constraints and indexes as the exact source text the pack renders. Reading
 * the rendered script (instead of a second model of the schema) keeps one source of truth: whatever tables a
 * capability adds, a change revision sees them exactly as a fresh app creates them.
 */
public record SchemaScript(Map<String, Table> tables) {

    /** One {@code sa.Column(...)} or constraint item of a {@code create_table}, its text at indent 8 ending in {@code ,}. */
    public record Item(Kind kind, String name, String text) {}

    public enum Kind { COLUMN, PRIMARY_KEY, FOREIGN_KEY, UNIQUE }

    /** An {@code op.create_index(...)} statement at indent 4. */
    public record Index(String name, String table, String text) {}

    public record Table(String name, List<Item> items, List<Index> indexes) {
        public List<Item> columns() {
            return items.stream().filter(i -> i.kind() == Kind.COLUMN).toList();
        }

        public List<Item> constraints() {
            return items.stream().filter(i -> i.kind() != Kind.COLUMN && i.kind() != Kind.PRIMARY_KEY).toList();
        }
    }

    private static final Pattern FIRST_STRING = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern NAME_ARG = Pattern.compile("name=\"([^\"]*)\"");

    public SchemaScript {
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /**
     * @throws IllegalArgumentException when {@code script} has no {@code upgrade()} of the form the pack renders
     */
    public static SchemaScript parse(String script) {
        List<String> lines = script.lines().toList();
        int start = lines.indexOf("def upgrade() -> None:");
        if (start < 0) {
            throw new IllegalArgumentException("not an initial migration of the FastAPI pack: no 'def upgrade() -> None:'");
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        int i = start + 1;
        while (i < lines.size() && (lines.get(i).isEmpty() || lines.get(i).startsWith("    "))) {
            String line = lines.get(i);
            if (line.equals("    op.create_table(")) {
                String name = first(lines.get(i + 1));
                List<Item> items = new ArrayList<>();
                i += 2;
                while (!lines.get(i).equals("    )")) {
                    StringBuilder text = new StringBuilder(lines.get(i));
                    if (lines.get(i).endsWith("(")) {
                        do {
                            i++;
                            text.append('\n').append(lines.get(i));
                        } while (!lines.get(i).equals("        ),"));
                    }
                    items.add(item(text.toString()));
                    i++;
                }
                tables.put(name, new Table(name, items, new ArrayList<>()));
                i++;
            } else if (line.startsWith("    op.create_index(")) {
                StringBuilder text = new StringBuilder(line);
                if (line.endsWith("(")) {
                    do {
                        i++;
                        text.append('\n').append(lines.get(i));
                    } while (!lines.get(i).equals("    )"));
                }
                List<String> strings = strings(text.toString());
                Table table = tables.get(strings.get(1));
                if (table == null) {
                    throw new IllegalArgumentException("index " + strings.get(0) + " is on table " + strings.get(1)
                            + ", which the migration does not create before it");
                }
                table.indexes().add(new Index(strings.get(0), strings.get(1), text.toString()));
                i++;
            } else if (line.isBlank()) {
                i++;
            } else {
                throw new IllegalArgumentException("unexpected statement in the initial migration: " + line.strip());
            }
        }
        Map<String, Table> frozen = new LinkedHashMap<>();
        tables.forEach((k, t) -> frozen.put(k, new Table(t.name(), List.copyOf(t.items()), List.copyOf(t.indexes()))));
        return new SchemaScript(frozen);
    }

    private static Item item(String text) {
        String body = text.strip();
        if (body.startsWith("sa.Column(")) {
            return new Item(Kind.COLUMN, first(body), text);
        }
        if (body.startsWith("sa.PrimaryKeyConstraint(")) {
            return new Item(Kind.PRIMARY_KEY, named(body), text);
        }
        if (body.startsWith("sa.ForeignKeyConstraint(")) {
            return new Item(Kind.FOREIGN_KEY, named(body), text);
        }
        if (body.startsWith("sa.UniqueConstraint(")) {
            return new Item(Kind.UNIQUE, named(body), text);
        }
        throw new IllegalArgumentException("unexpected item in a create_table: " + body);
    }

    private static String named(String body) {
        Matcher m = NAME_ARG.matcher(body);
        if (!m.find()) {
            throw new IllegalArgumentException("a constraint without a name: " + body);
        }
        return m.group(1);
    }

    static String first(String text) {
        Matcher m = FIRST_STRING.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("expected a quoted name in: " + text.strip());
        }
        return m.group(1);
    }

    /** Every double-quoted string of {@code text}, in order. */
    static List<String> strings(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = FIRST_STRING.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
