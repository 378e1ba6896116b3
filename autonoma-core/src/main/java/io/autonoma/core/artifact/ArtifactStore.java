package io.autonoma.core.artifact;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Versioned files of projects. Thread-safe.
 *
 * <p>Semantics every implementation follows (asserted by {@code io.autonoma.test.ArtifactStoreContract}):
 * <ul>
 *   <li><b>Paths</b> are relative and '/'-separated and are normalised with
 *       {@link ArtifactPaths#normalize(String)} ({@code ./a/b/} and {@code a/b} are the same file).
 *       Unsafe paths ({@code ..}, absolute, NUL and control characters, backslash, drive letters,
 *       empty segments, leading {@code ~}, the reserved {@code .autonoma} directory, overly long)
 *       throw {@link UnsafePathException} from every method that takes a path, and store nothing.</li>
 *   <li>A path is a file or a directory, never both: putting {@code a/b} when {@code a} is a file,
 *       or {@code a} when {@code a/b} exists, throws {@link UnsafePathException} and stores nothing
 *       (so that every project can be exported to a real file system).</li>
 *   <li><b>Project ids</b> follow {@link ArtifactPaths#isValidProjectId(String)}; a null or invalid id
 *       throws {@link IllegalArgumentException} from every method that takes one.</li>
 *   <li>A valid but <b>unknown project or path</b> gives empty results ({@code Optional.empty()},
 *       empty list, 0 files exported, an empty zip), never null and never an exception.</li>
 *   <li>Returned artifacts and lists are immutable snapshots; content is copied in and out.</li>
 *   <li>Storage failures throw {@link java.io.UncheckedIOException}; a failed put stores no version.</li>
 * </ul>
 */
public interface ArtifactStore {

    /**
     * Stores a new version and returns it: version = previous + 1, or 1 for a new path; path
     * normalised; {@code sha256} is the lowercase hex SHA-256 of the content; {@code createdAt} is
     * the store clock's now. Concurrent puts of one path get distinct, gap-free versions.
     * Throws {@link NullPointerException} for a null write.
     */
    Artifact put(ArtifactWrite write);

    /** Convenience for {@link #put(ArtifactWrite)} with UTF-8 text. */
    default Artifact put(String projectId, String path, String content, String producedBy) {
        return put(ArtifactWrite.text(projectId, path, content, producedBy));
    }

    /** The latest version of a file, or empty when the project or the file is unknown. */
    Optional<Artifact> get(String projectId, String path);

    /** The latest version of every file of a project, sorted by path; empty for an unknown project. */
    List<Artifact> list(String projectId);

    /** Every version of one file, oldest first; empty when the project or the file is unknown. */
    List<Artifact> history(String projectId, String path);

    /** Ids of projects with at least one file, sorted; empty when there are none. */
    List<String> projects();

    /**
     * Writes the latest version of every file under {@code directory} (created if missing; an
     * existing directory is fine and its other files are left alone). Each file is written
     * atomically (temp file + rename). Returns the number of files written (0 for an unknown project).
     */
    default int exportTo(String projectId, Path directory) {
        return io.autonoma.core.artifact.internal.Exports.toDirectory(list(projectId), directory);
    }

    /**
     * Writes the latest files as a zip with entries sorted by path and fixed timestamps
     * (reproducible: same files, same bytes). An unknown project gives an empty zip. Does not close {@code out}.
     */
    default void exportZip(String projectId, OutputStream out) {
        io.autonoma.core.artifact.internal.Exports.toZip(list(projectId), out);
    }
}
