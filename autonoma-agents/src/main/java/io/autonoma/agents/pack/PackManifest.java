package io.autonoma.agents.pack;

import io.autonoma.agents.pack.internal.ManifestParser;
import java.util.List;
import java.util.Objects;

/**
 * The files of a template pack, read from {@code <folder>/pack.txt}: one line per template,
 * {@code template -> output} with an optional {@code each=<collection>}; {@code #} starts a comment.
 * <pre>
 * # template (relative to the folder)   -> output path (a mustache template itself)   [each=&lt;collection&gt;]
 * app/main.py.mustache                  -> backend/app/main.py
 * app/routers/entity.py.mustache        -> backend/app/routers/{{snake}}.py            each=entities
 * </pre>
 * With {@code each=entities} the file is rendered once per element of the view's {@code entities}
 * collection (a Map key, a no-arg method or a field of the view), with that element on top of the view;
 * a collection of zero or one elements makes a file optional. Output paths are relative to the project root.
 *
 * @param folder the pack's folder on the class path, e.g. {@code templates/backend-fastapi}
 * @param entries the lines, in file order (the order files are rendered and written in)
 */
public record PackManifest(String folder, List<Entry> entries) {
    /** The manifest's file name inside the pack folder. */
    public static final String FILE = "pack.txt";

    public PackManifest {
        Objects.requireNonNull(folder, "folder");
        entries = List.copyOf(entries);
    }

    /**
     * Reads and checks {@code <folder>/pack.txt} from {@code loader}: every line must parse, name a template that
     * exists in the folder and an output path that stays inside the project, and the manifest must list a file.
     *
     * @throws InvalidPackException naming the manifest line and what to fix
     */
    public static PackManifest read(ClassLoader loader, String folder) {
        return ManifestParser.read(Objects.requireNonNull(loader, "loader"), Objects.requireNonNull(folder, "folder"));
    }

    /**
     * One line of the manifest.
     *
     * @param line its line number in {@code pack.txt}, for messages
     * @param template the template file, relative to the folder
     * @param output the output path, a mustache template rendered with the same context
     * @param each the view's collection to render the file for each element of; empty: render once
     */
    public record Entry(int line, String template, String output, String each) {
        public Entry {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(output, "output");
            each = each == null ? "" : each;
        }

        /** Whether the file is rendered once per element of {@link #each()}. */
        public boolean perItem() {
            return !each.isEmpty();
        }
    }
}
