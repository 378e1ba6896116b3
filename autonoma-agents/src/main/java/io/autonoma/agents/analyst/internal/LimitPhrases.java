package io.autonoma.agents.analyst.internal;

import io.autonoma.agents.analyst.internal.Tagger.Tag;
import io.autonoma.agents.analyst.internal.Tagger.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Limits said in words, read from one sentence's tokens before its clauses are read:
 * <ul>
 *   <li>a number after a quantifier: "at most 3 loans per member", "no more than 5 tickets per order", "up to 10
 *       guests per event", "a maximum of 4 players per team", "classes are limited to 12 students", "loans are
 *       capped at 3 per member"; without a "per" the limit is per the clause's subject ("members borrow books, at
 *       most 3 loans each", "each member may borrow at most 3 books at a time");</li>
 *   <li>a capacity: "limited spots", "seats are limited", "each session has a capacity". The spots, places or
 *       seats of such a phrase are how many fit, not things to keep, so the phrase is taken out of the sentence
 *       before it is read.</li>
 * </ul>
 */
final class LimitPhrases {
    /** Numbers in words; "a dozen". */
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("dozen", 12));
    private static final Set<String> BE = Set.of("is", "are", "be", "was", "were");
    /** What a limit is per when the sentence names no "per": each of the actors, at any moment. */
    private static final List<List<String>> EACH = List.of(List.of("each"), List.of("apiece"), List.of("at", "a", "time"),
            List.of("at", "once"), List.of("at", "any", "time"), List.of("at", "any", "one", "time"));

    /**
     * A limit as said. {@code counted} is the word of the things counted (null: the parent's bookings, whatever the
     * spec calls them); {@code parent} the word of what they are counted per (null with {@code lastThing}: the
     * thing last talked about; null otherwise: the people last talked about); {@code max} null for a capacity kept
     * on the parent; {@code qualifiers} the adjectives before the counted word ("active", "open").
     */
    record Phrase(Token counted, Token parent, boolean lastThing, Integer max, List<String> qualifiers, String words) {}

    /** The sentence without its capacity phrases, and the limits read. */
    record Found(List<Token> tokens, List<Phrase> phrases) {}

    private final Domain domain;
    private final java.util.function.Predicate<String> person;
    private final List<Token> t;
    private final Set<Integer> drop = new HashSet<>();
    private final List<Phrase> phrases = new ArrayList<>();

    private LimitPhrases(Domain domain, java.util.function.Predicate<String> person, List<Token> tokens) {
        this.domain = domain;
        this.person = person;
        this.t = tokens;
    }

    /** Reads {@code tokens}; {@code person} tells the words of people (a limit per customer is per user). */
    static Found read(List<Token> tokens, Domain domain, java.util.function.Predicate<String> person) {
        LimitPhrases p = new LimitPhrases(domain, person, tokens);
        for (int i = 0; i < tokens.size(); i++) {
            if (!p.drop.contains(i) && !p.quantified(i)) p.capacity(i);
        }
        if (p.drop.isEmpty()) return new Found(tokens, p.phrases);
        List<Token> kept = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!p.drop.contains(i)) kept.add(tokens.get(i));
        }
        return new Found(kept, p.phrases);
    }

    // ------------------------------------------------------------------ a number

    /** "at most N", "no more than N", "up to N", "a maximum of N", "max N", "limited to N", "capped at N" at {@code i}. */
    private boolean quantified(int i) {
        int n = -1;
        boolean passive = false;
        if (is(i, "at") && is(i + 1, "most")) {
            n = i + 2;
        } else if ((is(i, "no") || is(i, "not")) && is(i + 1, "more") && is(i + 2, "than")) {
            n = i + 3;
        } else if (is(i, "up") && is(i + 1, "to")) {
            n = i + 2;
        } else if (limitNoun(i) && !(i > 0 && (is(i - 1, "no") || is(i - 1, "without")))) {
            n = is(i + 1, "of") ? i + 2 : i + 1; // "a maximum of 4", "max 20", "a limit of 3"
        } else if ((is(i, "limited") || is(i, "capped") || is(i, "restricted")) && (is(i + 1, "to") || is(i + 1, "at"))) {
            n = i + 2;
            passive = i > 0 && BE.contains(lower(i - 1)); // "classes are limited to 12 students"
        }
        if (n < 0) return false;
        Integer max = number(n);
        if (max == null || max < 1) return false;
        int k = n + 1;
        List<String> qualifiers = new ArrayList<>();
        while (k < t.size() && t.get(k).is(Tag.ADJ) && k + 1 < t.size() && t.get(k + 1).is(Tag.NOUN)) {
            qualifiers.add(t.get(k).text().toLowerCase(Locale.ROOT));
            k++;
        }
        Token counted = null;
        while (k < t.size() && t.get(k).is(Tag.NOUN)) counted = t.get(k++);
        if (counted != null && domain.measureWords.contains(counted.lemma())) return false; // "up to 3 days", "at most 2 hours"
        Token parent = perParent(k);
        boolean perThing = parent != null && !person.test(parent.lemma());
        Token subject = subject(i);
        if (passive && counted == null) {
            // "loans are limited to 3 per member": the subject is what is counted
            counted = subject;
            subject = null;
        }
        if (counted == null) return false;
        if (parent == null) {
            // "teams with at most 4 players": per the thing that has them; else per the clause's subject
            Token with = i > 0 && is(i - 1, "with") || i > 1 && is(i - 2, "with") && t.get(i - 1).is(Tag.DET) ? before(i, "with")
                    : null;
            parent = with != null ? with : subject;
        }
        if (parent == null && !endsInEach(k)) return false;
        if (parent != null && parent.lemma().equals(counted.lemma())) return false;
        phrases.add(new Phrase(counted, parent, false, max, qualifiers, span(i, Math.max(k, n + 1))));
        if (!passive && parent != null && parent == perParent(k)) {
            // the sentence reads on as "… tickets per order": the number is the limit's, not a thing's; "per
            // customer" would make the customers things of their own rather than the app's users
            for (int x = i; x <= n; x++) drop.add(x);
            if (!perThing) {
                for (int x = k; x <= indexOf(parent); x++) drop.add(x);
            }
        }
        return true;
    }

    private boolean limitNoun(int i) {
        if (i >= t.size() || !t.get(i).is(Tag.NOUN) && !t.get(i).is(Tag.ADJ)) return false;
        String w = t.get(i).lemma();
        return domain.behaviour("limit", w) && !w.equals("limited") && !w.equals("capped");
    }

    /** A number at {@code i}: digits or a word. */
    private Integer number(int i) {
        if (i >= t.size() || !t.get(i).is(Tag.NUM)) return null;
        String w = t.get(i).text().toLowerCase(Locale.ROOT);
        if (w.matches("\\d{1,6}")) return Integer.valueOf(w);
        return NUMBERS.get(w);
    }

    /** "per member", "for each order", "in every class" at {@code k}: the parent's word. */
    private Token perParent(int k) {
        if (k >= t.size()) return null;
        int j;
        if (is(k, "per")) {
            j = k + 1;
        } else if ((is(k, "for") || is(k, "in") || is(k, "on")) && (is(k + 1, "each") || is(k + 1, "every"))) {
            j = k + 2;
        } else {
            return null;
        }
        while (j < t.size() && (t.get(j).is(Tag.DET) || t.get(j).is(Tag.ADJ))) j++;
        Token head = null;
        while (j < t.size() && t.get(j).is(Tag.NOUN)) head = t.get(j++);
        return head;
    }

    private boolean endsInEach(int k) {
        for (List<String> e : EACH) {
            boolean all = true;
            for (int x = 0; x < e.size(); x++) all &= is(k + x, e.get(x));
            if (all) return true;
        }
        return false;
    }

    /**
     * The subject of the clause around {@code i}: the noun right before the last verb before it ("members borrow",
     * "each member may borrow", "classes are limited to"). Null when that is a pronoun or there is none.
     */
    private Token subject(int i) {
        int v = i - 1;
        while (v >= 0 && !t.get(v).is(Tag.VERB) && !t.get(v).is(Tag.AUX)) {
            if (t.get(v).is(Tag.PUNCT) && !t.get(v).text().equals(",") || t.get(v).is(Tag.SCONJ)) return null;
            v--;
        }
        if (v < 0) return null;
        int s = v - 1;
        while (s >= 0 && (t.get(s).is(Tag.AUX) || t.get(s).is(Tag.MODAL) || t.get(s).is(Tag.ADV) || t.get(s).is(Tag.PART))) s--;
        return s >= 0 && t.get(s).is(Tag.NOUN) ? t.get(s) : null;
    }

    /** The noun right before the word {@code word} that precedes {@code i}. */
    private Token before(int i, String word) {
        int w = i - 1;
        while (w >= 0 && !is(w, word)) w--;
        return w > 0 && t.get(w - 1).is(Tag.NOUN) ? t.get(w - 1) : null;
    }

    // ------------------------------------------------------------------ a capacity

    /** "limited spots", "spots are limited", "has a capacity", "a maximum capacity" at {@code i}. */
    private void capacity(int i) {
        Token w = t.get(i);
        if (is(i, "limited") && i + 1 < t.size() && capacityNoun(i + 1)) {
            // "(classes with) limited spots (per class)"
            int end = i + 2;
            Token parent = perParent(end);
            if (parent != null) end = indexOf(parent) + 1;
            int start = i;
            if (i > 0 && is(i - 1, "with")) start = i - 1;
            Token owner = parent != null ? parent : i > 0 && is(i - 1, "with") ? before(i, "with") : subject(i);
            phrases.add(new Phrase(null, owner, owner == null, null, List.of(), span(i, end)));
            for (int x = start; x < end; x++) drop.add(x);
            return;
        }
        if (capacityNoun(i) && !w.lemma().equals("capacity") && i + 2 < t.size() && BE.contains(lower(i + 1))
                && is(i + 2, "limited") && !is(i + 3, "to")) {
            // "spots are limited (in each class)"
            int end = i + 3;
            Token parent = perParent(end);
            if (parent != null) end = indexOf(parent) + 1;
            int start = i;
            while (start > 0 && t.get(start - 1).is(Tag.DET)) start--;
            if (start > 0 && (t.get(start - 1).is(Tag.CCONJ) || is(start - 1, ","))) start--;
            phrases.add(new Phrase(null, parent, parent == null, null, List.of(), span(i, end)));
            for (int x = start; x < end; x++) drop.add(x);
            return;
        }
        if (w.lemma().equals("capacity") && w.is(Tag.NOUN) && !listed(i)) {
            // "each session has a capacity", "rooms with a maximum capacity of 12": kept on the parent, not a thing
            int d = i - 1;
            while (d >= 0 && (t.get(d).is(Tag.DET) || t.get(d).is(Tag.ADJ) || limitNoun(d))) d--;
            if (d < 0) return;
            Token owner = is(d, "with") ? before(d + 1, "with") : t.get(d).is(Tag.VERB) && t.get(d).lemma().equals("have")
                    || t.get(d).is(Tag.AUX) && t.get(d).text().toLowerCase(Locale.ROOT).matches("has|have") ? subject(d + 1) : null;
            if (owner != null) phrases.add(new Phrase(null, owner, false, null, List.of(), span(d + 1, i + 1)));
        }
    }

    private boolean capacityNoun(int i) {
        return i < t.size() && t.get(i).is(Tag.NOUN) && domain.capacityWords.contains(t.get(i).lemma());
    }

    /** Whether the word at {@code i} is one of a list ("a name, a venue and a capacity"). */
    private boolean listed(int i) {
        int d = i - 1;
        while (d >= 0 && (t.get(d).is(Tag.DET) || t.get(d).is(Tag.ADJ))) d--;
        if (d >= 0 && (t.get(d).is(Tag.CCONJ) || is(d, ","))) return true;
        int a = i + 1;
        if (a < t.size() && (is(a, ",") || t.get(a).is(Tag.CCONJ))) {
            // "…a capacity and students register": a new clause, not a list
            for (int x = a + 1; x < Math.min(t.size(), a + 4); x++) {
                if (t.get(x).is(Tag.VERB) || t.get(x).is(Tag.MODAL)) return false;
            }
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ helpers

    private boolean is(int i, String word) {
        return i >= 0 && i < t.size() && t.get(i).text().equalsIgnoreCase(word);
    }

    private String lower(int i) {
        return t.get(i).text().toLowerCase(Locale.ROOT);
    }

    private int indexOf(Token token) {
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i) == token) return i;
        }
        return -1;
    }

    private String span(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = Math.max(0, from); i < Math.min(to, t.size()); i++) {
            if (b.length() > 0) b.append(' ');
            b.append(t.get(i).text());
        }
        return b.toString();
    }
}
