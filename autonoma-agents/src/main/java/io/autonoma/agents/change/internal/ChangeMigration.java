package io.autonoma.agents.change.internal;

import io.autonoma.agents.backend.internal.Py;
import io.autonoma.agents.change.internal.SchemaScript.Item;
import io.autonoma.agents.change.internal.SchemaScript.Kind;
import io.autonoma.agents.change.internal.SchemaScript.Table;
import io.autonoma.core.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Alembic revision of a change: chained on the app's current head, upgrading from the schema the app had to the
 * schema of the changed spec ({@link SchemaDiff}), and downgrading back. The initial migration is never rewritten.
 */
public final class ChangeMigration {

    public static final String VERSIONS = "backend/alembic/versions/";
    private static final Pattern INITIAL = Pattern.compile("backend/alembic/versions/[0-9a-f]+_initial_schema\\.py");
    private static final Pattern REVISION = Pattern.compile("(?m)^revision: str = \"([^\"]+)\"");
    private static final Pattern DOWN = Pattern.compile("(?m)^down_revision: str \\| None = (?:None|\"([^\"]+)\")");

    /** A revision file: its path in the app and its text. */
    public record Revision(String id, String path, String text) {}

    private ChangeMigration() {}

    /** The path of the create-everything migration among freshly generated files, if the app has the FastAPI backend. */
    public static Optional<String> initialPath(Map<String, String> files) {
        return files.keySet().stream().filter(p -> INITIAL.matcher(p).matches()).findFirst();
    }

    /**
     * The revision the app's migrations end at now, read from {@code backend/alembic/versions} on disk (so a revision
     * the user added is chained on too).
     *
     * @throws IllegalArgumentException when there is no revision, or several heads
     */
    public static String head(Path appDir) {
        Path dir = appDir.resolve(VERSIONS);
        Map<String, String> downOf = new LinkedHashMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    Matcher rev = REVISION.matcher(text);
                    Matcher down = DOWN.matcher(text);
                    if (rev.find() && down.find()) {
                        downOf.put(rev.group(1), down.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir, e);
            }
        }
        Set<String> heads = new HashSet<>(downOf.keySet());
        downOf.values().forEach(heads::remove);
        if (heads.size() != 1) {
            throw new IllegalArgumentException(heads.isEmpty()
                    ? appDir + " has no Alembic revision under " + VERSIONS + "; restore its migrations before changing it"
                    : "the migrations under " + appDir.resolve(VERSIONS) + " have several heads " + new java.util.TreeSet<>(heads)
                            + "; merge them (alembic merge heads) before changing the app");
        }
        return heads.iterator().next();
    }

    /**
     * The revision from {@code before} to {@code after}, or empty when the schema does not change (e.g. a new enum
     * value: enum columns are strings the app validates).
     *
     * @param renamed {@code before} as the spec with only the change's renames applied would create it: table by
     *     table and column by column in the same order, so the pairs give the renames
     * @param fills per {@code table.column}, the SQL literal filling existing rows of a column that is NOT NULL now
     * @param backFills the same for the downgrade
     */
    public static Optional<Revision> revision(SchemaScript before, SchemaScript renamed, SchemaScript after, Map<String, String> fills,
            Map<String, String> backFills, String downRevision, List<String> steps) {
        Map<String, String> tables = new HashMap<>();
        Map<String, Map<String, String>> columns = new HashMap<>();
        renames(before, renamed, tables, columns);
        Map<String, String> backTables = new HashMap<>();
        Map<String, Map<String, String>> backColumns = new HashMap<>();
        renames(renamed, before, backTables, backColumns);
        List<String> up = new SchemaDiff(before, after, tables, columns, fills).statements();
        if (up.isEmpty()) {
            return Optional.empty();
        }
        List<String> down = new SchemaDiff(after, before, backTables, backColumns, backFills).statements();
        String id = Sha256.hex(downRevision + "\n" + String.join("\n", up)).substring(0, 12);
        String slug = slug(steps.isEmpty() ? "change" : steps.get(0));
        StringBuilder doc = new StringBuilder();
        for (String s : steps) {
            doc.append("- ").append(s.length() > 90 ? s.substring(0, 87) + "..." : s).append('\n');
        }
        String body = String.join("\n", up) + "\n" + String.join("\n", down);
        String text = "\"\"\"Change: " + (steps.size() == 1 ? "one step" : steps.size() + " steps") + " of a change request.\n\n"
                + doc.toString().replace("\\", "/").replace("\"\"\"", "'''")
                + "\nRevision ID: " + id + "\nRevises: " + downRevision + "\n\"\"\"\n\n"
                + "from collections.abc import Sequence\n\n"
                + (body.contains("sa.") ? "import sqlalchemy as sa\n" : "")
                + "from alembic import op\n\n"
                + "revision: str = " + Py.str(id) + "\n"
                + "down_revision: str | None = " + Py.str(downRevision) + "\n"
                + "branch_labels: str | Sequence[str] | None = None\n"
                + "depends_on: str | Sequence[str] | None = None\n\n\n"
                + "def upgrade() -> None:\n" + String.join("\n", up) + "\n\n\n"
                + "def downgrade() -> None:\n" + (down.isEmpty() ? "    pass" : String.join("\n", down)) + "\n";
        return Optional.of(new Revision(id, VERSIONS + id + "_" + slug + ".py", text));
    }

    private static void renames(SchemaScript from, SchemaScript to, Map<String, String> tables, Map<String, Map<String, String>> columns) {
        List<Table> a = List.copyOf(from.tables().values());
        List<Table> b = List.copyOf(to.tables().values());
        if (a.size() != b.size()) {
            throw new IllegalStateException("a rename changed the number of tables (" + a.size() + " to " + b.size() + ")");
        }
        for (int i = 0; i < a.size(); i++) {
            List<Item> ca = a.get(i).columns();
            List<Item> cb = b.get(i).columns();
            if (ca.size() != cb.size()) {
                throw new IllegalStateException("a rename changed the columns of " + a.get(i).name());
            }
            if (!a.get(i).name().equals(b.get(i).name())) {
                tables.put(a.get(i).name(), b.get(i).name());
            }
            Map<String, String> cols = new LinkedHashMap<>();
            for (int j = 0; j < ca.size(); j++) {
                if (ca.get(j).kind() == Kind.COLUMN && !ca.get(j).name().equals(cb.get(j).name())) {
                    cols.put(ca.get(j).name(), cb.get(j).name());
                }
            }
            if (!cols.isEmpty()) {
                columns.put(b.get(i).name(), cols);
            }
        }
    }

    private static String slug(String step) {
        String s = step.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.length() > 40 ? s.substring(0, 40).replaceAll("_+$", "") : s;
    }

}
