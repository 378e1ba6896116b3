package io.autonoma.agents.backend.internal;

import io.autonoma.core.Sha256;
import java.util.List;

/**
 * Python source helpers: string literals that are safe for any input and laid out the way
 * {@code ruff format} would lay them out, so generated files pass {@code ruff format --check}.
 */
public final class Py {
    /** The generated project's {@code line-length}. */
    public static final int LINE_LENGTH = 100;
    /** PostgreSQL's identifier limit. */
    public static final int MAX_IDENTIFIER = 63;

    private Py() {}

    /**
     * A Python string literal for any Java string: quotes, backslashes, control characters,
     * line separators and lone surrogates are escaped. Uses single quotes only when the text has
     * more double than single quotes (what ruff format prefers).
     */
    public static String str(String s) {
        if (s == null) {
            return "None";
        }
        long doubles = s.chars().filter(c -> c == '"').count();
        long singles = s.chars().filter(c -> c == '\'').count();
        boolean single = doubles > singles;
        char q = single ? '\'' : '"';
        StringBuilder b = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == q) {
                        b.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else if (c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\ufeff') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c)) {
                        boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                                && Character.isLowSurrogate(s.charAt(i + 1));
                        if (pair) {
                            b.append(c).append(s.charAt(++i));
                        } else {
                            b.append(String.format("\\u%04x", (int) c));
                        }
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append(q).toString();
    }

    /** A TOML basic string (JSON-style escapes). */
    public static String toml(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * A call laid out as ruff format keeps it: on one line when it fits, else one argument per
     * line with a (magic) trailing comma. {@code head} ends with the opening bracket, {@code tail}
     * starts with the closing one.
     */
    public static String call(int indent, String head, List<String> args, String tail) {
        String pad = " ".repeat(indent);
        String one = pad + head + String.join(", ", args) + tail;
        if (one.length() <= LINE_LENGTH && one.indexOf('\n') < 0) {
            return one;
        }
        return exploded(indent, head, args, tail);
    }

    /** Always one argument per line with a trailing comma (stable under ruff format). */
    public static String exploded(int indent, String head, List<String> args, String tail) {
        String pad = " ".repeat(indent);
        StringBuilder b = new StringBuilder(pad).append(head).append('\n');
        for (String a : args) {
            b.append(pad).append("    ").append(a).append(",\n");
        }
        return b.append(pad).append(tail).toString();
    }

    /**
     * A class attribute {@code name: annotation = default} at indent 4 ({@code defaultValue} null: none). Too long
     * for a line, a union annotation goes in parentheses on a line of its own, as ruff format puts it.
     */
    public static String annotated(String name, String annotation, String defaultValue) {
        String tail = defaultValue == null ? "" : " = " + defaultValue;
        String one = "    " + name + ": " + annotation + tail;
        if (one.length() <= LINE_LENGTH || !annotation.contains(" | ")) {
            return one;
        }
        return "    " + name + ": (\n        " + annotation + "\n    )" + tail;
    }

    /** A tuple literal as ruff format writes it: {@code ()}, {@code ("a",)} or one item per line. */
    public static String tuple(int indent, List<String> items) {
        if (items.isEmpty()) {
            return "()";
        }
        if (items.size() == 1 && items.get(0).indexOf('\n') < 0) {
            return "(" + items.get(0) + ",)";
        }
        String pad = " ".repeat(indent);
        StringBuilder b = new StringBuilder("(\n");
        for (String i : items) {
            b.append(pad).append("    ").append(i).append(",\n");
        }
        return b.append(pad).append(')').toString();
    }

    /** Shortens identifiers over PostgreSQL's 63 characters exactly as the generated app's {@code bounded_name}. */
    public static String bounded(String name) {
        if (name.length() <= MAX_IDENTIFIER) {
            return name;
        }
        return name.substring(0, MAX_IDENTIFIER - 9) + "_" + Sha256.hex(name).substring(0, 8);
    }
}
