package io.autonoma.agents.analyst.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read access to the WordNet 3.1 lexicon resources ({@code lexicon/wordnet.txt}, {@code synsets.txt},
 * {@code exceptions.txt}, built by {@code tools/lexicon}): parts of speech with their SemCor counts,
 * lemmas of inflected forms, the lexicographer file (person, artifact, act…) of noun senses, hypernyms and
 * the nouns derived from verbs. Keys are lower case with '_' between words ({@code sign_up}). Thread-safe.
 */
final class WordNet {
    private static final String DIR = "/io/autonoma/agents/analyst/lexicon/";

    private final SortedLines lemmas;
    private final SortedLines synsets;
    private final SortedLines exceptions;
    private final Map<String, Optional<Entry>> cache = new ConcurrentHashMap<>();

    /** One sense: lexicographer file without its part of speech ({@code artifact}), SemCor count, and a payload. */
    record Sense(String lex, int count, String ref) {}

    /** What WordNet knows of a lemma; lists are in WordNet's order (most frequent sense first). */
    record Entry(String lemma, List<Sense> nouns, List<Sense> verbs, int adjectiveCount, int adverbCount,
            boolean adjective, boolean adverb) {
        int nounCount() {
            return nouns.stream().mapToInt(Sense::count).sum();
        }

        int verbCount() {
            return verbs.stream().mapToInt(Sense::count).sum();
        }
    }

    private WordNet() {
        lemmas = SortedLines.load(DIR + "wordnet.txt");
        synsets = SortedLines.load(DIR + "synsets.txt");
        exceptions = SortedLines.load(DIR + "exceptions.txt");
    }

    /** The one instance, read on first use (the holder class is initialised once, by the JVM). */
    static WordNet get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final WordNet INSTANCE = new WordNet();
    }

    /** The entry of an exact lemma ({@code room}, {@code sign_up}). */
    Optional<Entry> entry(String lemma) {
        return cache.computeIfAbsent(lemma, this::read);
    }

    private Optional<Entry> read(String lemma) {
        return lemmas.find(lemma).map(c -> new Entry(lemma, senses(c, 0), senses(c, 1), count(c, 2), count(c, 3),
                c.length > 2 && !c[2].isEmpty(), c.length > 3 && !c[3].isEmpty()));
    }

    private static List<Sense> senses(String[] c, int i) {
        if (c.length <= i || c[i].isEmpty()) {
            return List.of();
        }
        List<Sense> out = new ArrayList<>();
        for (String s : c[i].split(",")) {
            String[] p = s.split("\\.", 3);
            out.add(new Sense(p[0], Integer.parseInt(p[1]), p.length > 2 ? p[2] : ""));
        }
        return out;
    }

    private static int count(String[] c, int i) {
        return c.length <= i || c[i].isEmpty() ? 0 : Integer.parseInt(c[i]);
    }

    boolean isNoun(String lemma) {
        return entry(lemma).map(e -> !e.nouns().isEmpty()).orElse(false);
    }

    boolean isVerb(String lemma) {
        return entry(lemma).map(e -> !e.verbs().isEmpty()).orElse(false);
    }

    boolean isAdjective(String lemma) {
        return entry(lemma).map(Entry::adjective).orElse(false);
    }

    boolean isAdverb(String lemma) {
        return entry(lemma).map(Entry::adverb).orElse(false);
    }

    /**
     * The noun lemmas a word form can be, most likely first: the form itself if WordNet has it, irregular
     * plurals (children → child), and the regular plural rules (WordNet's "morphy"). A base form with more
     * uses wins over a rare plural lemma (rooms → room, not the suite called "rooms").
     */
    List<String> nounLemmas(String form) {
        Set<String> bases = new LinkedHashSet<>();
        exceptions.find(form).filter(c -> c[0].equals("n")).ifPresent(c -> bases.addAll(List.of(c[1].split(","))));
        for (String[] rule : NOUN_RULES) {
            if (form.endsWith(rule[0]) && form.length() > rule[0].length() + 1) {
                String base = form.substring(0, form.length() - rule[0].length()) + rule[1];
                if (isNoun(base)) {
                    bases.add(base);
                }
            }
        }
        if (form.endsWith("es") && form.length() > 5 && form.charAt(form.length() - 3) == form.charAt(form.length() - 4)) {
            // quizzes → quiz
            String single = form.substring(0, form.length() - 3);
            if (isNoun(single)) bases.add(single);
        }
        bases.remove(form);
        List<String> sorted = new ArrayList<>(bases);
        sorted.sort((a, b) -> Integer.compare(nounCountOf(b), nounCountOf(a)));
        List<String> result = new ArrayList<>();
        int bestBase = sorted.isEmpty() ? 0 : nounCountOf(sorted.get(0));
        if (isNoun(form) && nounCountOf(form) > 3 * bestBase) {
            result.add(form);
        }
        result.addAll(sorted);
        if (isNoun(form) && !result.contains(form)) {
            result.add(form);
        }
        return result;
    }

    private int nounCountOf(String lemma) {
        return entry(lemma).map(e -> e.nounCount() + 1).orElse(0);
    }

    private static final String[][] NOUN_RULES = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
            {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
    private static final String[][] VERB_RULES = {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"},
            {"ed", ""}, {"ing", "e"}, {"ing", ""}};

    /** The verb lemmas a word form can be (sends → send, dragged → drag, went → go). */
    List<String> verbLemmas(String form) {
        Set<String> out = new LinkedHashSet<>();
        if (isVerb(form)) {
            out.add(form);
        }
        exceptions.find(form).filter(c -> c[0].equals("v")).ifPresent(c -> out.addAll(List.of(c[1].split(","))));
        for (String[] rule : VERB_RULES) {
            if (form.endsWith(rule[0]) && form.length() > rule[0].length() + 1) {
                String base = form.substring(0, form.length() - rule[0].length()) + rule[1];
                if (isVerb(base)) {
                    out.add(base);
                }
                // doubled consonant: dragged → drag, planning → plan
                if ((rule[0].equals("ed") || rule[0].equals("ing")) && rule[1].isEmpty() && base.length() > 2
                        && base.charAt(base.length() - 1) == base.charAt(base.length() - 2)) {
                    String single = base.substring(0, base.length() - 1);
                    if (isVerb(single)) {
                        out.add(single);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * The past participle of a verb: its irregular form other than the past tense seen ({@code do}, "did" →
     * done), else the regular -ed form.
     */
    String participle(String lemma, String seen) {
        String irregular = exceptions.firstKeyWhere(c -> c.length > 1 && c[0].equals("v") && List.of(c[1].split(",")).contains(lemma),
                k -> !k.equals(seen) && !k.endsWith("s") && !k.endsWith("ing"));
        if (irregular != null) return irregular;
        if (seen.endsWith("ed")) return seen;
        return lemma.endsWith("e") ? lemma + "d" : lemma + "ed";
    }

    /** The lexicographer file of a noun lemma's most used sense (or its first sense), e.g. {@code person}. */
    Optional<String> nounCategory(String lemma) {
        return entry(lemma).flatMap(e -> e.nouns().stream().max((a, b) -> Integer.compare(a.count(), b.count()))
                .map(s -> e.nouns().stream().allMatch(x -> x.count() == 0) ? e.nouns().get(0).lex() : s.lex()));
    }

    /** Whether one of the first {@code senses} noun senses of a lemma is of lexicographer file {@code lex}. */
    boolean hasNounSense(String lemma, String lex, int senses) {
        return entry(lemma).map(e -> e.nouns().stream().limit(senses).anyMatch(s -> s.lex().equals(lex))).orElse(false);
    }

    /**
     * The words of the hypernym ancestors of a noun's first {@code senses} senses, nearest first, up to
     * {@code depth} levels (dentist → dental_practitioner… → medical_practitioner → … → person).
     */
    List<String> ancestors(String lemma, int senses, int depth) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String[]> queue = new ArrayDeque<>();
        entry(lemma).ifPresent(e -> e.nouns().stream().limit(senses).forEach(s -> queue.add(new String[] {s.ref(), "0"})));
        while (!queue.isEmpty()) {
            String[] item = queue.poll();
            int level = Integer.parseInt(item[1]);
            if (!seen.add(item[0]) || level > depth) {
                continue;
            }
            Optional<String[]> row = synsets.find(item[0]);
            if (row.isEmpty()) {
                continue;
            }
            String[] c = row.get();
            if (level > 0) {
                for (String w : c[1].split(",")) {
                    if (!out.contains(w)) {
                        out.add(w);
                    }
                }
            }
            if (c.length > 2 && !c[2].isEmpty()) {
                for (String parent : c[2].split(",")) {
                    queue.add(new String[] {String.format("%08d", Long.parseLong(parent)), Integer.toString(level + 1)});
                }
            }
        }
        return out;
    }

    /** Whether a noun is a kind of {@code ancestor} in one of its first {@code senses} senses. */
    boolean isA(String lemma, String ancestor, int senses) {
        return ancestors(lemma, senses, 12).contains(ancestor);
    }

    /** The synonyms of a noun in its first sense (reply → response?), without the lemma itself. */
    List<String> synonyms(String lemma) {
        return entry(lemma).filter(e -> !e.nouns().isEmpty())
                .flatMap(e -> synsets.find(e.nouns().get(0).ref()))
                .map(c -> List.of(c[1].split(",")).stream().filter(w -> !w.equals(lemma)).toList())
                .orElse(List.of());
    }

    /** Nouns derived from a verb in its first {@code senses} senses (reserve → reservation), most used sense first. */
    List<String> derivedNouns(String verbLemma, int senses) {
        Set<String> out = new LinkedHashSet<>();
        entry(verbLemma).ifPresent(e -> e.verbs().stream().limit(senses).forEach(s -> {
            if (!s.ref().isEmpty()) {
                out.addAll(List.of(s.ref().split("\\+")));
            }
        }));
        return new ArrayList<>(out);
    }

    /** The lexicographer file of a verb's most used sense ({@code communication}, {@code possession}…). */
    Optional<String> verbCategory(String lemma) {
        return entry(lemma).flatMap(e -> e.verbs().stream().max((a, b) -> Integer.compare(a.count(), b.count()))
                .map(s -> e.verbs().stream().allMatch(x -> x.count() == 0) ? e.verbs().get(0).lex() : s.lex()));
    }
}
