package io.autonoma.core.artifact;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Versioned files of projects. Thread-safe. Paths are relative and '/'-separated; unsafe paths
 * ({@code ..}, absolute, NUL, backslash, drive letters, empty segments) throw
 * {@link UnsafePathException} and store nothing. Unknown projects or paths give empty results,
 * never null and never an exception.
 */
public interface ArtifactStore {

    /** Stores a new version; returns it (version = previous + 1, or 1). */
    Artifact put(ArtifactWrite write);

    default Artifact put(String projectId, String path, String content, String producedBy) {
        return put(ArtifactWrite.text(projectId, path, content, producedBy));
    }

    /** The latest version of a file, if any. */
    Optional<Artifact> get(String projectId, String path);

    /** The latest version of every file of a project, sorted by path. */
    List<Artifact> list(String projectId);

    /** Every version of one file, oldest first. */
    List<Artifact> history(String projectId, String path);

    /** Ids of projects with at least one file, sorted. */
    List<String> projects();

    /**
     * Writes the latest version of every file under {@code directory} (created if missing). Each
     * file is written atomically (temp file + rename). Returns the number of files written.
     */
    default int exportTo(String projectId, Path directory) {
        return io.autonoma.core.artifact.internal.Exports.toDirectory(list(projectId), directory);
    }

    /** Writes the latest files as a zip with entries sorted by path and fixed timestamps (reproducible). */
    default void exportZip(String projectId, OutputStream out) {
        io.autonoma.core.artifact.internal.Exports.toZip(list(projectId), out);
    }
}
