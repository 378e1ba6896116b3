package io.autonoma.agents.deploy.internal;

import io.autonoma.agents.naming.Naming;
import java.util.Locale;

/**
 * Escaping of free spec text (app name, description) for the places the deployment pack puts it:
 * YAML double-quoted scalars, docker-compose values (which also interpolate {@code $}), YAML/shell/
 * Dockerfile comments and markdown. Resource names never use free text: they use {@link #slug}.
 */
public final class Text {
    /** Longest slug: leaves room for suffixes such as {@code -frontend} within Kubernetes' 63-character names. */
    public static final int MAX_SLUG = 40;

    private Text() {}

    /**
     * The app's resource-name slug: {@code Naming.kebab(name)} reduced to a DNS-1035 label
     * (lower-case ASCII letters, digits and '-', starting with a letter, at most {@value #MAX_SLUG} chars).
     * A name that yields nothing usable becomes {@code app}.
     */
    public static String slug(String name) {
        String k = Naming.kebab(name == null ? "" : name).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder();
        for (char c : k.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (ok) {
                b.append(c);
            } else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') {
                b.append('-');
            }
        }
        String s = b.toString();
        if (!s.isEmpty() && !(s.charAt(0) >= 'a' && s.charAt(0) <= 'z')) s = "app-" + s;
        if (s.length() > MAX_SLUG) s = s.substring(0, MAX_SLUG);
        while (s.endsWith("-")) s = s.substring(0, s.length() - 1);
        return s.isEmpty() ? "app" : s;
    }

    /** The slug with '_' instead of '-': a safe PostgreSQL user and database name. */
    public static String snakeSlug(String slug) {
        return slug.replace('-', '_');
    }

    /** A YAML double-quoted scalar, quotes included: safe for any input (newlines, '#', ':', quotes, control characters). */
    public static String yaml(String s) {
        String v = s == null ? "" : s;
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                            || c == '\ufeff' || (Character.isSurrogate(c) && !validSurrogate(v, i))) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean validSurrogate(String v, int i) {
        char c = v.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(v.charAt(i - 1));
    }

    /** A YAML double-quoted scalar for docker-compose, where {@code $} starts an interpolation and must be doubled. */
    public static String compose(String s) {
        return yaml(s == null ? "" : s.replace("$", "$$"));
    }

    /**
     * One line of plain text for a comment ({@code # ...}) in YAML, Dockerfiles, shell or .env files:
     * line breaks and control characters become spaces, {@code ${{ }}} and mustache braces are defused,
     * at most {@code max} characters.
     */
    public static String line(String s, int max) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        String out = b.toString().replace("{{", "{ {").replace("}}", "} }").replaceAll(" {2,}", " ").strip();
        if (out.length() > max) out = out.substring(0, max - 3).strip() + "...";
        // A trailing backslash would continue a Dockerfile comment line onto the next instruction.
        while (out.endsWith("\\")) out = out.substring(0, out.length() - 1);
        return out;
    }

    /** Markdown-safe single line: no HTML, no line breaks, no table pipes, no code spans. */
    public static String md(String s) {
        String out = line(s, 4000).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|").replace("`", "'");
        // A leading '#', '-', '+', '*', '=' or "1." would turn the line into a heading, list or rule.
        if (out.matches("^[#+*=-].*")) return "\\" + out;
        return out.replaceFirst("^(\\d+)([.)])", "$1\\\\$2");
    }
}
