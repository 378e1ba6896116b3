package io.autonoma.core.artifact.internal;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.AutonomaException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Export helpers shared by every {@code ArtifactStore}. */
public final class Exports {
    /** 1980-01-01, the earliest zip time: fixed so that the same files give the same zip bytes. */
    private static final FileTime ZIP_TIME = FileTime.fromMillis(315532800000L + 86400000L);

    private Exports() {}

    public static int toDirectory(List<Artifact> files, Path directory) {
        try {
            Files.createDirectories(directory);
            Path root = directory.toRealPath();
            for (Artifact a : files) {
                Path target = ArtifactPaths.resolveInside(root, a.path());
                Files.createDirectories(target.getParent());
                if (Files.isSymbolicLink(target)) {
                    throw new AutonomaException("refusing to export over symbolic link " + target);
                }
                writeAtomically(target, a.content());
            }
            return files.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export to " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Writes to a temp file in the same directory, forces it to disk, then renames over the target. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                var buf = java.nio.ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && target.getFileName().toString().endsWith(".sh")) {
            target.toFile().setExecutable(true, false);
        }
    }

    public static void toZip(List<Artifact> files, OutputStream out) {
        try {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Artifact a : files.stream().sorted(java.util.Comparator.comparing(Artifact::path)).toList()) {
                ZipEntry e = new ZipEntry(a.path());
                e.setLastModifiedTime(ZIP_TIME);
                e.setCreationTime(ZIP_TIME);
                e.setLastAccessTime(ZIP_TIME);
                zip.putNextEntry(e);
                zip.write(a.content());
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write zip: " + e.getMessage(), e);
        }
    }
}
