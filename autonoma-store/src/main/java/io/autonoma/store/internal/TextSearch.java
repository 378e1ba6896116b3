package io.autonoma.store.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Prepares text for PostgreSQL full-text search: camelCase and snake/kebab words split, so {@code LoginForm} also matches "login form". */
public final class TextSearch {
    private TextSearch() {}

    /** The text with word boundaries made explicit (what {@code to_tsvector} sees). */
    public static String words(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String split = text.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
        return (text + " " + split.replaceAll("[^\\p{L}\\p{N}]+", " ")).replace('\0', ' ');
    }

    /** An OR {@code to_tsquery} expression of the query's words (ASCII letters/digits only, so it is always valid); empty if none. */
    public static String orQuery(String query) {
        Set<String> terms = new LinkedHashSet<>();
        for (String t : words(query).toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!t.isEmpty() && t.length() <= 64) {
                terms.add(t);
            }
        }
        return String.join(" | ", terms);
    }
}
