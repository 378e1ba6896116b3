package io.autonoma.agents.security.internal;

import io.autonoma.agents.security.internal.PyToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Splits Python 3 source into {@link PyToken}s the way Python's own tokenizer does for what the
 * security review needs: comments dropped; strings of every form (prefixes, triple quotes, escapes,
 * f-strings whose replacement fields hold brackets or strings of their own); brackets balanced
 * (newlines inside them join lines); backslash continuations; INDENT and DEDENT. Pure Java, no
 * native parser: the offline engine carries none.
 *
 * <p>Anything it cannot read (an unclosed string or bracket, a closing bracket that does not match,
 * inconsistent dedent, a stray character) throws {@link UnreadableSourceException}: the review never
 * guesses past what it did not understand.
 */
public final class PythonTokenizer {
    private static final Set<String> STRING_PREFIXES = Set.of("r", "u", "b", "f", "br", "rb", "fr", "rf");
    private static final String[] OPERATORS = {
            "**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>",
            "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
            "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "=", ".", ",", ":", ";", "!"};

    private final String src;
    private final List<PyToken> out = new ArrayList<>();
    private final Deque<int[]> brackets = new ArrayDeque<>(); // {char, line}
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int pos;
    private int line = 1;

    private PythonTokenizer(String src) {
        this.src = src;
        indents.push(0);
    }

    /** The tokens of {@code source}, ending with NEWLINE (if there was any code), DEDENTs and END. */
    public static List<PyToken> tokenize(String source) throws UnreadableSourceException {
        PythonTokenizer t = new PythonTokenizer(source.startsWith("\ufeff") ? source.substring(1) : source);
        t.run();
        return List.copyOf(t.out);
    }

    private void run() throws UnreadableSourceException {
        boolean lineStart = true;
        while (pos < src.length()) {
            if (lineStart && brackets.isEmpty()) {
                if (!indentation()) {
                    continue; // blank or comment-only line: skipped whole
                }
                lineStart = false;
            }
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                skipComment();
            } else if (c == '\\' && isNewlineAt(pos + 1)) {
                pos++;
                newline(); // an explicit continuation joins the lines
            } else if (c == '\\') {
                throw new UnreadableSourceException(line, "a backslash outside a string that does not end the line");
            } else if (c == '\n' || c == '\r') {
                newline();
                if (brackets.isEmpty()) {
                    if (!out.isEmpty() && out.get(out.size() - 1).kind() != Kind.NEWLINE) {
                        out.add(new PyToken(Kind.NEWLINE, "", line - 1));
                    }
                    lineStart = true;
                }
            } else if (Character.isLetter(c) || c == '_' || c > 127 && Character.isUnicodeIdentifierStart(c)) {
                name();
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                number();
            } else if (c == '"' || c == '\'') {
                string(pos, "");
            } else if (c == '(' || c == '[' || c == '{') {
                brackets.push(new int[] {c, line});
                out.add(new PyToken(Kind.OP, String.valueOf(c), line));
                pos++;
            } else if (c == ')' || c == ']' || c == '}') {
                closeBracket(c);
            } else {
                operator();
            }
        }
        if (!brackets.isEmpty()) {
            int[] open = brackets.peek();
            throw new UnreadableSourceException(open[1], "'" + (char) open[0] + "' is never closed");
        }
        if (!out.isEmpty() && out.get(out.size() - 1).kind() != Kind.NEWLINE) {
            out.add(new PyToken(Kind.NEWLINE, "", line));
        }
        while (indents.size() > 1) {
            indents.pop();
            out.add(new PyToken(Kind.DEDENT, "", line));
        }
        out.add(new PyToken(Kind.END, "", line));
    }

    /** At the start of a line outside brackets: INDENT/DEDENT tokens; false for a blank or comment-only line. */
    private boolean indentation() throws UnreadableSourceException {
        int width = 0;
        int p = pos;
        for (; p < src.length(); p++) {
            char c = src.charAt(p);
            if (c == ' ') {
                width++;
            } else if (c == '\t') {
                width = (width / 8 + 1) * 8;
            } else if (c != '\f') {
                break;
            }
        }
        pos = p;
        if (p >= src.length() || src.charAt(p) == '#' || isNewlineAt(p) || src.charAt(p) == '\\' && isNewlineAt(p + 1)) {
            if (p < src.length() && src.charAt(p) == '#') {
                skipComment();
            }
            if (pos < src.length() && src.charAt(pos) == '\\') {
                pos++;
            }
            if (pos < src.length()) {
                newline();
            }
            return false;
        }
        if (width > indents.peek()) {
            indents.push(width);
            out.add(new PyToken(Kind.INDENT, "", line));
        } else {
            while (width < indents.peek()) {
                indents.pop();
                out.add(new PyToken(Kind.DEDENT, "", line));
            }
            if (width != indents.peek()) {
                throw new UnreadableSourceException(line, "the indentation matches no outer block");
            }
        }
        return true;
    }

    private boolean isNewlineAt(int p) {
        return p < src.length() && (src.charAt(p) == '\n' || src.charAt(p) == '\r');
    }

    /** Consumes one line break (\n, \r\n or \r) at pos. */
    private void newline() {
        if (src.charAt(pos) == '\r' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
            pos++;
        }
        pos++;
        line++;
    }

    private void skipComment() {
        while (pos < src.length() && !isNewlineAt(pos)) {
            pos++;
        }
    }

    private void name() throws UnreadableSourceException {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_'
                || src.charAt(pos) > 127 && Character.isUnicodeIdentifierPart(src.charAt(pos)))) {
            pos++;
        }
        String word = src.substring(start, pos);
        if (pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '\'')
                && STRING_PREFIXES.contains(word.toLowerCase(java.util.Locale.ROOT))) {
            string(start, word.toLowerCase(java.util.Locale.ROOT));
            return;
        }
        out.add(new PyToken(Kind.NAME, word, line));
    }

    private void number() {
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            char prev = src.charAt(pos - 1 < start ? start : pos - 1);
            boolean exponentSign = (c == '+' || c == '-') && pos > start && (prev == 'e' || prev == 'E')
                    && !src.substring(start, pos).toLowerCase(java.util.Locale.ROOT).startsWith("0x");
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        out.add(new PyToken(Kind.NUMBER, src.substring(start, pos), line));
    }

    /** A string literal whose prefix starts at {@code start} and whose opening quote is at pos. */
    private void string(int start, String prefix) throws UnreadableSourceException {
        int firstLine = line;
        pos = scanString(pos, prefix.contains("r"), prefix.contains("f"));
        out.add(new PyToken(Kind.STRING, src.substring(start, pos), firstLine));
    }

    /** Scans the string whose opening quote is at {@code p}; returns the index after its closing quote. */
    private int scanString(int p, boolean raw, boolean format) throws UnreadableSourceException {
        char q = src.charAt(p);
        boolean triple = src.startsWith(String.valueOf(q).repeat(3), p);
        int openLine = line;
        p += triple ? 3 : 1;
        while (true) {
            if (p >= src.length()) {
                throw new UnreadableSourceException(openLine, "a string is never closed");
            }
            char c = src.charAt(p);
            if (c == '\\') {
                if (p + 1 < src.length() && isNewlineAt(p + 1)) {
                    pos = p + 1;
                    newline();
                    p = pos;
                } else {
                    p += 2; // an escape, in raw strings too as far as finding the end is concerned
                }
            } else if (c == q && (!triple || src.startsWith(String.valueOf(q).repeat(3), p))) {
                return p + (triple ? 3 : 1);
            } else if (isNewlineAt(p)) {
                if (!triple) {
                    throw new UnreadableSourceException(openLine, "a string is never closed on its line");
                }
                pos = p;
                newline();
                p = pos;
            } else if (format && c == '{') {
                p = src.startsWith("{{", p) ? p + 2 : replacementField(p + 1);
            } else {
                p++;
            }
        }
    }

    /** Skips an f-string replacement field from just after its '{' to just after its '}'. */
    private int replacementField(int p) throws UnreadableSourceException {
        int depth = 0;
        int openLine = line;
        while (p < src.length()) {
            char c = src.charAt(p);
            if (c == '"' || c == '\'') {
                p = scanString(p, false, false);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
                p++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    if (c != '}') {
                        throw new UnreadableSourceException(line, "'" + c + "' in an f-string field that is not open");
                    }
                    return p + 1;
                }
                depth--;
                p++;
            } else if (isNewlineAt(p)) {
                pos = p;
                newline();
                p = pos;
            } else {
                p++;
            }
        }
        throw new UnreadableSourceException(openLine, "an f-string field is never closed");
    }

    private void closeBracket(char c) throws UnreadableSourceException {
        char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (brackets.isEmpty()) {
            throw new UnreadableSourceException(line, "'" + c + "' closes nothing");
        }
        int[] open = brackets.pop();
        if (open[0] != expected) {
            throw new UnreadableSourceException(line, "'" + c + "' does not close the '" + (char) open[0] + "' of line " + open[1]);
        }
        out.add(new PyToken(Kind.OP, String.valueOf(c), line));
        pos++;
    }

    private void operator() throws UnreadableSourceException {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                out.add(new PyToken(Kind.OP, op, line));
                pos += op.length();
                return;
            }
        }
        throw new UnreadableSourceException(line, "unexpected character '" + src.charAt(pos) + "'");
    }
}
