package io.autonoma.core.artifact.internal;

import io.autonoma.core.AutonomaException;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Export and atomic-write helpers shared by every {@code ArtifactStore}. Not API. */
public final class Exports {
    /**
     * Fixed DOS time of every zip entry (Gradle uses the same). Set as a local date-time so no
     * time zone enters the bytes and no extended-timestamp field is written. Not 1980-01-01T00:00:
     * the JDK treats that value as "before 1980" and then adds a zone-dependent UT extra field.
     */
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    /** Suffix of in-flight temp files; readers of a store directory ignore files ending with it. */
    public static final String TEMP_SUFFIX = ".autonoma-tmp";

    /** Test seam: called after part of the temp file is written, before the rest, fsync and rename. */
    @FunctionalInterface
    public interface WriteHook {
        WriteHook NONE = (tmp, target) -> {};

        void midWrite(Path tmp, Path target) throws IOException;
    }

    private Exports() {}

    /**
     * Writes the given files under {@code directory} (created if missing, existing files replaced
     * atomically). Each path is re-checked with {@link ArtifactPaths#resolveInside}; an existing
     * symbolic link at a target is refused. Returns the number of files written.
     */
    public static int toDirectory(List<Artifact> files, Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Files.createDirectories(directory);
            Path root = directory.toRealPath();
            for (Artifact a : files) {
                Path target = ArtifactPaths.resolveInside(root, a.path());
                Files.createDirectories(target.getParent());
                if (Files.isSymbolicLink(target)) {
                    throw new AutonomaException("refusing to export over symbolic link " + target + "; remove it or export to an empty directory");
                }
                writeAtomically(target, a.content());
            }
            return files.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export to " + directory + ": " + e, e);
        }
    }

    /**
     * Writes to a temp file in the same directory, forces it to disk, renames it over the target
     * and forces the directory entry. A reader sees the old content or the new one, never a part.
     * After a crash at most a temp file ending in {@link #TEMP_SUFFIX} remains. Files ending in
     * {@code .sh} are made executable.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        writeAtomically(target, content, WriteHook.NONE);
    }

    /** {@link #writeAtomically(Path, byte[])} with a test seam. */
    public static void writeAtomically(Path target, byte[] content, WriteHook hook) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // Short fixed-length name: a 255-byte target name must not make the temp name too long.
        // CREATE_NEW with default attributes keeps the umask's permissions (createTempFile would give 0600).
        Path tmp = dir.resolve(".t" + UUID.randomUUID().toString().replace("-", "") + TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                buf.limit(content.length / 2);
                writeFully(ch, buf);
                hook.midWrite(tmp, target);
                buf.limit(content.length);
                writeFully(ch, buf);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
        if (target.getFileName().toString().endsWith(".sh") && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            target.toFile().setExecutable(true, false);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** Makes a rename durable where the platform allows it (Linux, macOS); a no-op elsewhere. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open directories; the rename itself already happened.
        }
    }

    /**
     * Writes the files as a zip: entries sorted by path, fixed timestamps, fixed compression level,
     * so the same files give the same bytes (on the same JDK/zlib). Does not close {@code out}.
     */
    public static void toZip(List<Artifact> files, OutputStream out) {
        Objects.requireNonNull(out, "out");
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            for (Artifact a : files.stream().sorted(Comparator.comparing(Artifact::path)).toList()) {
                ZipEntry e = new ZipEntry(ArtifactPaths.normalize(a.path()));
                e.setTimeLocal(ZIP_TIME);
                zip.putNextEntry(e);
                zip.write(a.content());
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write zip: " + e, e);
        }
    }
}
