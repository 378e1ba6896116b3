package io.autonoma.agents.analyst.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a sentence into words and gives each its part of speech: closed classes (determiners,
 * pronouns, prepositions…) from English grammar, open classes from WordNet's parts of speech and SemCor
 * counts, and ambiguous words (list, place, book, post…) from their neighbours. Made for the short,
 * often telegraphic sentences of app prompts ("hosts list rooms and guests make offers"), where a
 * tagger trained on news text guesses nouns for the verbs. Deterministic; not thread-safe per instance
 * (use one per sentence).
 */
final class Tagger {

    enum Tag { DET, POSS, PRON, ADP, CCONJ, SCONJ, AUX, MODAL, PART, NUM, PUNCT, NOUN, VERB, ADJ, ADV }

    /** A word with its tag; {@code lemma} is the noun lemma for nouns, the verb lemma for verbs, else the word. */
    record Token(String text, Tag tag, String lemma, boolean plural, boolean possessive, int index) {
        boolean is(Tag t) {
            return tag == t;
        }

        boolean isNominal() {
            return tag == Tag.NOUN || tag == Tag.ADJ || tag == Tag.NUM;
        }

        /** A verb form: ing, ed (past or participle), s (third person) or base. */
        String form() {
            if (text.endsWith("ing")) return "ing";
            if (text.endsWith("ed") || !text.equals(lemma) && !text.endsWith("s")) return "ed";
            if (text.endsWith("s") && !text.equals(lemma)) return "s";
            return "base";
        }
    }

    static final Set<String> DETERMINERS = Set.of("a", "an", "the", "this", "these", "those", "each", "every", "all",
            "some", "any", "no", "another", "both", "either", "neither", "several", "many", "few", "much", "more", "most",
            "such", "other", "various", "multiple", "same", "certain", "enough", "own");
    static final Set<String> POSSESSIVES = Set.of("my", "our", "your", "their", "his", "her", "its", "whose");
    static final Set<String> PRONOUNS = Set.of("i", "we", "you", "they", "he", "she", "it", "me", "us", "them", "him",
            "someone", "somebody", "everyone", "everybody", "anyone", "anybody", "nobody", "nothing", "something",
            "everything", "anything", "myself", "ourselves", "themselves", "yourself", "itself", "one", "ones", "what",
            "whatever", "whoever");
    static final Set<String> PREPOSITIONS = Set.of("with", "of", "for", "to", "in", "on", "at", "by", "from", "into",
            "onto", "about", "between", "per", "via", "under", "over", "through", "across", "after", "before", "during",
            "without", "within", "against", "among", "along", "around", "than", "as", "until", "till", "since", "off",
            "up", "out", "down", "upon", "inside", "outside", "near", "beside", "behind", "toward", "towards", "including",
            "like", "besides", "except", "throughout", "beyond", "above", "below", "next");
    static final Set<String> CONJUNCTIONS = Set.of("and", "or", "but", "nor", "&", "plus");
    static final Set<String> SUBORDINATORS = Set.of("that", "which", "who", "whom", "where", "when", "while",
            "whether", "if", "because", "so", "once", "although", "though", "whereas", "unless", "how", "why");
    static final Set<String> AUXILIARIES = Set.of("is", "are", "was", "were", "be", "been", "being", "am", "do",
            "does", "did", "have", "has", "had", "having", "get", "gets", "got");
    static final Set<String> MODALS = Set.of("can", "could", "may", "might", "must", "shall", "should", "will", "would",
            "cannot", "ll");
    static final Set<String> NUMBERS = Set.of("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "twenty", "thirty", "hundred", "thousand", "dozen", "zero", "once", "twice");
    /** Adverbs that only modify; WordNet also lists some of them as nouns or adjectives. */
    static final Set<String> ADVERBS = Set.of("also", "then", "just", "only", "very", "really", "always", "never",
            "often", "usually", "sometimes", "too", "else", "even", "still", "already", "again", "together", "each",
            "easily", "quickly", "simply", "later", "soon", "instead", "maybe", "perhaps", "not", "how", "here",
            "there", "now", "ever", "finally", "back", "away", "ahead", "daily", "weekly", "monthly",
            "yearly", "annually", "automatically", "anonymously", "publicly", "privately", "please");
    // "online" is left to WordNet: "online courses" (adjective), "sell online" (adverb)

    /** Particles that do not start a phrase of their own ("sign up", "rent out", "fill up"). */
    private static final Set<String> PARTICLE_ONLY = Set.of("up", "out", "off", "back", "down", "away");

    private final WordNet wn;

    Tagger(WordNet wn) {
        this.wn = wn;
    }

    private static final Pattern WORD_CASED = Pattern.compile(
            "\\d+(?:[.,]\\d+)*|[A-Za-z][A-Za-z0-9]*(?:[-'][A-Za-z0-9]+)*'?|[(),:;/&\\-]|[.!?]");
    private static final Pattern CLITIC = Pattern.compile("(i|we|you|they|he|she|it|who)'(ve|re|ll|d|m)");
    private static final Set<String> CLITIC_HOSTS = Set.of("what", "it", "that", "there", "who", "here", "where", "let");

    /**
     * The word tokens of a sentence, in their original case (acronyms such as CMS stay recognisable);
     * "what's" becomes "what is", "let's" "let us"; "dogs'" and "bakery's" keep their possessive mark.
     */
    static List<String> words(String sentence) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD_CASED.matcher(sentence.replace('\u2019', '\''));
        while (m.find()) {
            String w = m.group();
            String lower = w.toLowerCase(Locale.ROOT);
            java.util.regex.Matcher cl = CLITIC.matcher(lower);
            if (lower.endsWith("'s") && CLITIC_HOSTS.contains(lower.substring(0, lower.length() - 2))) {
                out.add(w.substring(0, w.length() - 2));
                out.add(lower.startsWith("let") ? "us" : "is");
            } else if (cl.matches()) {
                // "I've walked", "we're", "they'll", "I'd"
                out.add(w.substring(0, cl.group(1).length()));
                out.add(switch (cl.group(2)) {
                    case "ve" -> "have";
                    case "re" -> "are";
                    case "ll" -> "will";
                    case "m" -> "am";
                    default -> "would";
                });
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** Tags the tokens of {@link #words}; word sequences WordNet knows as one (sign up, real time) become one token. */
    List<Token> tag(List<String> cased) {
        List<String> words = new ArrayList<>();
        List<Boolean> acronym = new ArrayList<>();
        for (int i = 0; i < cased.size(); i++) {
            int joined = multiword(cased, i);
            if (joined > 1) {
                List<String> parts = new ArrayList<>();
                for (int k = i; k < i + joined; k++) parts.add(cased.get(k).toLowerCase(Locale.ROOT));
                words.add(joinedKey(parts));
                acronym.add(false);
                i += joined - 1;
                continue;
            }
            String w = cased.get(i);
            words.add(w.toLowerCase(Locale.ROOT));
            acronym.add(w.length() > 1 && w.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)
                    && w.chars().anyMatch(Character::isLetter));
        }
        int n = words.size();
        Tag[] tags = new Tag[n];
        Cand[] cands = new Cand[n];
        int headerEnd = headerEnd(words);
        for (int i = 0; i < n; i++) {
            String w = words.get(i);
            tags[i] = acronym.get(i) ? null : closedClass(w);
            if (tags[i] == null) {
                cands[i] = acronym.get(i) ? acronymCandidate(w) : candidates(stripPossessive(w));
                boolean gerundAfterPreposition = i > 0 && w.endsWith("ing") && PREPOSITIONS.contains(words.get(i - 1));
                if (i < headerEnd && !gerundAfterPreposition && !(i == 0 && cands[i].canVerb() && cands[i].verbBase && i + 1 < n
                        && (DETERMINERS.contains(words.get(i + 1)) || POSSESSIVES.contains(words.get(i + 1))))) {
                    // a title before ':' ("Leave requests:", "Car repair shop:") names things, it does not act
                    Cand c = cands[i];
                    boolean adjective = c.canAdj() && i + 1 < headerEnd && (!c.canNoun() || c.adj >= c.noun);
                    tags[i] = adjective ? Tag.ADJ : c.canNoun() || w.endsWith("ing") ? Tag.NOUN : c.canAdj() ? Tag.ADJ : null;
                }
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                if (tags[i] == null) {
                    tags[i] = resolve(words, tags, cands, i, pass == 1);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (tags[i] == null) {
                tags[i] = cands[i].best();
            }
        }
        fixClausesWithoutVerb(words, tags, cands, headerEnd);
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String w = words.get(i);
            String bare = stripPossessive(w);
            boolean possessive = !bare.equals(w);
            String lemma = bare;
            boolean plural = false;
            if (tags[i] == Tag.NOUN && !acronym.get(i)) {
                lemma = nounLemma(bare);
                plural = !lemma.equals(bare) || w.endsWith("s'") || isUnknownPlural(bare)
                        || Set.of("people", "staff", "folk", "police").contains(bare);
            } else if (tags[i] == Tag.VERB) {
                List<String> v = wn.verbLemmas(bare);
                lemma = cands[i] != null && cands[i].phrasalLemma != null ? cands[i].phrasalLemma
                        : v.isEmpty() ? guessVerbLemma(bare) : v.get(0);
            }
            out.add(new Token(w, tags[i], lemma, plural, possessive, i));
        }
        return out;
    }

    /** How many tokens from {@code i} WordNet knows as one noun or verb (2 or 3), or 1. */
    private int multiword(List<String> cased, int i) {
        for (int len = 3; len >= 2; len--) {
            if (i + len > cased.size()) continue;
            List<String> parts = new ArrayList<>();
            boolean words = true;
            for (int k = i; k < i + len; k++) {
                String w = cased.get(k).toLowerCase(Locale.ROOT);
                if (!w.matches("[a-z][a-z-]*")) words = false;
                parts.add(w);
            }
            if (!words || closedClass(parts.get(0)) != null && !parts.get(0).equals("check")) continue;
            if (len == 2 && closedClass(parts.get(1)) != null && !PREPOSITIONS.contains(parts.get(1))) continue;
            // the last word may be plural or inflected: "user signs up", "fill-ups"
            String last = parts.get(len - 1);
            for (String base : List.of(last, Inflector.singular(last))) {
                List<String> key = new ArrayList<>(parts.subList(0, len - 1));
                key.add(base);
                String underscored = String.join("_", key);
                String hyphened = String.join("-", key);
                for (String k : List.of(underscored, hyphened)) {
                    var e = wn.entry(k);
                    // a verb phrase joins only with its particle ("sign up"), not with its object ("keep notes")
                    boolean particleVerb = len == 2 && PREPOSITIONS.contains(parts.get(1)) && (PARTICLE_ONLY.contains(parts.get(1))
                            || Domain.get().actNouns.containsKey(underscored) || i + 2 >= cased.size()
                            || !Character.isLetter(cased.get(i + 2).charAt(0))
                            || Set.of("and", "or", "at", "for", "with", "to", "in", "on").contains(cased.get(i + 2).toLowerCase(Locale.ROOT)));
                    if (e.isPresent() && (!e.get().nouns().isEmpty() || !e.get().verbs().isEmpty() && particleVerb)) {
                        return len;
                    }
                }
            }
            // a verb with its particle: "signs up", "checked in" — not a verb before a phrase ("done in each lesson")
            if (len == 2 && PREPOSITIONS.contains(parts.get(1))) {
                String after = i + 2 < cased.size() ? cased.get(i + 2).toLowerCase(Locale.ROOT) : "";
                boolean phraseFollows = DETERMINERS.contains(after) || POSSESSIVES.contains(after)
                        || !after.isEmpty() && Character.isLetter(after.charAt(0)) && closedClass(after) == null;
                for (String v : wn.verbLemmas(parts.get(0))) {
                    String phrasal = v + "_" + parts.get(1);
                    if (wn.isVerb(phrasal) && !wn.isNoun(parts.get(0) + "_" + parts.get(1))
                            && (!phraseFollows || Domain.get().actNouns.containsKey(phrasal) || PARTICLE_ONLY.contains(parts.get(1)))) {
                        return 2;
                    }
                }
            }
        }
        return 1;
    }

    private String joinedKey(List<String> parts) {
        String last = parts.get(parts.size() - 1);
        for (String base : List.of(last, Inflector.singular(last))) {
            List<String> key = new ArrayList<>(parts.subList(0, parts.size() - 1));
            key.add(base);
            for (String sep : List.of("_", "-")) {
                String k = String.join(sep, key);
                if (wn.entry(k).isPresent()) {
                    // keep the inflection of the last word: "signs_up" reads as the verb sign_up, "check-ins" as plural
                    return base.equals(last) ? k : String.join(sep, parts);
                }
            }
        }
        for (String v : wn.verbLemmas(parts.get(0))) {
            if (wn.isVerb(v + "_" + parts.get(1))) {
                return String.join("_", parts);
            }
        }
        return String.join("_", parts);
    }

    /** Index of the ':' ending a title at the start of the sentence ("Leave requests: …"), or 0. */
    private static int headerEnd(List<String> words) {
        int colon = words.indexOf(":");
        if (colon <= 0 || colon > 8 || colon == words.size() - 1) {
            return 0;
        }
        for (int k = 0; k < colon; k++) {
            if (MODALS.contains(words.get(k)) || AUXILIARIES.contains(words.get(k)) && !words.get(k).startsWith("get")) {
                return 0;
            }
        }
        return colon;
    }

    /** The noun lemma of a form: WordNet's, or a naive singular for words it does not know (setlists → setlist). */
    String nounLemma(String form) {
        if (form.contains("_")) {
            int u = form.lastIndexOf('_');
            String base = form.substring(0, u + 1) + nounLemma(form.substring(u + 1));
            return wn.isNoun(base) ? base : form;
        }
        List<String> l = wn.nounLemmas(form);
        if (!l.isEmpty()) {
            return l.get(0);
        }
        if (form.contains("-")) {
            // fill-ups → fill-up; check-ins → check-in
            int dash = form.lastIndexOf('-');
            return form.substring(0, dash + 1) + nounLemma(form.substring(dash + 1));
        }
        return Inflector.singular(form);
    }

    private boolean isUnknownPlural(String w) {
        return wn.entry(w).isEmpty() && w.endsWith("s") && !w.endsWith("ss") && w.length() > 3;
    }

    private static String stripPossessive(String w) {
        if (w.endsWith("'s")) return w.substring(0, w.length() - 2);
        if (w.endsWith("'")) return w.substring(0, w.length() - 1);
        return w;
    }

    private static Tag closedClass(String w) {
        if (w.matches("\\d.*")) return Tag.NUM;
        if (w.matches("[(),:;/&.!?\\-]")) return w.equals("&") ? Tag.CCONJ : Tag.PUNCT;
        if (w.endsWith("'s") || w.endsWith("'")) return null;
        if (POSSESSIVES.contains(w)) return Tag.POSS;
        if (CONJUNCTIONS.contains(w)) return Tag.CCONJ;
        if (MODALS.contains(w)) return Tag.MODAL;
        if (w.equals("not") || w.equals("n't")) return Tag.ADV;
        if (NUMBERS.contains(w)) return Tag.NUM;
        if (w.equals("to") || w.equals("that") || w.equals("like") || w.equals("up") || w.equals("out")
                || w.equals("back") || w.equals("off") || w.equals("get") || w.equals("gets") || w.equals("have")
                || w.equals("has") || w.equals("had") || w.equals("having") || w.equals("one")) {
            return null; // decided by context
        }
        if (DETERMINERS.contains(w)) return Tag.DET;
        if (PRONOUNS.contains(w)) return Tag.PRON;
        if (SUBORDINATORS.contains(w)) return Tag.SCONJ;
        if (AUXILIARIES.contains(w)) return Tag.AUX;
        if (PREPOSITIONS.contains(w)) return Tag.ADP;
        if (ADVERBS.contains(w)) return Tag.ADV;
        return null;
    }

    /** The open-class readings of a word with their SemCor counts. */
    private final class Cand {
        final String word;
        int noun = -1;
        int verb = -1;
        int adj = -1;
        int adv = -1;
        boolean verbBase;
        boolean verbS;
        boolean verbEdIng;
        boolean acronym;
        String phrasalLemma;

        Cand(String word) {
            this.word = word;
        }

        boolean known() { return !acronym && wn.entry(word).isPresent() || !wn.nounLemmas(word).isEmpty() || !wn.verbLemmas(word).isEmpty(); }
        boolean canNoun() { return noun >= 0; }
        boolean canVerb() { return verb >= 0; }
        boolean canAdj() { return adj >= 0; }

        Tag best() {
            if (word.equals("to")) return Tag.ADP;
            if (word.equals("that")) return Tag.SCONJ;
            if (word.equals("like")) return Tag.ADP;
            if (word.equals("one")) return Tag.NUM;
            if (Set.of("up", "out", "back", "off").contains(word)) return Tag.ADP;
            if (Set.of("get", "gets", "have", "has", "had", "having").contains(word)) return Tag.VERB;
            int best = Math.max(Math.max(noun, verb), Math.max(adj, adv));
            if (best < 0) {
                return guess(word);
            }
            if (noun == best) return Tag.NOUN;
            if (verb == best) return Tag.VERB;
            if (adj == best) return Tag.ADJ;
            return Tag.ADV;
        }
    }

    /** An acronym (CMS, URL, RSVP) is a noun, or a verb where only a verb fits. */
    private Cand acronymCandidate(String w) {
        Cand c = new Cand(w);
        c.noun = 0;
        c.acronym = true;
        if (Domain.get().actNouns.containsKey(w)) {
            c.verb = 0; // an act the app records ("guests RSVP"): a verb where a verb stands
            c.verbBase = true;
        }
        return c;
    }

    private Cand candidates(String w) {
        if (w.contains("_") && !wn.entry(w).isPresent()) {
            // an inflected phrasal verb: "rents_out" → rent_out
            int u = w.indexOf('_');
            for (String v : wn.verbLemmas(w.substring(0, u))) {
                String phrasal = v + w.substring(u);
                if (wn.isVerb(phrasal)) {
                    Cand c = new Cand(w);
                    c.verb = wn.entry(phrasal).map(WordNet.Entry::verbCount).orElse(0);
                    c.verbS = w.substring(0, u).endsWith("s");
                    c.verbEdIng = !c.verbS;
                    c.phrasalLemma = phrasal;
                    return c;
                }
            }
        }
        Cand c = new Cand(w);
        if (Set.of("to", "that", "like", "up", "out", "back", "off", "one").contains(w)) {
            return c;
        }
        List<String> nouns = wn.nounLemmas(w);
        if (!nouns.isEmpty()) {
            c.noun = wn.entry(nouns.get(0)).map(WordNet.Entry::nounCount).orElse(0);
        }
        List<String> verbs = wn.verbLemmas(w);
        if (!verbs.isEmpty()) {
            String v = verbs.get(0);
            c.verb = wn.entry(v).map(WordNet.Entry::verbCount).orElse(0);
            c.verbBase = v.equals(w);
            c.verbS = !c.verbBase && w.endsWith("s");
            c.verbEdIng = !c.verbBase && (w.endsWith("ed") || w.endsWith("ing") || !w.endsWith("s"));
        }
        wn.entry(w).ifPresent(e -> {
            if (e.adjective()) c.adj = e.adjectiveCount();
            if (e.adverb()) c.adv = e.adverbCount();
        });
        if (c.verb < 0 && !w.endsWith("s") && Domain.get().actNouns.containsKey(w)) {
            c.verb = 1; // app verbs WordNet lacks: upvote, rsvp
            c.verbBase = true;
        } else if (c.verb < 0 && w.endsWith("s") && Domain.get().actNouns.containsKey(w.substring(0, w.length() - 1))) {
            c.verb = 1;
            c.verbS = true;
        }
        if (c.noun < 0 && c.verb < 0 && c.adj < 0 && c.adv < 0) {
            Tag g = guess(w);
            if (g == Tag.NOUN) c.noun = 0;
            if (g == Tag.VERB) {
                c.verb = 0;
                c.verbEdIng = true;
            }
            if (g == Tag.ADJ) c.adj = 0;
            if (g == Tag.ADV) c.adv = 0;
        }
        return c;
    }

    /** Part of speech of a word WordNet does not know, from its ending; unknown words in prompts are mostly nouns. */
    private static Tag guess(String w) {
        if (w.endsWith("ly") && w.length() > 4) return Tag.ADV;
        if (w.endsWith("ing") && w.length() > 5 || w.endsWith("ed") && w.length() > 4) return Tag.VERB;
        if (w.endsWith("ous") || w.endsWith("ful") || w.endsWith("able") || w.endsWith("ible") || w.endsWith("ive")) {
            return Tag.ADJ;
        }
        return Tag.NOUN;
    }

    private static String guessVerbLemma(String w) {
        if (w.endsWith("ing") && w.length() > 5) return w.substring(0, w.length() - 3);
        if (w.endsWith("ed") && w.length() > 4) return w.substring(0, w.length() - 2);
        if (w.endsWith("s") && w.length() > 3) return w.substring(0, w.length() - 1);
        return w;
    }

    // ------------------------------------------------------------------ context rules

    private Tag resolve(List<String> words, Tag[] tags, Cand[] cands, int i, boolean last) {
        Cand c = cands[i];
        String w = words.get(i);
        Tag prev = i > 0 ? tags[i - 1] : null;
        Tag next = i + 1 < tags.length ? tags[i + 1] : null;
        String prevWord = i > 0 ? words.get(i - 1) : "";
        Cand nextCand = i + 1 < cands.length ? cands[i + 1] : null;
        boolean atEnd = i + 1 == tags.length;
        boolean nextNounish = next == Tag.NOUN || next == Tag.ADJ || next == null && nextCand != null
                && (nextCand.canNoun() || nextCand.canAdj());
        boolean nextNominal = next == Tag.DET || next == Tag.POSS || next == Tag.PRON || next == Tag.NUM || nextNounish;
        boolean nextBaseVerb = nextCand != null && nextCand.canVerb() && nextCand.verbBase && next != Tag.NOUN;

        switch (w) {
            case "to":
                // a particle before a verb ("want to track", "able to book"), a preposition otherwise
                if (nextCand != null && nextCand.canVerb() && nextCand.verbBase
                        && (nextCand.verb >= Math.max(1, nextCand.noun) || isVerbPrompting(prevWord))) {
                    return Tag.PART;
                }
                return next == null && nextCand != null && !last ? null : Tag.ADP;
            case "that":
                return next == Tag.NOUN || next == Tag.ADJ ? Tag.DET : Tag.SCONJ;
            case "like":
                if (prev == Tag.MODAL || prev == Tag.PRON || prev == Tag.CCONJ && earlierVerb(tags, i) || prev == Tag.PART
                        || prev == Tag.NOUN && isPluralWord(prevWord) && (next == Tag.PRON || next == Tag.DET || next == Tag.POSS)) {
                    return Tag.VERB;
                }
                return Tag.ADP;
            case "one":
                return next == Tag.NOUN || next == Tag.ADJ || i + 1 < words.size() && "of".equals(words.get(i + 1)) ? Tag.NUM : Tag.PRON;
            case "up": case "out": case "back": case "off":
                return Tag.ADP;
            case "get": case "gets": case "have": case "has": case "had": case "having":
                // "I have walked": the perfect's auxiliary; "have an order date": the verb
                boolean participle = next == Tag.VERB || next == null && nextCand != null && nextCand.canVerb() && !nextCand.verbBase;
                return participle && words.get(i + 1).endsWith("ed") ? Tag.AUX : Tag.VERB;
            default:
                break;
        }
        if (c == null) {
            return null;
        }
        if (c.canVerb() && c.verbBase && causativeObjectBefore(words, tags, i)) {
            return Tag.VERB; // "let them star posts", "let the staff tag posts"
        }
        if (Set.of("let", "lets", "allow", "allows", "help", "helps", "enable", "enables").contains(w) && c.canVerb()
                && (i == 0 || prev == Tag.PUNCT || prev == Tag.SCONJ || prev == Tag.MODAL || prev == Tag.PRON)) {
            return Tag.VERB; // causatives: "Let gardeners swap seeds"
        }
        if (!c.canVerb()) {
            if (c.canAdj() && (next == Tag.NOUN || nextCand != null && nextCand.canNoun() && next != Tag.VERB)
                    && (!c.canNoun() || c.adj >= c.noun || prev == Tag.DET || prev == Tag.POSS)) {
                return Tag.ADJ; // "a long URL", "small crowdfunding site"
            }
            if (c.canAdj() && c.adj >= c.noun && (prev == Tag.PRON || prev == Tag.AUX || prev == Tag.CCONJ || prev == Tag.ADV)) {
                return Tag.ADJ; // "make it nice and fast"
            }
            if (!c.known() && unknownVerbSlot(words, tags, i)) {
                return Tag.VERB; // a verb WordNet lacks: "fans RSVP to the gig"
            }
            return c.canNoun() ? Tag.NOUN : c.best();
        }
        if (w.endsWith("ing") && nextCand != null && i + 1 < words.size() && isPluralWord(words.get(i + 1))
                && !(nextCand.canVerb() && nextCand.verbBase) && (prev == Tag.VERB || prev == Tag.DET || prev == Tag.POSS)) {
            return c.canNoun() ? Tag.NOUN : Tag.ADJ; // "post sitting requests", "book cooking classes"
        }
        if ((i == 0 || prev == Tag.PUNCT || prev == Tag.NOUN || prev == Tag.ADJ) && w.endsWith("ing") && nextNounish
                && next != Tag.DET && next != Tag.POSS && next != Tag.VERB && !(nextCand != null && nextCand.canVerb()
                && nextCand.verbBase && isPluralWord(w))) {
            return c.canNoun() ? Tag.NOUN : Tag.ADJ; // "Tutoring platform", "a video hosting site"
        }
        if (c.verbEdIng && w.endsWith("ed") && nextNounish && next != Tag.VERB
                && (prev == Tag.CCONJ || prev == Tag.PUNCT || prev == Tag.DET || prev == Tag.POSS || prev == Tag.ADP)) {
            return Tag.ADJ; // "and uploaded images", "the shared expenses"
        }
        if (!c.canNoun() && !c.canAdj() && (prev == Tag.DET || prev == Tag.POSS)) {
            return Tag.NOUN; // "every edit": a verb used as a noun
        }
        if (!c.canNoun() && !c.canAdj()) {
            boolean listHead = (i == 0 || prev == Tag.PUNCT) && w.endsWith("s") && i + 1 < words.size()
                    && Set.of("with", "have", "has", "(", ":").contains(words.get(i + 1));
            return listHead ? Tag.NOUN : Tag.VERB;
        }
        // ambiguous: list, place, post, book, share, report, short…
        if (prev == Tag.DET || prev == Tag.POSS || prev == Tag.NUM) {
            if (c.canAdj() && nextNounish && next != Tag.VERB) return Tag.ADJ;
            return c.canNoun() ? Tag.NOUN : Tag.ADJ;
        }
        if (prev == Tag.ADJ && c.canNoun()) {
            return Tag.NOUN;
        }
        if (prev == Tag.MODAL || prev == Tag.PART || prev == Tag.AUX && c.verbEdIng) {
            return Tag.VERB;
        }
        if (prev == Tag.PRON && isSubjectPronoun(prevWord) && (c.verbBase || c.verbS || c.verbEdIng)) {
            return Tag.VERB;
        }
        if (prev == Tag.SCONJ && Set.of("which", "what", "whose").contains(prevWord) && c.canNoun()
                && (atEnd || next == Tag.PUNCT || next == Tag.CCONJ || next == Tag.VERB || next == Tag.AUX || next == Tag.MODAL)) {
            return Tag.NOUN; // "which member borrowed which book": "which" determines a noun
        }
        if (prev == Tag.SCONJ && Set.of("who", "which", "that").contains(prevWord) && (c.verbS || c.verbBase || c.verbEdIng)
                && !(c.canNoun() && isPluralWord(w) && nextBaseVerb)) {
            return Tag.VERB; // "that work at a company", but "claims that drivers file"
        }
        if (prev == Tag.VERB && c.canNoun() && !(c.verbEdIng && w.endsWith("ing"))) {
            return Tag.NOUN; // the object: "place bids", "counts clicks", "leave notes"
        }
        if (prev == Tag.ADP && c.canNoun()) {
            return w.endsWith("ing") && c.canVerb() && (next == Tag.DET || next == Tag.POSS || nextNounish) ? Tag.VERB : Tag.NOUN;
        }
        boolean startsSentence = i == 0 || prev == Tag.PUNCT && Set.of(":", ";", "-", "(").contains(prevWord);
        String nextWord = i + 1 < words.size() ? words.get(i + 1) : "";
        if (startsSentence && w.endsWith("s") && Set.of("with", "have", "has", "(", ":", "that", "which").contains(nextWord)) {
            return Tag.NOUN; // "refuels with a date, litres and…": the things listed
        }
        if (startsSentence && prevWord.equals(":") && c.verbBase && c.verb > 0 && i + 1 < words.size()
                && isPluralWord(words.get(i + 1)) && !laterVerb(cands, tags, i + 2)) {
            return Tag.VERB; // "Bakery: list loaves, bakers and shifts"
        }
        if (startsSentence) {
            // an imperative ("Keep a log", "Manage my band") takes a determiner; a title does not
            // not before a subject: "people I buy for" is a noun with its relative clause
            boolean subjectNext = i + 1 < words.size() && Set.of("i", "we", "they", "he", "she").contains(words.get(i + 1));
            if (c.verbBase && (next == Tag.DET || next == Tag.POSS || next == Tag.PRON && !subjectNext)) return Tag.VERB;
            if (c.verbBase && c.verb > 3 * (c.noun + 1)) return Tag.VERB; // "Keep track of…"
            if (w.endsWith("ing") && (next == Tag.DET || next == Tag.POSS)) return Tag.VERB; // "visiting the link"
            if (w.endsWith("ing") && nextNounish) return c.canNoun() ? Tag.NOUN : Tag.ADJ; // "Mentoring platform"
            if (c.canAdj() && nextNounish && c.adj >= c.noun) return Tag.ADJ;
            if (c.canNoun() && isPluralWord(w) && nextBaseVerb) return Tag.NOUN;
            return c.canNoun() ? Tag.NOUN : c.canAdj() ? Tag.ADJ : Tag.VERB;
        }
        if (c.canNoun() && isPluralWord(w) && nextBaseVerb && nextCand.verb > 0) {
            return Tag.NOUN; // a plural subject before its verb: "home cooks share", "volunteers sign up"
        }
        if (c.canNoun() && isPluralWord(w) && i + 2 < words.size() && isSubjectPronoun(words.get(i + 1))
                && cands[i + 2] != null && cands[i + 2].canVerb()) {
            return Tag.NOUN; // "orders I ship": a noun with its relative clause
        }
        if (prev == Tag.NOUN || prev == null && i > 0 && cands[i - 1] != null && cands[i - 1].canNoun()) {
            // subject + verb: "members enter groups", "the clerk files them"
            boolean pluralSubject = isPluralWord(prevWord);
            // "the link redirects": a singular subject has a determiner; "Conference talks" is a noun phrase
            boolean determined = i >= 2 && (tags[i - 2] == Tag.DET || tags[i - 2] == Tag.POSS || tags[i - 2] == Tag.ADJ);
            boolean verbForm = pluralSubject ? c.verbBase : c.verbS && determined;
            // "the soil checks we run": a noun with its relative clause, not "soil checks" + object
            boolean relativeNext = i + 1 < words.size() && Set.of("i", "we", "they", "he", "she", "you").contains(words.get(i + 1));
            if (verbForm && !relativeNext && (nextNominal || next == Tag.ADP || next == Tag.PUNCT || next == Tag.CCONJ || next == Tag.ADV || atEnd)) {
                if (pluralSubject || c.verb >= c.noun || next == Tag.PRON || next == Tag.DET || next == Tag.POSS) {
                    return Tag.VERB;
                }
            }
            // reduced relative clause: "photos sorted into albums", "tools used", "the treatments given at…"
            boolean participle = w.endsWith("ed") || !w.endsWith("ing") && isPluralWord(prevWord);
            if (c.verbEdIng && participle && (next == Tag.ADP || next == Tag.CCONJ || next == Tag.PUNCT || atEnd)) {
                return Tag.VERB;
            }
            if (c.canNoun() && (nextNounish || atEnd || next == Tag.ADP || next == Tag.PUNCT || next == Tag.CCONJ
                    || next == Tag.SCONJ || relativeNext)) {
                return Tag.NOUN;
            }
        }
        boolean compoundSubject = nextCand != null && isPluralWord(words.get(i + 1)) && i + 2 < words.size()
                && cands[i + 2] != null && cands[i + 2].canVerb() && cands[i + 2].verbBase;
        boolean afterPhraseEnd = i >= 2 && (tags[i - 2] == Tag.PRON || tags[i - 2] == Tag.ADV || tags[i - 2] == Tag.ADJ
                || tags[i - 2] == Tag.DET);
        if ((prev == Tag.CCONJ || prev == Tag.PUNCT && prevWord.equals(",")) && earlierVerb(tags, i) && !compoundSubject
                && (c.verbBase || c.verbS) && afterPhraseEnd && (nextNominal || next == Tag.PRON)) {
            return Tag.VERB; // "greet each other and share race times"
        }
        if (prev == Tag.PUNCT && prevWord.equals(",") && earlierVerb(tags, i) && !compoundSubject && c.verbBase
                && (next == Tag.DET || next == Tag.POSS || next == Tag.PRON || nextNominal && c.verb * 2 >= c.noun)) {
            return Tag.VERB; // "pupils enrol, read chapters and…"
        }
        if (prev == Tag.CCONJ && earlierVerb(tags, i) && !afterNounList(tags, i) && (c.verbBase || c.verbS) && !compoundSubject
                && (next == Tag.DET || next == Tag.POSS || next == Tag.PRON
                || (nextNominal || next == Tag.ADP) && (c.verb >= c.noun || Domain.get().transactionVerbs.contains(w)))) {
            return Tag.VERB; // "enter groups and post updates", "accepts or declines it", "and book tennis courts"
        }
        if (prev == Tag.ADV && (c.verbBase || c.verbS) && nextNominal) {
            return Tag.VERB;
        }
        if (c.verbEdIng && w.endsWith("ed") && nextNounish) {
            return Tag.ADJ; // "uploaded images", "shared expenses"
        }
        if (c.canNoun() && (prev == Tag.CCONJ || prev == Tag.PUNCT) && (nextNounish || atEnd || next == Tag.PUNCT
                || next == Tag.ADP || next == Tag.CCONJ)) {
            return Tag.NOUN; // inside a list: "and repair jobs", ", labour hours"
        }
        return last && c.canNoun() && (atEnd || next == Tag.PUNCT) ? Tag.NOUN : null;
    }

    /** Whether a word from {@code from} on is surely a verb (so an earlier word is its subject, not an imperative). */
    private static boolean laterVerb(Cand[] cands, Tag[] tags, int from) {
        for (int k = from; k < tags.length; k++) {
            if (tags[k] == Tag.VERB || tags[k] == Tag.MODAL || tags[k] == Tag.AUX) return true;
            if (tags[k] == Tag.PUNCT) return false;
            if (cands[k] != null && cands[k].canVerb() && !cands[k].canNoun() && !cands[k].canAdj()) return true;
        }
        return false;
    }

    /** Whether a causative verb and its object come right before {@code i} ("let them", "let the team"). */
    private static boolean causativeObjectBefore(List<String> words, Tag[] tags, int i) {
        Set<String> causatives = Set.of("let", "lets", "help", "helps", "make", "makes", "have");
        if (i >= 2 && tags[i - 1] == Tag.PRON && Set.of("them", "us", "me", "him", "her", "people", "users").contains(words.get(i - 1))
                && causatives.contains(words.get(i - 2))) {
            return true;
        }
        if (!(i >= 3 && (tags[i - 1] == Tag.NOUN) && (tags[i - 2] == Tag.DET || tags[i - 2] == Tag.POSS)
                && causatives.contains(words.get(i - 3)))) {
            return false;
        }
        // "have the staff tag posts" acts on something; "have an order date and a status" lists what a thing has
        String cause = words.get(i - 3);
        if (cause.startsWith("ha") || cause.startsWith("make")) {
            String after = i + 1 < words.size() ? words.get(i + 1) : "";
            return DETERMINERS.contains(after) || POSSESSIVES.contains(after) || isObjectPronoun(after)
                    || after.endsWith("s") && after.length() > 3;
        }
        return true;
    }

    private static boolean isObjectPronoun(String w) {
        return Set.of("them", "it", "us", "me", "him", "her").contains(w);
    }

    /** Whether an unknown word stands where a verb must be: after a plural or pronoun subject, before an object or "to". */
    private boolean unknownVerbSlot(List<String> words, Tag[] tags, int i) {
        if (i == 0 || i + 1 >= words.size()) return false;
        String prevWord = words.get(i - 1);
        boolean subject = tags[i - 1] == Tag.PRON && isSubjectPronoun(prevWord)
                || tags[i - 1] == Tag.NOUN && isPluralWord(prevWord);
        String nextWord = words.get(i + 1);
        boolean object = DETERMINERS.contains(nextWord) || POSSESSIVES.contains(nextWord) || nextWord.equals("to")
                || nextWord.equals("for") || nextWord.equals("on");
        if (!subject || !object) return false;
        for (int k = i - 1; k >= 0 && tags[k] != Tag.PUNCT; k--) {
            if (tags[k] == Tag.VERB) return false;
        }
        return true;
    }

    private static boolean isVerbPrompting(String w) {
        return Set.of("want", "wants", "need", "needs", "able", "like", "likes", "how", "way", "used", "going", "try",
                "tries", "love", "allow", "allows", "lets", "help", "helps").contains(w);
    }

    private static boolean isSubjectPronoun(String w) {
        return Set.of("i", "we", "you", "they", "he", "she", "it", "someone", "everyone", "anyone", "somebody",
                "everybody", "who").contains(w);
    }

    private boolean isPluralWord(String w) {
        String bare = stripPossessive(w);
        if (bare.endsWith("ss") || bare.endsWith("us")) return false;
        List<String> n = wn.nounLemmas(bare);
        if (!n.isEmpty()) {
            return !n.get(0).equals(bare) || Set.of("people", "staff", "police", "folk", "cattle").contains(bare);
        }
        return bare.endsWith("s") && bare.length() > 3;
    }

    private static boolean earlierVerb(Tag[] tags, int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (tags[k] == Tag.PUNCT && k < i - 1) return false;
            if (tags[k] == Tag.VERB) return true;
        }
        return false;
    }

    /** Whether the conjunction before {@code i} closes a list of nouns ("shelves, boxes and labels"). */
    private static boolean afterNounList(Tag[] tags, int i) {
        int k = i - 2;
        return k >= 0 && tags[k] == Tag.NOUN && k - 1 >= 0 && tags[k - 1] == Tag.PUNCT;
    }

    /** A clause with no verb but an ambiguous word after its subject takes that word as its verb. */
    private void fixClausesWithoutVerb(List<String> words, Tag[] tags, Cand[] cands, int headerEnd) {
        int start = headerEnd > 0 ? headerEnd + 1 : 0;
        for (int i = start; i <= tags.length; i++) {
            boolean end = i == tags.length || tags[i] == Tag.PUNCT && Set.of(";", ":", ".", "!", "?").contains(words.get(i))
                    || tags[i] == Tag.CCONJ && i + 1 < tags.length && (tags[i + 1] == Tag.DET || tags[i + 1] == Tag.POSS
                    || tags[i + 1] == Tag.PRON);
            if (!end) continue;
            boolean hasVerb = false;
            int firstNoun = -1;
            for (int k = start; k < i; k++) {
                if (tags[k] == Tag.VERB || tags[k] == Tag.AUX || tags[k] == Tag.MODAL) hasVerb = true;
                if (firstNoun < 0 && tags[k] == Tag.NOUN) firstNoun = k;
            }
            if (!hasVerb && firstNoun >= 0 && i - start >= 3) {
                boolean pluralSubject = isPluralWord(words.get(firstNoun));
                int bestAt = -1;
                int bestScore = 0;
                for (int k = firstNoun + 1; k < i - 1; k++) {
                    Cand c = cands[k];
                    if (c == null || !c.canVerb() || tags[k] != Tag.NOUN || tags[k - 1] != Tag.NOUN) continue;
                    // the verb takes an object; inside "with a date, litres, total cost and…" nothing is a verb
                    Tag after = tags[k + 1];
                    if (after != Tag.NOUN && after != Tag.DET && after != Tag.POSS && after != Tag.ADJ) continue;
                    boolean inWithList = false;
                    for (int b = start; b < k; b++) {
                        if (words.get(b).equals("with")) inWithList = true;
                    }
                    if (inWithList) continue;
                    if (!(pluralSubject ? c.verbBase : c.verbS)) continue;
                    int score = c.verb - c.noun / 2 + 10;
                    if (tags[k + 1] == Tag.NOUN || tags[k + 1] == Tag.DET || tags[k + 1] == Tag.POSS) score += 20;
                    if (bestAt < 0 || score > bestScore) {
                        bestAt = k;
                        bestScore = score;
                    }
                }
                if (bestAt > 0 && bestScore > 0) {
                    tags[bestAt] = Tag.VERB;
                }
            }
            start = i + 1;
        }
    }
}
