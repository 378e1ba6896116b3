package io.autonoma.agents.frontend.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;

/** Escaping of spec text for TypeScript / JavaScript source. */
public final class Ts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Ts() {}

    /**
     * A double-quoted TS string literal of {@code s}: quotes, backslashes and control characters
     * escaped (JSON rules), plus U+2028/U+2029 so the literal is valid in every JS engine.
     */
    public static String string(String s) {
        try {
            return JSON.writeValueAsString(s == null ? "" : s).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text safe inside a {@code /** ... *}{@code /} comment on one line. */
    public static String comment(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("*/", "*\\/").replaceAll("[ \\t]*[\\r\\n\\u2028\\u2029]+[ \\t\\r\\n\\u2028\\u2029]*", " ").strip();
    }

    /** A number literal without exponent or trailing zeros ({@code 0}, {@code 12.5}, {@code -3}). */
    public static String number(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
