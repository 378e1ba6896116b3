package io.autonoma.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keyword tokenizer of template search, API because every {@link TemplateIndex} that promises
 * the same keyword scores as {@link InMemoryTemplateIndex} (e.g. autonoma-store's pgvector index)
 * must tokenize exactly like it: splits on anything that is not a letter or a
 * digit, splits camelCase words (keeping the whole word too), lowercases, drops one-character
 * tokens and a short list of English stop words, and folds regular plurals ({@code entries → entry},
 * {@code indexes → index}, {@code forms → form}). Deterministic and locale-independent.
 */
public final class Tokenizer {

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "of",
            "on", "or", "that", "the", "this", "to", "with", "without", "we", "you", "your", "our", "can", "will",
            "should", "must", "was", "were", "has", "have", "had", "do", "does", "not", "no", "but", "if", "then",
            "so", "than", "there", "their", "them", "they", "these", "those", "which", "who", "what", "when",
            "where", "how", "all", "any", "each", "some", "me", "my", "i");

    private Tokenizer() {}

    /** The tokens of {@code text} in order (repeats kept); empty for null or blank text. */
    public static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (start < i) {
                emitWord(text.substring(start, i), out);
            }
        }
        return out;
    }

    private static void emitWord(String word, List<String> out) {
        List<String> parts = camelParts(word);
        add(word, out);
        if (parts.size() > 1) {
            for (String p : parts) {
                add(p, out);
            }
        }
    }

    /** Splits {@code useQueryClient} into use/Query/Client and {@code HTTPServer} into HTTP/Server. */
    private static List<String> camelParts(String word) {
        List<String> parts = new ArrayList<>(2);
        int start = 0;
        for (int i = 1; i < word.length(); i++) {
            char prev = word.charAt(i - 1);
            char c = word.charAt(i);
            boolean lowerToUpper = (Character.isLowerCase(prev) || Character.isDigit(prev)) && Character.isUpperCase(c);
            boolean acronymEnd = Character.isUpperCase(prev) && Character.isUpperCase(c)
                    && i + 1 < word.length() && Character.isLowerCase(word.charAt(i + 1));
            if (lowerToUpper || acronymEnd) {
                parts.add(word.substring(start, i));
                start = i;
            }
        }
        parts.add(word.substring(start));
        return parts;
    }

    private static void add(String raw, List<String> out) {
        String t = raw.toLowerCase(Locale.ROOT);
        if (t.length() < 2 || STOP_WORDS.contains(t)) {
            return;
        }
        out.add(stem(t));
    }

    /** Folds regular English plurals; leaves everything else alone. */
    static String stem(String t) {
        int len = t.length();
        if (len > 4 && t.endsWith("ies")) {
            return t.substring(0, len - 3) + "y";
        }
        if (t.endsWith("sses")) {
            return t.substring(0, len - 2);
        }
        if (len > 4 && t.endsWith("xes")) {
            return t.substring(0, len - 2);
        }
        if (len > 3 && t.endsWith("s") && !t.endsWith("ss") && !t.endsWith("us") && !t.endsWith("is")) {
            return t.substring(0, len - 1);
        }
        return t;
    }
}
