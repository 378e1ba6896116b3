package io.autonoma.agents.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads Dockerfile instructions: comments and blank lines dropped, backslash continuations joined. */
public final class Dockerfiles {
    /** One instruction: keyword in upper case, the rest as written. */
    public record Instruction(String keyword, String arguments, int line) {}

    private Dockerfiles() {}

    public static List<Instruction> instructions(String text) {
        List<Instruction> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            String trimmed = l.strip();
            if (current == null && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (current != null && trimmed.startsWith("#")) {
                continue; // a comment line inside a continued instruction
            }
            if (current == null) {
                current = new StringBuilder();
                start = i + 1;
            }
            boolean continued = trimmed.endsWith("\\");
            current.append(continued ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continued) {
                add(out, current.toString().strip(), start);
                current = null;
            }
        }
        if (current != null) {
            add(out, current.toString().strip(), start);
        }
        return out;
    }

    private static void add(List<Instruction> out, String text, int line) {
        int space = text.indexOf(' ');
        String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        out.add(new Instruction(keyword, space < 0 ? "" : text.substring(space + 1).strip(), line));
    }

    /**
     * The user the final stage runs as: the last USER after the last FROM, or empty when the final
     * stage sets none (then it is the base image's, root for the usual ones).
     */
    public static Optional<String> finalUser(String text) {
        String user = null;
        for (Instruction i : instructions(text)) {
            if (i.keyword().equals("FROM")) {
                user = null;
            } else if (i.keyword().equals("USER")) {
                user = i.arguments().split("\\s+")[0];
            }
        }
        return Optional.ofNullable(user);
    }

    /** Whether a USER value means root: root or uid 0, with or without a group; a variable cannot be known. */
    public static boolean runsAsRoot(Optional<String> user) {
        if (user.isEmpty()) {
            return true;
        }
        String name = user.get().split(":")[0];
        return name.equals("root") || name.matches("0+") || name.contains("$");
    }
}
