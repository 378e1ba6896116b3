package io.autonoma.core.artifact;

import io.autonoma.core.AutonomaException;

/** A path that could escape the project root or is not portable. Nothing was written. */
public class UnsafePathException extends AutonomaException {
    public UnsafePathException(String path, String why) {
        super("unsafe path '" + printable(path) + "': " + why + "; use a relative path like 'backend/app/main.py'");
    }

    private static String printable(String p) {
        return p == null ? "null" : p.replace("\0", "\\0");
    }
}
