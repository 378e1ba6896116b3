package io.autonoma.agents.security.internal;

/**
 * One token of TypeScript/TSX source. Comments are not tokens. JSX is read as elements: a
 * {@link Kind#JSX_TAG} per opening tag (its name; "" for a fragment), a {@link Kind#JSX_ATTR} per
 * attribute name, {@link Kind#JSX_TEXT} for text between tags and {@link Kind#JSX_CLOSE} at the end
 * of each element; expressions in braces are tokens like any code.
 */
public record TsToken(Kind kind, String text, int line) {
    public enum Kind { IDENT, STRING, TEMPLATE, NUMBER, REGEX, PUNCT, JSX_TAG, JSX_ATTR, JSX_TEXT, JSX_CLOSE }

    public boolean is(Kind k, String s) {
        return kind == k && text.equals(s);
    }
}
