package io.autonoma.core.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one place that decides whether a project-relative path (and a project id) is safe. Every
 * store and every export goes through {@link #normalize(String)} or {@link #resolveInside(Path, String)}.
 *
 * <p>All methods are static and thread-safe. None returns null.
 */
public final class ArtifactPaths {
    /** Longest accepted path, in chars, before normalisation. */
    public static final int MAX_LENGTH = 1024;
    /** Longest accepted segment, in UTF-8 bytes (NAME_MAX on Linux and macOS). */
    public static final int MAX_SEGMENT_BYTES = 255;
    /** Directory name reserved for store metadata at the top of a project. Rejected case-insensitively. */
    public static final String RESERVED_DIR = ".autonoma";

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    private static final Pattern PROJECT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private ArtifactPaths() {}

    /**
     * Returns the canonical form ('/'-separated, no "./" segments, no trailing '/') or throws
     * {@link UnsafePathException} for: null/blank, longer than {@value #MAX_LENGTH} chars, a
     * segment longer than {@value #MAX_SEGMENT_BYTES} UTF-8 bytes, NUL, control characters
     * (C0, DEL, C1), invisible format characters (zero-width, bidi overrides), line/paragraph
     * separators and lone surrogates, backslashes, absolute paths, drive letters ({@code C:}),
     * a leading {@code ~}, {@code ..} segments anywhere, empty segments ({@code a//b}), blank
     * segments or segments ending in a space, a path made only of {@code .} segments, and the
     * reserved {@code .autonoma} top-level directory (in any letter case). Non-ASCII letters
     * are fine ({@code docs/résumé.md}).
     */
    public static String normalize(String path) {
        if (path == null || path.isBlank()) throw new UnsafePathException(path, "path is empty");
        if (path.length() > MAX_LENGTH) {
            throw new UnsafePathException(path.substring(0, 40) + "…", "path is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < path.length(); ) {
            int cp = path.codePointAt(i);
            if (cp == 0) throw new UnsafePathException(path, "contains a NUL byte");
            switch (Character.getType(cp)) {
                case Character.CONTROL:
                    throw new UnsafePathException(path, "contains a control character (U+" + hex(cp) + ")");
                case Character.FORMAT:
                case Character.LINE_SEPARATOR:
                case Character.PARAGRAPH_SEPARATOR:
                    throw new UnsafePathException(path, "contains an invisible character (U+" + hex(cp) + ")");
                case Character.SURROGATE:
                    throw new UnsafePathException(path, "contains a lone UTF-16 surrogate");
                default:
                    break;
            }
            i += Character.charCount(cp);
        }
        if (path.indexOf('\\') >= 0) throw new UnsafePathException(path, "contains a backslash");
        if (path.startsWith("/")) throw new UnsafePathException(path, "is absolute");
        if (DRIVE.matcher(path).matches()) throw new UnsafePathException(path, "starts with a drive letter");
        if (path.startsWith("~")) throw new UnsafePathException(path, "starts with '~'");
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        StringBuilder out = new StringBuilder(p.length());
        for (String seg : p.split("/", -1)) {
            if (seg.isEmpty()) throw new UnsafePathException(path, "has an empty segment");
            if (seg.equals(".")) continue;
            if (seg.equals("..")) throw new UnsafePathException(path, "contains '..'");
            if (seg.isBlank() || seg.endsWith(" ")) throw new UnsafePathException(path, "has a blank segment or one ending in a space");
            if (seg.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                throw new UnsafePathException(path, "has a segment longer than " + MAX_SEGMENT_BYTES + " bytes");
            }
            if (out.length() > 0) out.append('/');
            out.append(seg);
        }
        if (out.length() == 0) throw new UnsafePathException(path, "names no file");
        String n = out.toString();
        String first = n.indexOf('/') < 0 ? n : n.substring(0, n.indexOf('/'));
        if (first.toLowerCase(Locale.ROOT).equals(RESERVED_DIR)) {
            throw new UnsafePathException(path, "'" + RESERVED_DIR + "' is reserved for the store");
        }
        return n;
    }

    /** True when {@code projectId} is valid for a project (stores, {@code GenerationRequest}): 1-128 of {@code [A-Za-z0-9._-]}, starting with a letter or digit, no {@code ..}. */
    public static boolean isValidProjectId(String projectId) {
        return projectId != null && PROJECT_ID.matcher(projectId).matches() && !projectId.contains("..");
    }

    /**
     * Returns {@code projectId} unchanged or throws {@link IllegalArgumentException} (also for null)
     * saying what a valid id looks like.
     */
    public static String requireValidProjectId(String projectId) {
        if (!isValidProjectId(projectId)) {
            throw new IllegalArgumentException("project id '" + projectId
                    + "' must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit, without '..'");
        }
        return projectId;
    }

    /**
     * Resolves a relative path under {@code root} and checks that no existing component of the
     * result is a symbolic link leading outside the root (or dangling). The root itself may be a
     * symbolic link; it need not exist yet. Returns the absolute, normalised target under
     * {@code root}; throws {@link UnsafePathException} for unsafe paths and escapes.
     *
     * <p>This is a check, not a lock: a process that can replace directories under the root
     * between this check and the write can still redirect it. Stores assume the root is not
     * writable by hostile processes.
     */
    public static Path resolveInside(Path root, String path) {
        String n = normalize(path);
        Path base = root.toAbsolutePath().normalize();
        Path target;
        try {
            target = base.resolve(n).normalize();
        } catch (InvalidPathException e) {
            throw new UnsafePathException(path, "cannot be represented on this file system (" + e.getReason() + ")");
        }
        if (!target.startsWith(base) || target.equals(base)) throw new UnsafePathException(path, "resolves outside the root");
        Path realRoot = realOrSelf(base);
        Path cur = base;
        for (Path part : base.relativize(target)) {
            cur = cur.resolve(part);
            if (Files.isSymbolicLink(cur)) {
                Path real;
                try {
                    real = cur.toRealPath();
                } catch (IOException e) {
                    throw new UnsafePathException(path, "goes through a dangling symbolic link");
                }
                if (!real.startsWith(realRoot)) throw new UnsafePathException(path, "goes through a symbolic link that leaves the root");
            }
        }
        return target;
    }

    private static Path realOrSelf(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private static String hex(int cp) {
        return String.format(Locale.ROOT, "%04X", cp);
    }
}
