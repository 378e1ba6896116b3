package io.autonoma.store.internal;

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
}
