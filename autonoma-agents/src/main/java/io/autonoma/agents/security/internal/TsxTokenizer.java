package io.autonoma.agents.security.internal;

import io.autonoma.agents.security.internal.TsToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Splits TypeScript (and, with {@code jsx}, TSX) into {@link TsToken}s: comments dropped; strings,
 * template literals (with nested {@code ${...}}), regular expression literals and numbers as single
 * tokens; brackets checked; JSX elements read with their attributes, text (an apostrophe in
 * "Don't" is text, not a quote) and nested expressions. A {@code <} starts JSX only where an
 * expression may start ({@code return <p/>}, {@code (<p/>)}, {@code ? <a/> : <b/>}), never after an
 * operand ({@code a < b}, {@code useState<string>()}), and {@code <T,>} is a type parameter list.
 *
 * <p>What it cannot read throws {@link UnreadableSourceException}.
 */
public final class TsxTokenizer {
    /** Keywords after which an expression (so a regex or JSX) may start. */
    private static final Set<String> EXPRESSION_KEYWORDS = Set.of("return", "typeof", "case", "do", "else", "in", "of", "new",
            "delete", "void", "throw", "yield", "await", "instanceof", "default", "extends");
    /** Punctuation after which an expression may start. */
    private static final String EXPRESSION_PUNCT = "([{,;=:?!&|+-*%^~<>";

    private final String src;
    private final boolean jsx;
    private final List<TsToken> out = new ArrayList<>();
    private int pos;
    private int line = 1;
    private TsToken last;

    private TsxTokenizer(String src, boolean jsx) {
        this.src = src;
        this.jsx = jsx;
    }

    public static List<TsToken> tokenize(String source, boolean jsx) throws UnreadableSourceException {
        TsxTokenizer t = new TsxTokenizer(source, jsx);
        t.code(false);
        return List.copyOf(t.out);
    }

    private void emit(Kind kind, String text, int at) {
        last = new TsToken(kind, text, at);
        out.add(last);
    }

    private boolean expressionPosition() {
        if (last == null) {
            return true;
        }
        return switch (last.kind()) {
            case PUNCT -> EXPRESSION_PUNCT.contains(last.text());
            case IDENT -> EXPRESSION_KEYWORDS.contains(last.text());
            case JSX_TAG, JSX_ATTR, JSX_TEXT -> true;
            default -> false;
        };
    }

    /** Code until the end, or (with {@code untilBrace}) until the '}' that closes an already consumed '{'. */
    private void code(boolean untilBrace) throws UnreadableSourceException {
        Deque<int[]> open = new ArrayDeque<>(); // {char, line}
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                if (untilBrace) {
                    throw new UnreadableSourceException(line, "a '{' is never closed");
                }
                if (!open.isEmpty()) {
                    throw new UnreadableSourceException(open.peek()[1], "'" + (char) open.peek()[0] + "' is never closed");
                }
                return;
            }
            char c = src.charAt(pos);
            int at = line;
            if (c == '"' || c == '\'') {
                int start = pos;
                quoted(c);
                emit(Kind.STRING, src.substring(start, pos), at);
            } else if (c == '`') {
                template(at);
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '.'
                        || (src.charAt(pos) == '+' || src.charAt(pos) == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E'))) {
                    pos++;
                }
                emit(Kind.NUMBER, src.substring(start, pos), at);
            } else if (identifierStart(c)) {
                int start = pos;
                while (pos < src.length() && identifierPart(src.charAt(pos))) {
                    pos++;
                }
                emit(Kind.IDENT, src.substring(start, pos), at);
            } else if (c == '(' || c == '[' || c == '{') {
                open.push(new int[] {c, line});
                pos++;
                emit(Kind.PUNCT, String.valueOf(c), at);
            } else if (c == ')' || c == ']' || c == '}') {
                if (c == '}' && untilBrace && open.isEmpty()) {
                    pos++;
                    return;
                }
                char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (open.isEmpty() || open.peek()[0] != expected) {
                    throw new UnreadableSourceException(line, "'" + c + "' closes no '" + expected + "'");
                }
                open.pop();
                pos++;
                emit(Kind.PUNCT, String.valueOf(c), at);
            } else if (c == '/' && expressionPosition()) {
                regex(at);
            } else if (c == '<' && jsx && expressionPosition() && jsxStartsHere()) {
                element();
                last = new TsToken(Kind.JSX_CLOSE, "", line); // an element is an operand
            } else {
                pos++;
                emit(Kind.PUNCT, String.valueOf(c), at);
            }
        }
    }

    private static boolean identifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || c > 127 && Character.isUnicodeIdentifierStart(c);
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127 && Character.isUnicodeIdentifierPart(c);
    }

    private void skipSpaceAndComments() throws UnreadableSourceException {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new UnreadableSourceException(line, "a comment is never closed");
                }
                countLines(pos, end + 2);
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
    }

    /** Skips a backslash and the character it escapes (a line break too, which then counts). */
    private void skipEscape() {
        if (pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
            line++;
        }
        pos += 2;
    }

    /** A '...' or "..." string (escapes honoured, no raw line break). */
    private void quoted(char q) throws UnreadableSourceException {
        int at = line;
        pos++;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw new UnreadableSourceException(at, "a string is never closed on its line");
            }
            char c = src.charAt(pos);
            if (c == '\\') {
                skipEscape();
            } else {
                pos++;
                if (c == q) {
                    return;
                }
            }
        }
    }

    private void template(int at) throws UnreadableSourceException {
        int start = pos;
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw new UnreadableSourceException(at, "a template literal is never closed");
            }
            char c = src.charAt(pos);
            if (c == '\\') {
                skipEscape();
            } else if (c == '`') {
                pos++;
                emit(Kind.TEMPLATE, src.substring(start, pos), at);
                return;
            } else if (src.startsWith("${", pos)) {
                pos += 2;
                TsToken saved = last;
                last = null;
                code(true);
                last = saved;
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
    }

    private void regex(int at) throws UnreadableSourceException {
        int start = pos;
        pos++;
        boolean inClass = false;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw new UnreadableSourceException(at, "a regular expression is never closed on its line");
            }
            char c = src.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            pos++;
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                break;
            }
        }
        while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
            pos++;
        }
        emit(Kind.REGEX, src.substring(start, pos), at);
    }

    /** At '<': an element or fragment follows (not a type parameter list such as {@code <T,>} or {@code <T extends X>}). */
    private boolean jsxStartsHere() {
        int p = pos + 1;
        if (p < src.length() && src.charAt(p) == '>') {
            return true;
        }
        if (p >= src.length() || !identifierStart(src.charAt(p))) {
            return false;
        }
        while (p < src.length() && (identifierPart(src.charAt(p)) || src.charAt(p) == '.' || src.charAt(p) == '-' || src.charAt(p) == ':')) {
            p++;
        }
        while (p < src.length() && Character.isWhitespace(src.charAt(p))) {
            p++;
        }
        return !(p < src.length() && src.charAt(p) == ',') && !src.startsWith("extends ", p);
    }

    /** A JSX element or fragment from its '<' to the end of its closing tag. */
    private void element() throws UnreadableSourceException {
        int at = line;
        pos++;
        String name = tagName();
        emit(Kind.JSX_TAG, name, at);
        if (name.isEmpty()) {
            pos++; // the '>' of "<>"
            children(name, at);
            return;
        }
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                throw new UnreadableSourceException(at, "the tag <" + name + "> is never closed");
            }
            char c = src.charAt(pos);
            if (src.startsWith("/>", pos)) {
                pos += 2;
                emit(Kind.JSX_CLOSE, name, line);
                return;
            } else if (c == '>') {
                pos++;
                children(name, at);
                return;
            } else if (c == '{') {
                pos++; // a spread attribute: {...props}
                expressionInBraces();
            } else if (identifierStart(c)) {
                int start = pos;
                while (pos < src.length() && (identifierPart(src.charAt(pos)) || src.charAt(pos) == '-' || src.charAt(pos) == ':')) {
                    pos++;
                }
                emit(Kind.JSX_ATTR, src.substring(start, pos), line);
                skipSpaceAndComments();
                if (pos < src.length() && src.charAt(pos) == '=') {
                    pos++;
                    skipSpaceAndComments();
                    attributeValue(name);
                }
            } else {
                throw new UnreadableSourceException(line, "unexpected '" + c + "' in the tag <" + name + ">");
            }
        }
    }

    private String tagName() {
        int start = pos;
        while (pos < src.length() && (identifierPart(src.charAt(pos)) || src.charAt(pos) == '.' || src.charAt(pos) == '-'
                || src.charAt(pos) == ':')) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private void attributeValue(String tag) throws UnreadableSourceException {
        char c = pos < src.length() ? src.charAt(pos) : 0;
        int at = line;
        if (c == '"' || c == '\'') {
            // JSX attribute strings have no escapes and may span lines
            int end = src.indexOf(c, pos + 1);
            if (end < 0) {
                throw new UnreadableSourceException(at, "an attribute value of <" + tag + "> is never closed");
            }
            countLines(pos, end);
            emit(Kind.STRING, src.substring(pos, end + 1), at);
            pos = end + 1;
        } else if (c == '{') {
            pos++;
            expressionInBraces();
        } else if (c == '<') {
            element();
        } else {
            throw new UnreadableSourceException(at, "an attribute of <" + tag + "> without a value after '='");
        }
    }

    /** Code after a consumed '{' up to and including its '}', read as a fresh expression. */
    private void expressionInBraces() throws UnreadableSourceException {
        TsToken saved = last;
        last = null;
        code(true);
        last = saved;
    }

    private void children(String name, int at) throws UnreadableSourceException {
        while (true) {
            if (pos >= src.length()) {
                throw new UnreadableSourceException(at, "<" + name + "> is never closed");
            }
            if (src.startsWith("</", pos)) {
                pos += 2;
                skipSpaceAndComments();
                String closing = tagName();
                skipSpaceAndComments();
                if (!closing.equals(name) || pos >= src.length() || src.charAt(pos) != '>') {
                    throw new UnreadableSourceException(line, "</" + closing + "> does not close <" + name + "> of line " + at);
                }
                pos++;
                emit(Kind.JSX_CLOSE, name, line);
                return;
            }
            char c = src.charAt(pos);
            if (c == '<') {
                element();
            } else if (c == '{') {
                pos++;
                expressionInBraces();
            } else {
                int start = pos;
                int textLine = line;
                while (pos < src.length() && src.charAt(pos) != '<' && src.charAt(pos) != '{') {
                    if (src.charAt(pos) == '\n') {
                        line++;
                    }
                    pos++;
                }
                String text = src.substring(start, pos).strip();
                if (!text.isEmpty()) {
                    emit(Kind.JSX_TEXT, text, textLine);
                }
            }
        }
    }
}
