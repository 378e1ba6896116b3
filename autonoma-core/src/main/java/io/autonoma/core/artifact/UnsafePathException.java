package io.autonoma.core.artifact;

import io.autonoma.core.AutonomaException;

/** A path that could escape the project root or is not portable. Nothing was written. */
public class UnsafePathException extends AutonomaException {
    public UnsafePathException(String path, String why) {
        super("unsafe path '" + printable(path) + "': " + why + "; use a relative path like 'backend/app/main.py'");
    }

    private static String printable(String p) {
        if (p == null) return "null";
        StringBuilder b = new StringBuilder(p.length());
        for (char c : p.toCharArray()) {
            if (c == 0) b.append("\\0");
            else if (Character.isISOControl(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
