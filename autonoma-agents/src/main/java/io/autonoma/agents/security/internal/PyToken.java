package io.autonoma.agents.security.internal;

/**
 * One token of Python source. Comments are not tokens; a {@link Kind#STRING} holds the whole
 * literal (prefix and quotes included; an f-string with its replacement fields); NEWLINE ends a
 * logical line, INDENT and DEDENT follow the indentation of logical lines as Python's do.
 */
public record PyToken(Kind kind, String text, int line) {
    public enum Kind { NAME, NUMBER, STRING, OP, NEWLINE, INDENT, DEDENT, END }

    /** A name or operator spelled {@code s} (a string or number never is). */
    public boolean is(String s) {
        return (kind == Kind.NAME || kind == Kind.OP) && text.equals(s);
    }

    /** The characters between the quotes of a string literal, escapes not processed; "" for other tokens. */
    public String stringValue() {
        if (kind != Kind.STRING) {
            return "";
        }
        int start = 0;
        while (Character.isLetter(text.charAt(start))) {
            start++;
        }
        boolean triple = text.startsWith("\"\"\"", start) || text.startsWith("'''", start);
        int q = triple ? 3 : 1;
        return text.substring(start + q, text.length() - q);
    }
}
