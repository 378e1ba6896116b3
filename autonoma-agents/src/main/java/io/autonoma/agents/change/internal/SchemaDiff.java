package io.autonoma.agents.change.internal;

import io.autonoma.agents.backend.internal.Py;
import io.autonoma.agents.change.internal.SchemaScript.Index;
import io.autonoma.agents.change.internal.SchemaScript.Item;
import io.autonoma.agents.change.internal.SchemaScript.Kind;
import io.autonoma.agents.change.internal.SchemaScript.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Alembic operations (Python statements at indent 4) that take a database from one {@link SchemaScript} to
 * another, given which tables and columns were renamed. Tables and columns hold data: they are renamed, added,
 * altered or dropped, never recreated. Indexes and constraints hold none: one whose rendered text changed is
 * dropped and created again. Changes to an existing table go through {@code batch_alter_table}, so the same
 * revision runs on PostgreSQL (plain ALTERs) and SQLite (the generated tests' database, where batch mode copies
 * the table). A new NOT NULL column is added with a server default that fills existing rows, then the default is
 * removed so that the table matches the models exactly.
 *
 * @param tableRenames old table name to new
 * @param columnRenames per new table name, old column name to new
 * @param fills per {@code table.column}, the SQL literal that fills existing rows of a new NOT NULL column (or of
 *     one that becomes NOT NULL); when absent, a neutral value of the column's type
 */
public record SchemaDiff(SchemaScript before, SchemaScript after, Map<String, String> tableRenames,
        Map<String, Map<String, String>> columnRenames, Map<String, String> fills) {

    public SchemaDiff {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        tableRenames = Map.copyOf(tableRenames);
        columnRenames = Map.copyOf(columnRenames);
        fills = Map.copyOf(fills);
    }

    /** The statements of {@code upgrade()}, each at indent 4 (possibly several lines); empty when nothing changes. */
    public List<String> statements() {
        List<String> out = new ArrayList<>();
        // 1. renames: data stays where it is
        Map<String, Table> current = new LinkedHashMap<>();
        for (Table t : before.tables().values()) {
            String name = tableRenames.getOrDefault(t.name(), t.name());
            if (!name.equals(t.name())) {
                out.add(Py.call(4, "op.rename_table(", List.of(Py.str(t.name()), Py.str(name)), ")"));
            }
            Map<String, String> cols = columnRenames.getOrDefault(name, Map.of());
            List<String> renames = new ArrayList<>();
            List<Item> items = new ArrayList<>();
            for (Item i : t.items()) {
                if (i.kind() == Kind.COLUMN && cols.containsKey(i.name())) {
                    String to = cols.get(i.name());
                    renames.add(Py.call(8, "batch_op.alter_column(", List.of(Py.str(i.name()), "new_column_name=" + Py.str(to)), ")"));
                    items.add(new Item(Kind.COLUMN, to, i.text().replaceFirst("\"" + java.util.regex.Pattern.quote(i.name()) + "\"",
                            java.util.regex.Matcher.quoteReplacement("\"" + to + "\""))));
                } else {
                    items.add(i);
                }
            }
            if (!renames.isEmpty()) {
                out.add(batch(name, renames));
            }
            current.put(name, new Table(name, items, t.indexes()));
        }
        Map<String, Table> target = after.tables();

        // 2. indexes that changed or went: dropped first (they may cover a column that goes)
        for (Table t : current.values()) {
            Set<String> keep = target.containsKey(t.name()) ? texts(target.get(t.name()).indexes()) : Set.of();
            for (Index ix : t.indexes()) {
                if (!keep.contains(ix.text()) && target.containsKey(t.name())) {
                    out.add(Py.call(4, "op.drop_index(", List.of(Py.str(ix.name()), "table_name=" + Py.str(t.name())), ")"));
                }
            }
        }

        // 3. new tables, in the target's creation order (targets of their foreign keys exist before them)
        for (Table t : target.values()) {
            if (!current.containsKey(t.name())) {
                StringBuilder create = new StringBuilder("    op.create_table(\n        ").append(Py.str(t.name())).append(",\n");
                t.items().forEach(i -> create.append(i.text()).append('\n'));
                out.add(create.append("    )").toString());
                t.indexes().forEach(ix -> out.add(ix.text()));
            }
        }

        // 4. tables on both sides: constraints, columns
        for (Table next : target.values()) {
            Table now = current.get(next.name());
            if (now == null) {
                continue;
            }
            List<String> ops = new ArrayList<>();
            List<String> before = new ArrayList<>();
            Set<String> nextItems = next.items().stream().map(Item::text).collect(Collectors.toSet());
            for (Item c : now.constraints()) {
                if (!nextItems.contains(c.text())) {
                    ops.add(Py.call(8, "batch_op.drop_constraint(", List.of(Py.str(c.name()),
                            "type_=" + Py.str(c.kind() == Kind.UNIQUE ? "unique" : "foreignkey")), ")"));
                }
            }
            Map<String, Item> nowCols = byName(now.columns());
            Map<String, Item> nextCols = byName(next.columns());
            for (Item c : now.columns()) {
                if (!nextCols.containsKey(c.name())) {
                    ops.add(Py.call(8, "batch_op.drop_column(", List.of(Py.str(c.name())), ")"));
                }
            }
            for (Item c : next.columns()) {
                Item was = nowCols.get(c.name());
                if (was == null) {
                    ops.addAll(addColumn(next.name(), Column.of(c.text()), before));
                } else if (!was.text().equals(c.text())) {
                    ops.addAll(alterColumn(next.name(), Column.of(was.text()), Column.of(c.text()), before));
                }
            }
            Set<String> nowItems = now.items().stream().map(Item::text).collect(Collectors.toSet());
            for (Item c : next.constraints()) {
                if (!nowItems.contains(c.text())) {
                    ops.add(createConstraint(c));
                }
            }
            out.addAll(before);
            if (!ops.isEmpty()) {
                out.add(batch(next.name(), ops));
            }
        }

        // 5. tables that went, after the constraints that pointed at them; last created, first dropped
        List<Table> gone = current.values().stream().filter(t -> !target.containsKey(t.name())).toList();
        for (int i = gone.size() - 1; i >= 0; i--) {
            out.add(Py.call(4, "op.drop_table(", List.of(Py.str(gone.get(i).name())), ")"));
        }

        // 6. indexes new on tables that were there
        for (Table next : target.values()) {
            Table now = current.get(next.name());
            if (now != null) {
                Set<String> had = texts(now.indexes());
                next.indexes().stream().filter(ix -> !had.contains(ix.text())).forEach(ix -> out.add(ix.text()));
            }
        }
        return out;
    }

    private List<String> addColumn(String table, Column c, List<String> before) {
        if (c.nullable()) {
            return List.of(c.added(null));
        }
        String fill = "sa.text(" + Py.str(fills.getOrDefault(table + "." + c.name(), c.neutralFill())) + ")";
        return List.of(
                c.added(fill),
                Py.call(8, "batch_op.alter_column(", List.of(Py.str(c.name()), "existing_type=" + c.type(), "server_default=None"), ")"));
    }

    private List<String> alterColumn(String table, Column was, Column now, List<String> before) {
        if (was.nullable() && !now.nullable()) {
            String fill = fills.getOrDefault(table + "." + now.name(), now.neutralFill());
            before.add(Py.call(4, "op.execute(", List.of(Py.str("UPDATE " + table + " SET " + now.name() + " = " + fill
                    + " WHERE " + now.name() + " IS NULL")), ")"));
        }
        List<String> args = new ArrayList<>(List.of(Py.str(now.name()), "existing_type=" + was.type()));
        if (!was.type().equals(now.type())) {
            args.add("type_=" + now.type());
        }
        args.add("existing_nullable=" + py(was.nullable()));
        if (was.nullable() != now.nullable()) {
            args.add("nullable=" + py(now.nullable()));
        }
        return List.of(Py.call(8, "batch_op.alter_column(", args, ")"));
    }

    private static String createConstraint(Item c) {
        List<String> s = SchemaScript.strings(c.text());
        if (c.kind() == Kind.UNIQUE) {
            List<String> cols = s.subList(0, s.size() - 1);
            return Py.call(8, "batch_op.create_unique_constraint(", List.of(Py.str(c.name()),
                    "[" + cols.stream().map(Py::str).collect(Collectors.joining(", ")) + "]"), ")");
        }
        // sa.ForeignKeyConstraint(["col"], ["target.id"], name="...", ondelete="...")
        String target = s.get(1).substring(0, s.get(1).lastIndexOf('.'));
        String remote = s.get(1).substring(s.get(1).lastIndexOf('.') + 1);
        return Py.call(8, "batch_op.create_foreign_key(", List.of(Py.str(c.name()), Py.str(target), "[" + Py.str(s.get(0)) + "]",
                "[" + Py.str(remote) + "]", "ondelete=" + Py.str(s.get(3))), ")");
    }

    private static String batch(String table, List<String> ops) {
        return Py.call(4, "with op.batch_alter_table(", List.of(Py.str(table)), ") as batch_op:") + "\n" + String.join("\n", ops);
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }

    private static Set<String> texts(List<Index> indexes) {
        return indexes.stream().map(Index::text).collect(Collectors.toSet());
    }

    private static Map<String, Item> byName(List<Item> items) {
        Map<String, Item> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(i.name(), i));
        return out;
    }

    /** A {@code sa.Column(name, type, nullable=...)} as the pack renders it. */
    record Column(String name, String type, boolean nullable) {
        static Column of(String text) {
            String body = text.strip();
            body = body.substring("sa.Column(".length(), body.lastIndexOf(')'));
            List<String> args = topLevel(body);
            if (args.size() != 3 || !args.get(2).startsWith("nullable=")) {
                throw new IllegalArgumentException("unexpected column: " + text.strip());
            }
            return new Column(SchemaScript.first(args.get(0)), args.get(1), args.get(2).equals("nullable=True"));
        }

        /** {@code batch_op.add_column(...)} at indent 8, kept exploded by its trailing comma (stable under ruff format). */
        String added(String serverDefault) {
            List<String> args = new ArrayList<>(List.of(Py.str(name), type, "nullable=" + py(nullable)));
            if (serverDefault != null) {
                args.add("server_default=" + serverDefault);
            }
            return "        batch_op.add_column(\n" + Py.call(12, "sa.Column(", args, "),") + "\n        )";
        }

        /** A value of the column's type that fills existing rows (SQL through SQLAlchemy, dialect-neutral). */
        String neutralFill() {
            if (type.startsWith("sa.Boolean")) return "false";
            if (type.startsWith("sa.Integer") || type.startsWith("sa.Numeric")) return "0";
            if (type.startsWith("sa.DateTime")) return "CURRENT_TIMESTAMP";
            if (type.startsWith("sa.Date")) return "CURRENT_DATE";
            if (type.startsWith("sa.Time")) return "'00:00:00'";
            return "''";
        }

        private static List<String> topLevel(String s) {
            List<String> out = new ArrayList<>();
            int depth = 0;
            boolean quoted = false;
            StringBuilder cur = new StringBuilder();
            for (char ch : s.toCharArray()) {
                if (ch == '"') quoted = !quoted;
                if (!quoted && (ch == '(' || ch == '[')) depth++;
                if (!quoted && (ch == ')' || ch == ']')) depth--;
                if (!quoted && depth == 0 && ch == ',') {
                    out.add(cur.toString().strip());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            if (!cur.toString().isBlank()) out.add(cur.toString().strip());
            return out;
        }
    }
}
