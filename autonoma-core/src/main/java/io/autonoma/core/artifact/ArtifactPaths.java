package io.autonoma.core.artifact;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The one place that decides whether a project-relative path is safe. Every store and every
 * export goes through {@link #normalize(String)} or {@link #resolveInside(Path, String)}.
 */
public final class ArtifactPaths {
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final int MAX_LENGTH = 1024;

    private ArtifactPaths() {}

    /**
     * Returns the canonical form ('/'-separated, no "./" segments, no trailing '/') or throws
     * {@link UnsafePathException} for: null/blank, longer than 1024 chars, NUL or other control
     * characters, backslashes, absolute paths, drive letters ({@code C:}), {@code ..} segments,
     * empty segments ({@code a//b}) and the reserved {@code .autonoma} directory.
     */
    public static String normalize(String path) {
        if (path == null || path.isBlank()) throw new UnsafePathException(path, "path is empty");
        if (path.length() > MAX_LENGTH) throw new UnsafePathException(path.substring(0, 40) + "…", "path is longer than " + MAX_LENGTH + " characters");
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == 0) throw new UnsafePathException(path, "contains a NUL byte");
            if (c < 0x20 || c == 0x7f) throw new UnsafePathException(path, "contains a control character");
        }
        if (path.indexOf('\\') >= 0) throw new UnsafePathException(path, "contains a backslash");
        if (path.startsWith("/")) throw new UnsafePathException(path, "is absolute");
        if (DRIVE.matcher(path).matches()) throw new UnsafePathException(path, "starts with a drive letter");
        if (path.startsWith("~")) throw new UnsafePathException(path, "starts with '~'");
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        StringBuilder out = new StringBuilder();
        for (String seg : p.split("/", -1)) {
            if (seg.isEmpty()) throw new UnsafePathException(path, "has an empty segment");
            if (seg.equals(".")) continue;
            if (seg.equals("..")) throw new UnsafePathException(path, "contains '..'");
            if (seg.isBlank() || seg.endsWith(" ")) throw new UnsafePathException(path, "has a blank segment or one ending in a space");
            if (out.length() > 0) out.append('/');
            out.append(seg);
        }
        if (out.length() == 0) throw new UnsafePathException(path, "names no file");
        String n = out.toString();
        if (n.equals(".autonoma") || n.startsWith(".autonoma/")) throw new UnsafePathException(path, "'.autonoma' is reserved for the store");
        return n;
    }

    /**
     * Resolves a relative path under {@code root} (which must be a real path) and checks that no
     * existing component of the result is a symbolic link leading outside the root.
     */
    public static Path resolveInside(Path root, String path) {
        String n = normalize(path);
        Path target = root.resolve(n).normalize();
        if (!target.startsWith(root)) throw new UnsafePathException(path, "resolves outside the root");
        Path cur = root;
        for (Path part : root.relativize(target)) {
            cur = cur.resolve(part);
            if (Files.isSymbolicLink(cur)) {
                try {
                    Path real = cur.toRealPath();
                    if (!real.startsWith(root)) throw new UnsafePathException(path, "goes through a symbolic link that leaves the root");
                } catch (IOException e) {
                    throw new UnsafePathException(path, "goes through a dangling symbolic link");
                }
            }
        }
        return target;
    }
}
