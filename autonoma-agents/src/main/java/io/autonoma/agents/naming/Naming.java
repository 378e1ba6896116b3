package io.autonoma.agents.naming;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names derived from AppSpec identifiers, shared by every template pack so that backend routes,
 * frontend routes and tests agree (see docs/generated-app-contract.md).
 */
public final class Naming {
    private static final Set<String> INVARIANT = Set.of("series", "species", "news", "data", "equipment", "information", "staff");

    private Naming() {}

    /** Splits {@code PurchaseOrder}, {@code purchase_order}, {@code purchase-order} or {@code purchase order} into lower-case words. */
    public static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(cur, out);
                continue;
            }
            boolean boundary = Character.isUpperCase(c) && cur.length() > 0
                    && (Character.isLowerCase(s.charAt(i - 1)) || Character.isDigit(s.charAt(i - 1))
                    || (i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1))));
            if (boundary) {
                flush(cur, out);
            }
            cur.append(Character.toLowerCase(c));
        }
        flush(cur, out);
        return out;
    }

    private static void flush(StringBuilder cur, List<String> out) {
        if (cur.length() > 0) {
            out.add(cur.toString());
            cur.setLength(0);
        }
    }

    public static String snake(String s) {
        return String.join("_", words(s));
    }

    public static String kebab(String s) {
        return String.join("-", words(s));
    }

    public static String pascal(String s) {
        StringBuilder b = new StringBuilder();
        for (String w : words(s)) {
            b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }

    public static String camel(String s) {
        String p = pascal(s);
        return p.isEmpty() ? p : Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }

    /** "PurchaseOrder" → "Purchase order"; "phone_number" → "Phone number". */
    public static String label(String s) {
        String joined = String.join(" ", words(s));
        return joined.isEmpty() ? joined : Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
    }

    /** Plural of an English word (lower case in, lower case out); only the last word of a phrase changes. */
    public static String plural(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.isEmpty() || INVARIANT.contains(w)) return w;
        if (w.endsWith("y") && w.length() > 1 && !isVowel(w.charAt(w.length() - 2))) return w.substring(0, w.length() - 1) + "ies";
        if (w.endsWith("s") || w.endsWith("x") || w.endsWith("z") || w.endsWith("ch") || w.endsWith("sh")) return w + "es";
        return w + "s";
    }

    /** Plural of a multi-word name in snake form: "purchase_order" → "purchase_orders". */
    public static String pluralSnake(String name) {
        List<String> w = new ArrayList<>(words(name));
        if (w.isEmpty()) return "";
        w.set(w.size() - 1, plural(w.get(w.size() - 1)));
        return String.join("_", w);
    }

    public static String pluralKebab(String name) {
        return pluralSnake(name).replace('_', '-');
    }

    public static String pluralPascal(String name) {
        return pascal(pluralSnake(name));
    }

    public static String pluralLabel(String name) {
        return label(pluralSnake(name));
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }
}
