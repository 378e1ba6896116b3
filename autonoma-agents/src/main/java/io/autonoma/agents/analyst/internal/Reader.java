package io.autonoma.agents.analyst.internal;

import io.autonoma.agents.analyst.internal.Phrases.Item;
import io.autonoma.agents.analyst.internal.Phrases.Kind;
import io.autonoma.agents.analyst.internal.Phrases.NP;
import io.autonoma.agents.analyst.internal.Phrases.VG;
import io.autonoma.agents.analyst.internal.Tagger.Tag;
import io.autonoma.agents.analyst.internal.Tagger.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what a prompt is about, sentence by sentence: the things it names and how (listed, kept by
 * someone, contained in something, belonging to someone), the people acting in it, and the behaviour
 * words it uses. Grammar comes from {@link Tagger} and {@link Phrases}; word meaning from WordNet and the
 * app-domain layer. Not thread-safe: one reader per prompt.
 */
final class Reader {
    private static final Set<String> CONTAINMENT = Set.of("in", "into", "inside", "on", "onto", "within", "under",
            "between", "among", "across");
    private static final Set<String> STATUS_WORDS = Set.of("status", "state", "stage", "progress");
    private static final Set<String> LOG_VERBS = Set.of("log", "record", "track", "enter", "note");
    private static final Set<String> HAVE = Set.of("have", "has", "include", "contain", "feature", "comprise", "consist_of", "hold");
    private static final Set<String> TIME_CONJUNCTIONS = Set.of("until", "till", "before", "after", "once", "when", "since");
    static final Set<String> WEAK_VERBS = Set.of("be", "have", "has", "include", "contain", "see", "view", "show", "get", "use", "want", "need", "like_to",
            "help", "let", "allow", "do", "go", "come", "become", "seem", "feel", "think", "know", "learn",
            "understand", "find", "look", "try", "wish", "love", "enjoy", "run", "manage", "keep_track", "handle", "play");

    private final WordNet wn = WordNet.get();
    private final Domain domain = Domain.get();
    private final Tagger tagger = new Tagger(wn);
    private final Reading r = new Reading();

    /** The people "they"/"their" refer to, and the things "them" refers to. */
    private Concept lastPeople;
    private Concept lastMentionedPerson;
    private boolean lastPeopleGeneric;
    private List<Concept> lastThings = List.of();
    /** The things the last clause acted on, when it also made a record of the act ("walk the dogs" → the dogs). */
    private List<Concept> lastObjects = List.of();
    /** Noun phrases counted, not kept: "seats" in "a number of seats". */
    private final Set<NP> counted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private int sentence;

    Reading read(String prompt) {
        List<String> sentences = PromptParser.sentences(prompt);
        for (sentence = 0; sentence < sentences.size(); sentence++) {
            List<Token> tokens = tagger.tag(Tagger.words(sentences.get(sentence)));
            read(tokens);
        }
        return r;
    }

    // ------------------------------------------------------------------ sentences

    private void read(List<Token> sentenceTokens) {
        LimitPhrases.Found limits = LimitPhrases.read(sentenceTokens, domain, this::isPerson);
        List<Item> items = readSentence(limits.tokens());
        for (LimitPhrases.Phrase p : limits.phrases()) limit(p, items);
    }

    /** Reads one sentence; returns its phrases. */
    private List<Item> readSentence(List<Token> all) {
        // parenthesised details: "albums (title, release year)" gives albums a field list; the reader skips them
        List<Token> tokens = new ArrayList<>();
        Set<Integer> fieldListAfter = new java.util.HashSet<>();
        int depth = 0;
        for (int ti = 0; ti < all.size(); ti++) {
            Token t = all.get(ti);
            if (t.text().equals("(")) {
                depth++;
                // "recipes (name, calories)" lists fields; "a day (monday, tuesday)" lists values
                if (depth == 1 && !tokens.isEmpty() && tokens.get(tokens.size() - 1).plural() && parenthesisedList(all, ti)) {
                    fieldListAfter.add(tokens.size() - 1);
                }
                continue;
            }
            if (t.text().equals(")")) {
                depth = Math.max(0, depth - 1);
                continue;
            }
            if (depth == 0 && !t.text().matches("[.!?]")) tokens.add(t);
        }
        if (tokens.isEmpty()) return List.of();
        List<Item> items = Phrases.chunk(tokens);
        markFieldLists(items, tokens, fieldListAfter);
        int colon = headerEnd(items);
        if (colon > 0 && fieldsOfHeader(items.subList(0, colon), items.subList(colon + 1, items.size()))) {
            return items;
        }
        if (colon > 0) {
            header(items.subList(0, colon));
            body(items.subList(colon + 1, items.size()), false);
        } else {
            body(items, sentence == 0);
        }
        return items;
    }

    /**
     * A limit read by {@link LimitPhrases}, as a hint on the things counted (none: the parent's bookings or sign-ups,
     * whatever the spec names them) with the word of what they are counted per.
     */
    private void limit(LimitPhrases.Phrase p, List<Item> items) {
        Concept counted = p.counted() == null ? null : conceptOf(p.counted(), items);
        Concept parent = p.parent() != null ? conceptOf(p.parent(), items)
                : p.lastThing() ? lastThing()
                : lastPeopleGeneric ? null : lastPeople;
        String parentWord = parent != null ? parent.head : p.parent() != null ? p.parent().lemma() : null;
        if (parentWord == null) {
            r.notes.add("'" + p.words() + "' reads as a limit, but not per what; left it out.");
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("parent", parentWord);
        if (parent != null && parent.person || isPerson(parentWord)) params.put("perPerson", "true");
        if (p.max() != null) params.put("max", String.valueOf(p.max()));
        if (!p.qualifiers().isEmpty()) params.put("states", String.join(",", p.qualifiers()));
        // "up to 10 guests per event": people are counted by what they make (a booking, a sign-up) if not kept as such
        if (counted == null || counted.person) params.put("anyChild", "true");
        r.hint("limit", counted, params, "\"" + p.words() + "\"");
    }

    /** The thing last talked about; for a sign-up or a booking ("sign up for workshops"), what it is for. */
    private Concept lastThing() {
        Concept last = lastThings.isEmpty() ? null : lastThings.get(lastThings.size() - 1);
        if (last == null || !domain.actNouns.containsValue(last.head)) return last;
        Concept of = null;
        for (Reading.Link l : r.links) {
            if (l.from() == last && l.to() != null && !l.to().person) of = l.to();
        }
        return of != null ? of : last;
    }

    /** The concept the reader made of the noun phrase holding {@code token}, if any. */
    private Concept conceptOf(Token token, List<Item> items) {
        for (Item it : items) {
            if (it.is(Kind.NP) && !it.np().pronoun() && it.np().tokens().contains(token) && read.containsKey(it.np())) {
                Concept c = read.get(it.np());
                if (c.head.equals(token.lemma()) || it.np().head().equals(token)) return c;
            }
        }
        return r.find(token.lemma()).orElse(null);
    }

    /** Whether the parenthesis opening at {@code open} lists things ("(title, author)"), not a remark ("(optional)"). */
    private static boolean parenthesisedList(List<Token> all, int open) {
        int nouns = 0;
        boolean separated = false;
        for (int i = open + 1; i < all.size() && !all.get(i).text().equals(")"); i++) {
            if (all.get(i).is(Tag.NOUN)) nouns++;
            if (all.get(i).text().equals(",") || all.get(i).is(Tag.CCONJ)) separated = true;
        }
        return nouns >= 2 || nouns == 1 && separated;
    }

    private void markFieldLists(List<Item> items, List<Token> tokens, Set<Integer> after) {
        for (Item it : items) {
            if (it.is(Kind.NP) && !it.np().pronoun() && after.contains(tokens.indexOf(it.np().head()))) {
                concept(it.np()).fieldLists++;
            }
        }
    }

    /** Index of a ':' or dash after a short title ("Leave requests: …", "yoga studio — classes…"), or 0. */
    private static int headerEnd(List<Item> items) {
        for (int i = 0; i < Math.min(items.size(), 8); i++) {
            Item it = items.get(i);
            if (it.is(Kind.OTHER) && (it.word().equals(":") || it.word().equals("-")) && i > 0 && i < items.size() - 1) {
                return i;
            }
            if (it.is(Kind.VG)) {
                boolean gerundAfterPreposition = i > 0 && items.get(i - 1).is(Kind.PREP) && it.vg().verb().text().endsWith("ing");
                if (!(i == 0 && it.vg().verb().form().equals("base")) && !gerundAfterPreposition) return 0;
            }
        }
        return 0;
    }

    /**
     * "Members: name, email, membership number": a plural title followed by a list of singular nouns lists
     * the title's fields. Returns whether the sentence read so.
     */
    private boolean fieldsOfHeader(List<Item> header, List<Item> body) {
        List<Item> nps = header.stream().filter(i -> i.is(Kind.NP)).toList();
        if (nps.size() != 1 || header.size() != 1 || nps.get(0).np().pronoun() || !nps.get(0).np().plural()) return false;
        List<NP> list = new ArrayList<>();
        int end = collectList(body, 0, list);
        if (end != body.size() || list.size() < 2 || list.stream().anyMatch(n -> n.plural() && !isFieldish(conceptQuietly(n)))) {
            return false;
        }
        Concept owner = concept(nps.get(0).np());
        owner.fieldLists++;
        fieldList(owner, list);
        return true;
    }

    /** A title before ':' names the app or, when plural, the main things ("Leave requests:", "Bill reminders:"). */
    private void header(List<Item> items) {
        if (!items.isEmpty() && items.get(0).is(Kind.VG)) {
            // "Manage my band:", "Plan group trips:"; "Organise a hackathon:" names the occasion, not records
            if (items.size() == 2 && items.get(1).is(Kind.NP) && !items.get(1).np().plural() && !items.get(1).np().pronoun()) {
                conceptQuietly(items.get(1).np()).context++;
                if (r.appNameWords.isEmpty()) r.appNameWords = items.get(1).np().words();
                return;
            }
            clause(items, null, false);
            return;
        }
        List<NP> nps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            if (it.is(Kind.PREP)) {
                // "for my staff", "for a soup kitchen": who the app is for, not a thing it keeps
                if (i + 1 < items.size() && items.get(i + 1).is(Kind.NP)) {
                    NP np = items.get(i + 1).np();
                    if (!np.pronoun()) contextOrThing(np);
                }
                break;
            }
            if (it.is(Kind.NP) && !it.np().pronoun()) nps.add(it.np());
        }
        if (nps.isEmpty()) return;
        NP last = nps.get(nps.size() - 1);
        if (isTitle(last)) {
            title(last);
            return;
        }
        for (NP np : nps) {
            Concept c = conceptQuietly(np);
            c.headers++;
            if (r.appNameWords.isEmpty()) r.appNameWords = np.words();
        }
    }

    private boolean isTitle(NP np) {
        return domain.appWords.contains(np.head().lemma()) || !np.plural() && !np.possessive();
    }

    /** The app's own title ("A forum app", "A test scores portal"): its name, and plural modifiers as things. */
    private void title(NP np) {
        List<String> words = new ArrayList<>();
        for (Token m : np.modifiers()) {
            if (m.is(Tag.NOUN) || m.is(Tag.ADJ)) words.add(m.lemma());
            if (m.is(Tag.NOUN) && m.plural()) {
                Concept c = r.concept(List.of(m.lemma()), false);
                c.headers++;
                if (m.plural()) c.plurals++;
            }
        }
        if (!domain.appWords.contains(np.head().lemma())) words.add(np.head().lemma());
        if (r.appNameWords.isEmpty()) r.appNameWords = words.isEmpty() ? List.of(np.head().lemma()) : words;
        if (shortCodeWord(np.head().lemma())) {
            r.hint("short_code", null, Map.of(), "'" + np.head().text() + "'");
        }
        for (Token m : np.modifiers()) behaviourWord(m.lemma(), null, "'" + np.head().text() + "'");
        behaviourWord(np.head().lemma(), null, "title");
    }

    // ------------------------------------------------------------------ clauses

    private void body(List<Item> items, boolean first) {
        int start = 0;
        if (first && !items.isEmpty() && items.get(0).is(Kind.NP) && !items.get(0).np().pronoun()) {
            // "A forum app where…", "A scrum board with…", "Tutoring platform pairing…"
            NP np = items.get(0).np();
            Item next = items.size() > 1 ? items.get(1) : null;
            boolean opensTitle = next == null || next.is(Kind.SUB) || next.is(Kind.PREP)
                    && Set.of("with", "for", "to", "that", "where").contains(next.word())
                    || next.is(Kind.VG) && next.vg().verb().text().endsWith("ing") || next.is(Kind.COMMA)
                    || next.is(Kind.OTHER);
            if ((domain.appWords.contains(np.head().lemma()) || opensTitle) && !np.plural()) {
                title(np);
                start = 1;
                if (next != null && next.is(Kind.VG) && next.vg().verb().text().endsWith("ing")) {
                    // "platform pairing tutors with pupils": the app does it for its users
                    clause(items.subList(1, items.size()), null, false);
                    return;
                }
                if (next != null && next.is(Kind.PREP) && next.word().equals("for")) {
                    // "Booking system for a climbing wall", "board for our apartment block"
                    int k = 2;
                    while (k < items.size() && items.get(k).is(Kind.NP)) {
                        if (!items.get(k).np().pronoun()) contextOrThing(items.get(k).np());
                        k++;
                    }
                    start = k;
                }
            }
        }
        List<Item> rest = items.subList(start, items.size());
        for (Clause c : split(rest)) {
            if (TIME_CONJUNCTIONS.contains(c.opener)) {
                timeClause(c.items);
            } else if (c.subject != null && Set.of("that", "which").contains(c.opener) && hasOwnSubject(c.items)) {
                // "claims that drivers file": the clause's own subject acts on the noun before it
                relativeClause(c.items, c.subject);
            } else {
                clause(c.items, c.subject, c.passive);
            }
        }
    }

    /** A clause with the subject it inherits (coordinated verb phrases, relative clauses) and the word opening it. */
    private record Clause(List<Item> items, Concept subject, boolean passive, String opener) {}

    private List<Clause> split(List<Item> items) {
        List<Clause> out = new ArrayList<>();
        int start = 0;
        Concept inherited = null;
        for (int i = 0; i <= items.size(); i++) {
            boolean end = i == items.size();
            boolean cut = false;
            if (!end && i > start) {
                Item it = items.get(i);
                Item next = i + 1 < items.size() ? items.get(i + 1) : null;
                if (it.is(Kind.SUB)) {
                    cut = true;
                } else if ((it.is(Kind.COMMA) || it.is(Kind.CONJ)) && startsClause(items, i + 1)) {
                    cut = true;
                } else if ((it.is(Kind.CONJ) || it.is(Kind.COMMA)) && next != null && next.is(Kind.VG)
                        && hasVerb(items.subList(start, i)) && !endsWithVerb(items.subList(start, i))) {
                    cut = true; // "enter groups and post updates", "plan tours, book venues…"; not "accepts or declines it"
                } else if (it.is(Kind.COMMA) && next != null && next.is(Kind.PREP) && next.word().equals("with")) {
                    cut = true; // "…, with feedback on…"
                } else if (it.is(Kind.PREP) && TIME_CONJUNCTIONS.contains(it.word())
                        && (next != null && next.is(Kind.VG) || startsClause(items, i + 1))) {
                    cut = true; // "until the sale ends", "until closed"
                }
            }
            if (end || cut) {
                List<Item> part = items.subList(start, i);
                if (!part.isEmpty()) {
                    Clause previous = out.isEmpty() ? null : out.get(out.size() - 1);
                    Concept subject = null;
                    boolean passive = false;
                    Item opener = part.get(0);
                    if (previous != null && (opener.is(Kind.CONJ) || opener.is(Kind.COMMA)) && part.size() > 1
                            && part.get(1).is(Kind.VG)) {
                        subject = inherited;
                        passive = previous.passive && part.get(1).vg().verb().form().equals("ed");
                    } else if (opener.is(Kind.SUB) && Set.of("that", "which", "who").contains(opener.word()) && previous != null) {
                        subject = lastNounConcept(previous.items);
                    }
                    String openerWord = opener.is(Kind.SUB) || opener.is(Kind.PREP) ? opener.word() : "";
                    Clause c = new Clause(strip(part), subject, passive || previousPassive(part), openerWord);
                    out.add(c);
                    Concept s = subjectOf(c);
                    if (s != null) inherited = s;
                }
                start = i;
            }
        }
        return out;
    }

    private static boolean hasOwnSubject(List<Item> items) {
        return items.size() >= 2 && items.get(0).is(Kind.NP) && items.get(1).is(Kind.VG) && !items.get(1).vg().passive();
    }

    /** "(claims) that drivers file and the insurer sends to assessors". */
    private void relativeClause(List<Item> items, Concept antecedent) {
        List<Item> c = new ArrayList<>(items);
        // the antecedent fills the object place of each verb that lacks one
        int v = 1;
        Item object = new Item(Kind.NP, null, null, null);
        NP subject = items.get(0).np();
        VG vg = items.get(1).vg();
        boolean hasObject = items.size() > 2 && items.get(2).is(Kind.NP);
        if (!hasObject) {
            Concept s = subject.pronoun() ? peopleFor(subject) : concept(subject);
            boolean generic = subject.pronoun() && s == null && isPeoplePronoun(subject.head().text()) || s != null && s.genericPerson;
            antecedent.objects++;
            antecedent.objectOf.add(vg.lemma());
            if (s != null && s != antecedent) {
                s.subjects++;
                s.subjectOf.add(vg.lemma());
                if (s.person && !s.genericPerson) r.role(s.head, vg.lemma());
            }
            if (s != null && s.person || generic) {
                Concept act = actConcept(vg.lemma(), List.of(antecedent), List.of(), false);
                if (act != null) {
                    r.link(act, antecedent, false, null, true, "\"" + words(items) + "\"");
                    creator(act, s == null || s.genericPerson ? null : s, vg.lemma());
                } else {
                    creator(antecedent, s == null || s.genericPerson ? null : s, vg.lemma());
                }
            }
            behaviourVerb(vg.lemma(), List.of(antecedent), null, items);
            lastThings = List.of(antecedent);
            List<Item> rest = items.subList(2, items.size());
            // "dives I've logged with a depth, plus pictures of each reef": more things after the phrase
            for (Concept x : prepositions(rest, List.of(antecedent), vg.lemma(), null)) x.objects++;
            // "… and the insurer sends to assessors": the next subject and verb act on it too;
            // "the levels they clear and win trophies": the same people go on doing
            if (moreRelatives(rest)) return;
            for (int i = 0; i + 1 < rest.size(); i++) {
                if (rest.get(i).is(Kind.CONJ) && i + 2 < rest.size() && rest.get(i + 1).is(Kind.NP) && rest.get(i + 2).is(Kind.VG)) {
                    relativeClause(rest.subList(i + 1, rest.size()), antecedent);
                    break;
                }
                if (rest.get(i).is(Kind.CONJ) && rest.get(i + 1).is(Kind.VG)) {
                    clause(rest.subList(i + 1, rest.size()), s, false);
                    break;
                }
            }
            return;
        }
        clause(c, null, false);
    }

    private static boolean endsWithVerb(List<Item> items) {
        return !items.isEmpty() && items.get(items.size() - 1).is(Kind.VG);
    }

    /** "until closed", "until the sale ends": the state the things reach, a step of a workflow. */
    private void timeClause(List<Item> c) {
        Concept subject = null;
        VG vg = null;
        for (Item it : c) {
            if (it.is(Kind.NP) && !it.np().pronoun() && subject == null && vg == null) subject = concept(it.np());
            if (it.is(Kind.VG) && vg == null) vg = it.vg();
        }
        if (vg == null) {
            nounList(c, null);
            return;
        }
        String verb = vg.verb().lemma();
        List<Concept> things = subject != null ? List.of(subject) : lastThings;
        if (subject != null) subject.subjects++;
        if (domain.behaviour("workflow", verb)) {
            for (Concept t : things) {
                String role = lastPeople != null && !lastPeopleGeneric ? lastPeople.head : "";
                r.hint("workflow", t, Map.of("action", verb, "role", role), "\"until " + words(c) + "\"");
            }
        }
    }

    private boolean previousPassive(List<Item> part) {
        for (Item it : part) {
            if (it.is(Kind.VG)) return it.vg().passive();
        }
        return false;
    }

    private static List<Item> strip(List<Item> part) {
        int s = 0;
        while (s < part.size() && (part.get(s).is(Kind.CONJ) || part.get(s).is(Kind.COMMA)
                || part.get(s).is(Kind.SUB) && !part.get(s).word().equals("whether")
                || part.get(s).is(Kind.PREP) && TIME_CONJUNCTIONS.contains(part.get(s).word()) && s + 1 < part.size()
                && (part.get(s + 1).is(Kind.VG) || part.get(s + 1).is(Kind.NP)))) {
            s++;
        }
        return part.subList(s, part.size());
    }

    private Concept subjectOf(Clause c) {
        if (c.subject != null) return c.subject;
        for (int i = 0; i < c.items.size(); i++) {
            Item it = c.items.get(i);
            if (it.is(Kind.VG)) {
                if (i > 0 && c.items.get(i - 1).is(Kind.NP)) {
                    NP np = c.items.get(i - 1).np();
                    return np.pronoun() ? peopleFor(np) : conceptIfKnown(np);
                }
                return null;
            }
        }
        return null;
    }

    private Concept lastNounConcept(List<Item> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (items.get(i).is(Kind.NP) && !items.get(i).np().pronoun()) return conceptIfKnown(items.get(i).np());
        }
        return null;
    }

    private static boolean hasVerb(List<Item> items) {
        return items.stream().anyMatch(i -> i.is(Kind.VG));
    }

    /** Whether a subject and its verb start at {@code i} ("…, buyers make offers", "… and the clerk files them"). */
    private static boolean startsClause(List<Item> items, int i) {
        return i + 1 < items.size() && items.get(i).is(Kind.NP) && items.get(i + 1).is(Kind.VG)
                && !items.get(i).np().head().text().equals("what")
                && !items.get(i + 1).vg().verb().text().endsWith("ing")
                && !(items.get(i + 1).vg().verb().text().endsWith("ed") && items.get(i + 1).vg().tokens().size() == 1
                && (i + 2 >= items.size() || items.get(i + 2).is(Kind.PREP) || items.get(i + 2).is(Kind.CONJ)));
    }

    // ------------------------------------------------------------------ one clause

    private void clause(List<Item> c, Concept inheritedSubject, boolean inheritedPassive) {
        if (c.isEmpty()) return;
        int v = -1;
        for (int i = 0; i < c.size(); i++) {
            if (c.get(i).is(Kind.VG)) {
                v = i;
                break;
            }
        }
        if (v < 0) {
            nounList(c, null);
            return;
        }
        VG first = c.get(v).vg();
        // "opening the invite shows…": a gerund phrase is the subject of the verb after it
        if (v == 0 && first.verb().text().endsWith("ing") && c.size() > 2 && c.get(1).is(Kind.NP)
                && c.get(2).is(Kind.VG)) {
            clause(c.subList(1, c.size()), null, false);
            return;
        }
        // "Let gardeners swap seeds", "help teams plan releases": the person after the verb does the next verb
        if (Set.of("let", "help", "allow", "enable", "make", "have").contains(first.verb().lemma()) && v + 2 < c.size()
                && c.get(v + 1).is(Kind.NP) && c.get(v + 2).is(Kind.VG)) {
            clause(c.subList(v + 1, c.size()), null, false);
            return;
        }
        // a bare participle after a list of nouns ("service visits with tools used") only describes them
        if (first.tokens().size() == 1 && first.verb().form().equals("ed") && v >= 2 && isNounListUpTo(c, v)) {
            nounList(c.subList(0, v), null);
            prepositions(c.subList(v + 1, c.size()), lastThings, first.verb().lemma(), null);
            return;
        }
        List<NP> subjects = new ArrayList<>();
        List<Item> before = c.subList(0, v);
        for (int i = 0; i < before.size(); i++) {
            Item it = before.get(i);
            if (it.is(Kind.PREP)) {
                // "Owners of the boats log…": the PP belongs to the subject
                if (i + 1 < before.size() && before.get(i + 1).is(Kind.NP) && !subjects.isEmpty()) {
                    attach(concept(subjects.get(subjects.size() - 1)), it.word(), before.get(i + 1).np(), null);
                    i++;
                }
                continue;
            }
            if (it.is(Kind.NP) && !isTimeAdverbial(it.np())) subjects.add(it.np());
        }
        // "courts, coaches and players booking a slot": the participle describes the last of the list
        if (first.verb().text().endsWith("ing") && first.tokens().size() == 1 && subjects.size() > 1) {
            for (NP s : subjects) concept(s).listed++;
            subjects = new ArrayList<>(List.of(subjects.get(subjects.size() - 1)));
        }
        // all coordinated verbs: "accepts or declines it"
        List<VG> verbs = new ArrayList<>();
        verbs.add(first);
        int after0 = v + 1;
        while (after0 + 1 < c.size() && c.get(after0).is(Kind.CONJ) && c.get(after0 + 1).is(Kind.VG)) {
            verbs.add(c.get(after0 + 1).vg());
            after0 += 2;
        }
        List<Item> after = c.subList(after0, c.size());
        String verb = mainVerb(first);
        if (subjects.size() >= 2 && (subjects.get(subjects.size() - 1).pronoun() && !subjects.get(subjects.size() - 2).pronoun()
                || adjacentNPs(before))) {
            // "the mark each pupil earned", "the halls we rent": the noun before the subject is the verb's object
            relativeObject(subjects, verb, c);
            return;
        }
        if (subjects.size() == 1 && !subjects.get(0).pronoun() && domain.appWords.contains(subjects.get(0).head().lemma())) {
            // "the app shows the current streak and sends reminders": what the app does is behaviour, not data
            List<Concept> things = new ArrayList<>(lastThings);
            for (VG g : verbs) behaviourVerb(g.lemma(), things, null, c);
            return;
        }
        if (subjects.isEmpty() && inheritedSubject != null && domain.appWords.contains(inheritedSubject.head)) {
            for (VG g : verbs) behaviourVerb(g.lemma(), new ArrayList<>(lastThings), null, c);
            return;
        }
        List<Concept> subjectConcepts = new ArrayList<>();
        boolean genericSubject = false;
        if (subjects.isEmpty() && inheritedSubject != null) {
            subjectConcepts.add(inheritedSubject);
        }
        for (NP s : subjects) {
            if (s.pronoun()) {
                Concept p = peopleFor(s);
                if (p != null) subjectConcepts.add(p);
                else if (isPeoplePronoun(s.head().text())) genericSubject = true;
                else if (s.head().text().equals("it")) subjectConcepts.addAll(lastThings);
                continue;
            }
            subjectConcepts.add(concept(s));
        }
        boolean passive = first.passive() || inheritedPassive && first.verb().form().equals("ed")
                || reducedRelative(first, after, subjects);
        if (subjects.size() > 1 && !passive) {
            for (NP s : subjects) concept(s).listed++;
        }
        // "each pupil writes what they read, what's hard and questions": the parts of the main record
        if (!after.isEmpty() && after.get(0).is(Kind.NP) && after.get(0).np().pronoun()
                && after.get(0).np().head().text().equals("what")) {
            Concept main = primaryConcept();
            if (main != null) {
                for (String f : whatFields(after)) main.fieldHints.add("text:" + f);
                boolean generic = genericSubject || subjects.stream().anyMatch(x -> !x.pronoun() && concept(x).genericPerson);
                Concept who = subjectConcepts.stream().filter(x -> x.person && !x.genericPerson).findFirst().orElse(null);
                if (generic || who != null) creator(main, who, verb);
                if (subjects.stream().anyMatch(x -> x.det() != null && x.det().text().matches("each|every"))) {
                    r.hint("ownership", main, Map.of(), "\"" + words(c) + "\"");
                }
            }
            return;
        }
        // objects: the noun phrases right after the verb
        List<NP> objects = new ArrayList<>();
        int k = 0;
        List<Item> attachedPps = new ArrayList<>();
        while (k < after.size()) {
            Item it = after.get(k);
            if (it.is(Kind.NP) && it.np().pronoun() && !objects.isEmpty() && isPeoplePronoun(it.np().head().text())
                    && k + 1 < after.size() && after.get(k + 1).is(Kind.VG)) {
                break; // "the levels they clear": a relative clause on the last object
            }
            if (HAVE.contains(verb) && isCountOf(after, k)) {
                counted.add(after.get(k + 2).np()); // "has a number of seats": a count, not seat records
                objects.add(after.get(k + 2).np());
                k += 3;
            } else if (it.is(Kind.NP)) {
                // "meets twice a week" is when; "price lists have a season" is what
                boolean had = HAVE.contains(verb) && it.np().detWord().matches("a|an");
                if (had || !isTimeAdverbial(it.np())) objects.add(it.np());
                k++;
            } else if ((it.is(Kind.COMMA) || it.is(Kind.CONJ)) && k + 1 < after.size() && after.get(k + 1).is(Kind.NP)
                    && !objects.isEmpty() && !(k + 2 < after.size() && after.get(k + 2).is(Kind.VG))) {
                k++;
            } else if (it.is(Kind.PREP) && !it.word().equals("with") && !it.word().equals("of") && !objects.isEmpty()
                    && k + 2 < after.size() && after.get(k + 1).is(Kind.NP) && after.get(k + 2).is(Kind.COMMA)
                    && k + 3 < after.size() && after.get(k + 3).is(Kind.NP) && after.get(k + 3).np().plural()) {
                // "list boats in the harbour, owners…": the phrase belongs to the object; the list goes on
                attachedPps.add(it);
                attachedPps.add(after.get(k + 1));
                k += 2;
            } else {
                break;
            }
        }
        List<Item> rest = after.subList(k, after.size());
        moreRelatives(rest); // "… who ship them and parcels returned"
        if (passive) {
            // "tiles can be moved between trays": the subject is what the verb acts on
            for (Concept s : subjectConcepts) {
                s.objects++;
                s.objectOf.add(verb);
            }
            for (VG g : verbs) behaviourVerb(g.lemma(), subjectConcepts, null, c);
            prepositions(rest, subjectConcepts, verb, null);
            lastThings = subjectConcepts;
            return;
        }
        Concept actor = null;
        boolean actorGeneric = genericSubject;
        for (Concept s : subjectConcepts) {
            s.subjects++;
            s.subjectOf.add(verb);
            if (s.person) {
                actor = s;
                actorGeneric = s.genericPerson;
            }
        }
        if (subjectConcepts.isEmpty() && subjects.isEmpty()) {
            actorGeneric = true; // imperative or "the app lets…": the app's users do it
        }
        if (actor != null || actorGeneric) {
            lastPeople = actor;
            lastPeopleGeneric = actor == null || actor.genericPerson;
        }
        List<Concept> objectConcepts = new ArrayList<>();
        List<Concept> fillers = new ArrayList<>();
        boolean pronounObject = false;
        Concept container = null;
        if (HAVE.contains(verb) && subjectConcepts.size() == 1 && !subjectConcepts.get(0).genericPerson) {
            // "categories have a name and a monthly budget": what one has of a kind is a field; of many, children
            List<NP> all = new ArrayList<>(objects);
            int end = collectList(after, k, all);
            fieldList(subjectConcepts.get(0), all.stream().filter(o -> !o.pronoun()).toList());
            prepositions(after.subList(end, after.size()), subjectConcepts, verb, null);
            return;
        }
        for (NP o : objects) {
            if (o.pronoun()) {
                if (o.head().text().equals("them") || o.head().text().equals("it")) {
                    // "grooms wash the ponies and riders ask to hire them": the ponies, not the washes
                    objectConcepts.addAll(o.head().text().equals("them") && !lastObjects.isEmpty() ? lastObjects : lastThings);
                    pronounObject = true;
                }
                continue;
            }
            if (o.det() != null && o.det().text().matches("my|our|your") && !o.plural()) {
                conceptQuietly(o).context++; // "manage my band", "track my spending": the user's own, the app's topic
                continue;
            }
            if (domain.appWords.contains(o.head().lemma()) && !o.plural()) {
                title(o); // "Build a gym app": the app itself; "track the tools" are things
                continue;
            }
            if (o.det() != null && o.det().text().matches("their|its") && !o.plural() && isFieldish(conceptQuietly(o))
                    || o.det() != null && o.det().text().matches("their|its") && STATUS_WORDS.contains(o.head().lemma())) {
                // "the office changes their state": a field of the things just named
                conceptQuietly(o).context++;
                for (Concept t : lastThings) {
                    t.fieldHints.add(fieldName(o));
                    if (STATUS_WORDS.contains(o.head().lemma())) {
                        r.hint("workflow", t, Map.of("action", "status", "role", actorRole(subjects)), "\"" + words(c) + "\"");
                    }
                }
                continue;
            }
            if (LOG_VERBS.contains(verb) && o.plural() && isFieldish(conceptQuietly(o)) && !isTimeAdverbial(o)) {
                // "log hours against projects": each logged amount is an entry
                Concept entry = r.concept(List.of(o.head().lemma(), "log"));
                entry.objects++;
                entry.fieldHints.add(fieldName(o));
                entry.fieldHints.add("date");
                conceptQuietly(o).context++;
                objectConcepts.add(entry);
                continue;
            }
            Concept oc = concept(o);
            if (domain.containerWords.contains(oc.head) && !o.plural()) {
                // "keep a record of oil changes": the record is a way of speaking, the oil changes are the things
                oc.context++;
                container = oc;
                continue;
            }
            if (isFiller(oc) && (isFieldish(oc) || domain.actNouns.containsKey(verb) || domain.transactionVerbs.contains(verb))) {
                oc.context++;
                fillers.add(oc);
                continue;
            }
            objectConcepts.add(oc);
            if (objects.size() > 1) oc.listed++;
        }
        if (container != null && !rest.isEmpty() && rest.get(0).word().equals("of") && rest.size() > 1
                && rest.get(1).is(Kind.NP)) {
            // "keep track of my cats' check-ups and grooming visits", "a record of oil changes"
            List<NP> inner = new ArrayList<>();
            int end = collectList(rest, 1, inner);
            for (NP innerPhrase : inner) {
                if (innerPhrase.detWord().matches("my|our|your") && !innerPhrase.plural()) {
                    conceptQuietly(innerPhrase).context++; // "keep track of my sleep": the app's topic
                } else if (!innerPhrase.pronoun() && !innerPhrase.possessive()) {
                    objectConcepts.add(concept(innerPhrase));
                } else if (innerPhrase.possessive()) {
                    concept(innerPhrase);
                }
            }
            rest = rest.subList(end, rest.size());
        }
        // "the kayaks we hire out to guests": a relative clause without "that" on the last thing named
        if (!rest.isEmpty() && rest.get(0).is(Kind.NP) && rest.get(0).np().pronoun() && rest.size() > 1
                && rest.get(1).is(Kind.VG) && !objectConcepts.isEmpty()
                && isPeoplePronoun(rest.get(0).np().head().text())) {
            relativeClause(rest, objectConcepts.get(objectConcepts.size() - 1));
            rest = List.of();
        }
        boolean aux = first.verb().is(Tag.AUX);
        boolean weak = WEAK_VERBS.contains(verb) || aux;
        boolean membership = domain.membershipVerbs.contains(verb);
        Concept act = aux || membership ? null : actConcept(verb, objectConcepts, objects, weak);
        if (act != null) {
            for (Concept f : fillers) act.fieldHints.add("~" + f.head);
        }
        for (Concept oc : objectConcepts) {
            if (act != null && act != oc) {
                r.link(act, oc, false, null, true, "\"" + words(c) + "\"");
                if (!pronounObject && !reciprocal(objects)) oc.prepObjects++; // what the act is about is kept too
                continue;
            }
            if (pronounObject) continue;
            oc.objects++;
            oc.objectOf.add(verb);
            if (weak && oc.possessed == 0 && !oc.person) oc.objects--; // "see", "manage": weaker evidence
            if (!oc.person && (actor != null || actorGeneric) && !weak && !membership) {
                creator(oc, actor, verb);
            }
            if (oc.person && actor != null && actor != oc) {
                r.link(oc, actor, false, null, false, "\"" + words(c) + "\"");
            }
        }
        if (act != null && (actor != null || actorGeneric)) {
            creator(act, actor, verb);
        }
        if (membership && (actorGeneric || actor != null) && act == null) {
            // "users join rooms": a membership of the app's users
            for (Concept oc : objectConcepts) {
                r.link(oc, actorGeneric ? null : actor, true, actorGeneric ? "members" : null, false, "\"" + words(c) + "\"");
                oc.objects++;
            }
        }
        for (VG g : verbs) {
            behaviourVerb(g.lemma(), objectConcepts.isEmpty() && act != null ? List.of(act) : objectConcepts, act, c);
        }
        if (pronounObject || objects.isEmpty()) {
            // "I study them with great care": how, not a field of anything
            rest = withoutManner(rest);
        }
        List<Concept> ppOwners = act != null ? List.of(act) : objectConcepts.isEmpty() ? subjectConcepts : objectConcepts;
        List<Concept> extra = prepositions(rest, ppOwners, verb, act);
        // "tours have legs on a route and shared costs…": a second object after a prepositional phrase
        for (Concept x : extra) {
            x.objects++;
            if (subjectConcepts.size() == 1 && !subjectConcepts.get(0).person && "have".equals(verb)) {
                r.link(x, subjectConcepts.get(0), false, null, true, subjectConcepts.get(0).head + " have " + x.head);
            }
        }
        if ("have".equals(verb) || "contain".equals(verb) || "include".equals(verb)) {
            // "trips have stops": the things had belong to the subject
            for (Concept oc : objectConcepts) {
                if (subjectConcepts.size() == 1 && !subjectConcepts.get(0).person && !isFieldish(oc)) {
                    r.link(oc, subjectConcepts.get(0), false, null, true, subjectConcepts.get(0).head + " " + verb + " " + oc.head);
                }
            }
        }
        if (!objectConcepts.isEmpty()) lastThings = act != null ? List.of(act) : objectConcepts;
        else if (act != null) lastThings = List.of(act);
        lastObjects = act != null && !pronounObject ? List.copyOf(objectConcepts) : List.of();
    }

    private void relativeObject(List<NP> subjects, String verb, List<Item> c) {
        NP object = subjects.get(subjects.size() - 2);
        NP subject = subjects.get(subjects.size() - 1);
        List<NP> listed = new ArrayList<>(subjects.subList(0, subjects.size() - 1));
        if (listed.size() >= 2) {
            for (NP np : listed) concept(np).listed++;
        }
        Concept o = concept(object);
        Concept s = subject.pronoun() ? peopleFor(subject) : concept(subject);
        o.objects++;
        o.objectOf.add(verb);
        // "the rooms they reserved", "the kayaks we hire out": the act is a record of its own
        Concept act = domain.transactionVerbs.contains(verb.contains("_") ? verb.substring(0, verb.indexOf('_')) : verb)
                ? actConcept(verb, List.of(o), List.of(object), false) : null;
        if (act != null) {
            r.link(act, o, false, null, true, "\"" + words(c) + "\"");
            creator(act, s == null || s.genericPerson ? null : s, verb);
        }
        if (s != null && s != o) {
            s.subjects++;
            if (!s.genericPerson && act == null) {
                r.link(o, s, false, null, true, "\"" + words(c) + "\"");
            }
        }
        lastThings = List.of(act != null ? act : o);
        for (int i = 0; i < c.size(); i++) {
            if (c.get(i).is(Kind.VG)) {
                // "dives I've logged with a depth, plus pictures of each reef"
                while (i + 1 < c.size() && c.get(i + 1).is(Kind.VG)) i++;
                List<Item> after = c.subList(i + 1, c.size());
                if (!moreRelatives(after)) {
                    for (Concept x : prepositions(after, List.of(o), verb, null)) x.objects++;
                }
                break;
            }
        }
    }

    /** "… and clubs we join", "…, the tools she borrows": more things, each with its own relative clause. */
    private boolean moreRelatives(List<Item> rest) {
        for (int i = 0; i + 2 < rest.size(); i++) {
            if ((rest.get(i).is(Kind.CONJ) || rest.get(i).is(Kind.COMMA)) && rest.get(i + 1).is(Kind.NP)
                    && !rest.get(i + 1).np().pronoun() && rest.get(i + 1).np().plural() && rest.get(i + 2).is(Kind.VG)
                    && rest.get(i + 2).vg().tokens().size() == 1 && rest.get(i + 2).vg().verb().form().equals("ed")
                    && (i + 3 == rest.size() || !rest.get(i + 3).is(Kind.NP))) {
                concept(rest.get(i + 1).np()).objects++; // "… and parcels returned": a thing with its participle
                return true;
            }
            if (i + 3 >= rest.size()) continue;
            if ((rest.get(i).is(Kind.CONJ) || rest.get(i).is(Kind.COMMA)) && rest.get(i + 1).is(Kind.NP)
                    && !rest.get(i + 1).np().pronoun() && hasOwnSubject(rest.subList(i + 2, rest.size()))
                    && rest.get(i + 2).np().pronoun() && isPeoplePronoun(rest.get(i + 2).np().head().text())) {
                relativeClause(rest.subList(i + 2, rest.size()), concept(rest.get(i + 1).np()));
                return true;
            }
        }
        return false;
    }

    private boolean isNounListUpTo(List<Item> c, int v) {
        int nps = 0;
        for (int i = 0; i < v; i++) {
            Item it = c.get(i);
            if (it.is(Kind.NP)) nps++;
            else if (!(it.is(Kind.COMMA) || it.is(Kind.CONJ) || it.is(Kind.PREP))) return false;
        }
        return nps >= 2 && c.get(v - 1).is(Kind.NP) && (v < 2 || !c.get(v - 2).is(Kind.NP));
    }

    /** The record the prompt is mainly about: its title's things first, else the first thing it names. */
    private Concept primaryConcept() {
        return r.concepts.values().stream().filter(x -> x.headers > 0 && !x.person).findFirst()
                .orElse(r.concepts.values().stream().filter(x -> !x.person && x.context == 0).findFirst().orElse(null));
    }

    /** Field names of "what they read, what's hard and questions": read, hard, questions. */
    private List<String> whatFields(List<Item> after) {
        List<String> out = new ArrayList<>();
        List<List<Item>> parts = new ArrayList<>();
        List<Item> current = new ArrayList<>();
        for (Item it : after) {
            if (it.is(Kind.COMMA) || it.is(Kind.CONJ)) {
                if (!current.isEmpty()) parts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(it);
            }
        }
        if (!current.isEmpty()) parts.add(current);
        for (List<Item> part : parts) {
            Item head = part.get(0);
            String name = null;
            if (head.is(Kind.NP) && head.np().pronoun() && head.np().head().text().equals("what")) {
                for (int i = 1; i < part.size(); i++) {
                    Item it = part.get(i);
                    if (it.is(Kind.VG) && !it.vg().verb().is(Tag.AUX)) {
                        name = wn.participle(it.vg().verb().lemma(), it.vg().verb().text());
                        break;
                    }
                    if (it.is(Kind.VG) && i + 1 < part.size()) {
                        Item next = part.get(i + 1);
                        name = next.np() != null ? String.join("_", next.np().words()) : next.word();
                        break;
                    }
                    if (it.is(Kind.VG) && it.vg().verb().is(Tag.AUX) && it.vg().verb().lemma().matches("did|do|does|done")) {
                        name = "done";
                    }
                }
            } else if (head.is(Kind.NP)) {
                name = String.join("_", head.np().words().subList(0, head.np().words().size() - 1))
                        + (head.np().words().size() > 1 ? "_" : "") + head.np().head().text();
            }
            if (name != null && name.matches("[a-z][a-z_]*") && !out.contains(name)) out.add(name);
        }
        return out;
    }

    private static List<Item> withoutManner(List<Item> rest) {
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            Item it = rest.get(i);
            if (it.is(Kind.PREP) && it.word().equals("with") && i + 1 < rest.size() && rest.get(i + 1).is(Kind.NP)
                    && !rest.get(i + 1).np().plural()) {
                i++;
                continue;
            }
            out.add(it);
        }
        return out;
    }

    /** "each other's dishes": the things of the other users, not a kind of record of their own. */
    private static boolean reciprocal(List<NP> objects) {
        return objects.stream().anyMatch(o -> o.det() != null && o.det().text().equals("each")
                && o.modifiers().stream().anyMatch(m -> m.text().startsWith("other")));
    }

    private String actorRole(List<NP> subjects) {
        for (NP s : subjects) {
            if (s.pronoun()) continue;
            Concept c = conceptQuietly(s);
            if (c.person && !c.genericPerson) return c.head;
        }
        return "";
    }

    /** "every month", "a few days", "each week": when, not what. */
    private boolean isTimeAdverbial(NP np) {
        if (np.pronoun()) return false;
        String h = np.head().lemma();
        boolean time = Set.of("day", "week", "month", "year", "time", "hour", "minute", "morning", "evening", "night",
                "weekend", "season").contains(h);
        return time && np.det() != null && np.det().text().matches("every|each|a|this|next|last|few|several|all|some");
    }

    /**
     * The verb that carries a group's meaning: the last ("want to track" → track), unless the first is an act
     * of its own ("apply to adopt" → apply).
     */
    private String mainVerb(VG vg) {
        List<Token> verbs = vg.tokens().stream().filter(t -> t.is(Tag.VERB)).toList();
        if (verbs.size() >= 2) {
            String first = verbs.get(0).lemma();
            if (domain.actNouns.containsKey(first) || domain.transactionVerbs.contains(first)) return first;
        }
        return vg.lemma();
    }

    /** "photos sorted into albums", "parcels kept in lockers": a participle right after its noun. */
    private static boolean reducedRelative(VG vg, List<Item> after, List<NP> subjects) {
        return !subjects.isEmpty() && vg.tokens().size() == 1 && vg.verb().form().equals("ed")
                && (after.isEmpty() || after.get(0).is(Kind.PREP) || after.get(0).is(Kind.CONJ) || after.get(0).is(Kind.COMMA));
    }

    private static boolean adjacentNPs(List<Item> before) {
        for (int i = 0; i + 1 < before.size(); i++) {
            if (before.get(i).is(Kind.NP) && before.get(i + 1).is(Kind.NP)) return true;
        }
        return false;
    }

    /**
     * The record a verb makes when its act is the thing kept ("people RSVP", "volunteers sign up", "rate
     * dishes" → rating, "like them" → like), or null.
     */
    private Concept actConcept(String phrasal, List<Concept> objects, List<NP> objectPhrases, boolean weak) {
        // "subscribe to", "vote on": the act of the verb without its particle, unless the phrase has its own
        String verb = domain.actNouns.containsKey(phrasal) || !phrasal.contains("_") ? phrasal
                : phrasal.substring(0, phrasal.indexOf('_'));
        String noun = domain.actNouns.get(verb);
        boolean evaluation = domain.evaluationVerbs.contains(verb);
        boolean noThingObject = objects.isEmpty() || objects.stream().allMatch(this::isFiller)
                || objectPhrases.stream().allMatch(NP::pronoun);
        if (noun == null && domain.activityVerbs.contains(verb)) {
            noun = wn.isNoun(verb) ? verb : null; // "keepers feed the horses": a feed is logged
        }
        if (noun == null) {
            if (!noThingObject || weak || wn.isVerb(verb) && !verb.equals("rsvp")) return null;
            noun = verb.replace('_', '-'); // a verb WordNet lacks ("RSVP"): its act is named after it
        }
        boolean transaction = domain.transactionVerbs.contains(verb) || domain.activityVerbs.contains(verb);
        // "book appointments", "reserve a session": what is booked is itself the record
        if (transaction && !objects.isEmpty() && objects.stream().allMatch(o -> !isFiller(o) && isEventNoun(o.head))) {
            return null;
        }
        if (!evaluation && !transaction && !noThingObject) return null;
        // the object already is the act ("place bids", "leave a review")
        String n = noun;
        if (objects.stream().anyMatch(o -> o.head.equals(n))) return null;
        Concept act = r.concept(List.of(noun), false);
        act.fromVerb = verb;
        return act;
    }

    private boolean isFiller(Concept c) {
        // "book tickets" (a filler), but "reserve a charging slot" (a thing of its own)
        boolean bare = c.wordings.keySet().stream().allMatch(w -> !w.contains(" "));
        return domain.fillerObjects.contains(c.head) && bare || isFieldish(c) && c.listed == 0;
    }

    /** The records people make are theirs: a relation to the app's users, or to the person entity. */
    private void creator(Concept thing, Concept actor, String verb) {
        String role = actor == null || actor.genericPerson ? null : actor.head;
        if (role != null) {
            r.role(role, verb);
        }
        r.link(thing, actor == null || actor.genericPerson ? null : actor, false, role == null ? agentName(verb) : role,
                true, "made by " + (role == null ? "its user" : "a " + role) + " (" + verb + ")");
    }

    /**
     * The person a verb's doer is called (send → sender, write → writer), from WordNet; else "owner". Who
     * logs or keeps a record is its owner (a "logger" fells trees).
     */
    private String agentName(String verb) {
        if (LOG_VERBS.contains(verb) || Set.of("keep", "store", "save", "collect", "manage", "maintain").contains(verb)) return "owner";
        List<String> derived = wn.derivedNouns(verb, 2);
        if (derived.isEmpty() && verb.contains("_")) derived = wn.derivedNouns(verb.substring(0, verb.indexOf('_')), 2); // lend out → lender
        for (String n : derived) {
            if ((n.endsWith("er") || n.endsWith("or")) && wn.entry(n).isPresent()
                    && wn.nounCategory(n).map("person"::equals).orElse(false)) {
                return n.replace('-', '_');
            }
        }
        return "owner";
    }

    /**
     * Attaches the prepositional phrases after a verb or noun to their owner (the last of {@code owners}).
     * Returns the noun phrases that follow a phrase after "and" but do not belong to it ("legs on a
     * route and shared costs"): more objects of the verb.
     */
    private List<Concept> prepositions(List<Item> rest, List<Concept> owners, String verb, Concept act) {
        List<Concept> extra = new ArrayList<>();
        Concept owner = owners.isEmpty() ? null : owners.get(owners.size() - 1);
        for (int i = 0; i < rest.size(); i++) {
            Item it = rest.get(i);
            if (it.is(Kind.CONJ) || it.is(Kind.COMMA)) {
                if (i + 1 < rest.size() && rest.get(i + 1).is(Kind.NP) && !rest.get(i + 1).np().pronoun()
                        && !(i + 2 < rest.size() && rest.get(i + 2).is(Kind.VG))) {
                    extra.add(concept(rest.get(i + 1).np()));
                    i++;
                }
                continue;
            }
            if (!it.is(Kind.PREP)) {
                if (it.is(Kind.OTHER) || it.is(Kind.VG) || it.is(Kind.SUB)) break;
                continue;
            }
            String prep = it.word();
            if (prep.equals("with") && owner != null && !owner.person && verb != null && !"share".equals(verb)) {
                List<NP> list = new ArrayList<>();
                int end = collectList(rest, i + 1, list);
                fieldList(owner, list);
                i = end - 1;
                continue;
            }
            List<NP> targets = new ArrayList<>();
            int j = i + 1;
            while (j < rest.size()) {
                Item x = rest.get(j);
                if (x.is(Kind.NP) && isTimeAdverbial(x.np())) {
                    j++; // "lent to members each week"
                } else if (x.is(Kind.NP)) {
                    targets.add(x.np());
                    j++;
                } else if ((x.is(Kind.CONJ) || x.is(Kind.COMMA)) && j + 1 < rest.size() && rest.get(j + 1).is(Kind.NP)
                        && !targets.isEmpty() && rest.get(j + 1).np().plural() == targets.get(0).plural()
                        && rest.get(j + 1).np().det() == null == (targets.get(0).det() == null)) {
                    j++;
                } else {
                    break;
                }
            }
            for (NP t : targets) {
                if (owner != null) {
                    attach(owner, prep, t, verb);
                } else if (!t.pronoun() && (t.detWord().matches("my|our|your") || prep.equals("at") && t.det() == null
                        && t.modifiers().isEmpty()) && !t.plural()) {
                    conceptQuietly(t).context++; // "keep track of my sleep", "I cook at home": the app's topic, where
                } else if (!t.pronoun()) {
                    concept(t).prepObjects++;
                }
            }
            i = j - 1;
        }
        return extra;
    }

    /** {@code owner <prep> np}: containment, belonging, fields in passing. */
    private void attach(Concept owner, String prep, NP np, String verb) {
        if (np.pronoun()) return;
        if (np.detWord().matches("my|our|your") && !np.plural() || np.detWord().equals("a") && prep.equals("for")
                && !np.plural()) {
            contextOrThing(np);
            return;
        }
        if (Set.of("at", "in", "on", "near", "by").contains(prep) && np.detWord().equals("the") && !np.plural()
                && conceptQuietly(np).mentions <= 1) {
            conceptQuietly(np).context++; // "sign in at the desk": where, not what
            return;
        }
        if (prep.equals("at") && np.det() == null && np.modifiers().isEmpty() && !np.plural() && pendingPossessor == null
                && conceptQuietly(np).mentions <= 1) {
            conceptQuietly(np).context++; // "brew beer at home", "study at school"
            return;
        }
        Concept t = concept(np);
        if (domain.behaviour("limit", owner.head)) {
            // "with a cap per lesson": a limit on the last thing made, per that thing
            owner.context++;
            Concept limited = lastThings.isEmpty() ? null : lastThings.get(lastThings.size() - 1);
            if (limited != null && (prep.equals("per") || prep.equals("on"))) {
                r.hint("limit", limited, Map.of("parent", t.head, "anyChild", "true"), owner.head + " " + prep + " "
                        + np.head().text());
                t.prepObjects++;
            }
            return;
        }
        if (isTime(t)) {
            t.context++;
            return;
        }
        if (prep.equals("of") && domain.containerWords.contains(owner.head)) {
            owner.context++;
            t.objects++;
            return;
        }
        if (prep.equals("with") || prep.equals("of") && !np.plural()) {
            if (np.plural() && !isFieldish(t)) {
                // "service visits with tools", "folders with files": the phrase keeps children
                t.prepObjects++;
                r.link(t, owner, false, null, true, owner.head + " " + prep + " " + np.head().text());
            } else {
                owner.fieldHints.add(fieldName(np));
                t.context++;
            }
            return;
        }
        if (prep.equals("of")) {
            // "decks of cards" (cards belong to decks) but "residents of buildings" (residents belong to buildings)
            t.prepObjects++;
            boolean childFirst = !knownParent(t, owner);
            r.link(childFirst ? owner : t, childFirst ? t : owner, false, null, true, owner.head + " of " + np.head().text());
            return;
        }
        t.prepObjects++;
        if (t.person && (prep.equals("to") || prep.equals("for")) && verb != null && verb.startsWith("assign")) {
            r.link(owner, t, false, "assignee", false, "assigned to " + np.head().text());
            return;
        }
        if (prep.equals("between") && t.person) {
            r.link(owner, t, true, null, false, owner.head + " between " + np.head().text());
            return;
        }
        if (CONTAINMENT.contains(prep) || prep.equals("for") || prep.equals("to") || prep.equals("per") || prep.equals("at")
                || prep.equals("from") || prep.equals("about")) {
            boolean required = !prep.equals("to") || verb != null && verb.equals("belong");
            r.link(owner, t, false, null, required, owner.head + " " + prep + " " + np.head().text());
        }
    }

    /** Whether the domain layer knows {@code child} as usually kept in {@code parent} (cards in decks). */
    private boolean knownParent(Concept child, Concept parent) {
        return domain.knowledge(child.head).map(k -> k.parents().contains(parent.head)).orElse(false);
    }

    private boolean isTime(Concept c) {
        return c.head.equals("real_time") || c.head.equals("time") || wn.isA(c.head, "time_unit", 1) && !c.head.equals("shift");
    }

    /** "due dates" → due_date, "story points" → story_points (a count keeps its plural). */
    private static String fieldName(NP np) {
        String singular = String.join("_", np.words());
        if (!np.plural()) return singular;
        List<String> words = new ArrayList<>(np.words());
        words.set(words.size() - 1, np.head().text().replace("'", ""));
        String plural = String.join("_", words);
        io.autonoma.core.spec.FieldType t = FieldRules.toField(new DraftField(plural, plural.replace('_', ' ')), "X").type();
        return t == io.autonoma.core.spec.FieldType.INTEGER || t == io.autonoma.core.spec.FieldType.DECIMAL ? plural : singular;
    }

    private boolean isFieldish(Concept c) {
        if (domain.measureWords.contains(c.head)) return true;
        List<String> up = wn.ancestors(c.head, 1, 9);
        return up.contains("measure") || up.contains("payment") || up.contains("money") || up.contains("cost");
    }

    /** A noun list without a verb ("owners, their boats, and service visits with tools used"). */
    private void nounList(List<Item> c, Concept owner) {
        List<NP> listed = new ArrayList<>();
        Concept previous = owner;
        for (int i = 0; i < c.size(); i++) {
            Item it = c.get(i);
            if (it.is(Kind.NP) && !it.np().pronoun()) {
                NP np = it.np();
                Concept con = concept(np);
                if (domain.containerWords.contains(con.head) && i + 2 < c.size() && c.get(i + 1).word().equals("of")
                        && c.get(i + 2).is(Kind.NP)) {
                    // "a record of every change": the changes are the things
                    con.context++;
                    NP inner = c.get(i + 2).np();
                    if (!inner.pronoun()) {
                        listed.add(inner);
                        previous = concept(inner);
                    }
                    i += 2;
                    continue;
                }
                listed.add(np);
                previous = con;
            } else if (it.is(Kind.PREP) && it.word().equals("with") && previous != null) {
                // "products with a SKU, a name and a price": everything after "with" is what they have
                int j = i + 1;
                List<NP> targets = new ArrayList<>();
                j = collectList(c, j, targets);
                fieldList(previous, targets);
                i = j - 1;
            } else if (it.is(Kind.PREP) && previous != null && i + 1 < c.size() && c.get(i + 1).is(Kind.NP)) {
                List<NP> targets = new ArrayList<>();
                int j = i + 1;
                while (j < c.size() && (c.get(j).is(Kind.NP) || c.get(j).is(Kind.CONJ) && j + 1 < c.size()
                        && c.get(j + 1).is(Kind.NP) && !c.get(j + 1).np().plural() == !c.get(i + 1).np().plural())) {
                    if (c.get(j).is(Kind.NP)) targets.add(c.get(j).np());
                    j++;
                }
                for (NP t : targets) attach(previous, it.word(), t, null);
                i = j - 1;
            } else if (it.is(Kind.VG)) {
                break;
            }
        }
        if (listed.size() >= 2) {
            for (NP np : listed) concept(np).listed++;
        } else if (listed.size() == 1 && owner == null) {
            concept(listed.get(0)).prepObjects++;
        }
        if (!listed.isEmpty()) {
            lastThings = List.of(concept(listed.get(listed.size() - 1)));
            for (NP np : listed) {
                Concept lc = concept(np);
                if (lc.person) lastMentionedPerson = lc;
            }
        }
    }

    /**
     * Collects the noun phrases of a list from {@code j} ("a SKU, a name, a price and a stock quantity"),
     * skipping units ("a cooking time in minutes"); returns the index after it.
     */
    /** "a number of seats", "the count of visitors" at {@code j}. */
    private static boolean isCountOf(List<Item> c, int j) {
        return j + 2 < c.size() && c.get(j).is(Kind.NP) && !c.get(j).np().pronoun() && c.get(j).np().modifiers().isEmpty()
                && Set.of("number", "count").contains(c.get(j).np().head().lemma())
                && c.get(j + 1).is(Kind.PREP) && c.get(j + 1).word().equals("of")
                && c.get(j + 2).is(Kind.NP) && c.get(j + 2).np().plural();
    }

    private int collectList(List<Item> c, int j, List<NP> out) {
        while (j < c.size()) {
            Item x = c.get(j);
            if (isCountOf(c, j)) {
                counted.add(c.get(j + 2).np()); // "a number of seats": a count, not seat records
                out.add(c.get(j + 2).np());
                j += 3;
            } else if (x.is(Kind.NP) && !x.np().pronoun()) {
                out.add(x.np());
                j++;
            } else if ((x.is(Kind.COMMA) || x.is(Kind.CONJ)) && j + 1 < c.size() && c.get(j + 1).is(Kind.NP)
                    && !(j + 2 < c.size() && c.get(j + 2).is(Kind.VG))) {
                j++;
            } else if (x.is(Kind.PREP) && Set.of("in", "per").contains(x.word()) && j + 1 < c.size() && c.get(j + 1).is(Kind.NP)
                    && isFieldish(conceptQuietly(c.get(j + 1).np()))) {
                j += 2; // a unit: "in minutes", "per night"
            } else if (x.is(Kind.VG) && x.vg().tokens().size() == 1 && x.vg().verb().form().equals("ed") && !out.isEmpty()) {
                j++; // "parts used": a participle describing the last one
            } else if (x.is(Kind.NP) && x.np().pronoun() && isPeoplePronoun(x.np().head().text()) && !out.isEmpty()
                    && j + 1 < c.size() && c.get(j + 1).is(Kind.VG)) {
                NP last = out.get(out.size() - 1);
                String v = mainVerb(c.get(j + 1).vg());
                Concept described = concept(last);
                String base = v.contains("_") ? v.substring(0, v.indexOf('_')) : v; // "hire out" is hiring
                Concept act = domain.transactionVerbs.contains(base) ? actConcept(v, List.of(described), List.of(last), false) : null;
                if (act != null) {
                    r.link(act, described, false, null, true, last.head().text() + " " + x.np().head().text() + " " + v);
                    creator(act, null, v);
                }
                j += 2; // "jars I fill", "the rooms they reserved"
            } else {
                break;
            }
        }
        return j;
    }

    /**
     * What an owner has: a field for each thing of which it has one ("a name", "a due date"), a child entity
     * for each kind of which it has many ("tasks", "parts"). A plural noun of text among fields ("a service
     * date, a cost and notes") is a field too.
     */
    private void fieldList(Concept owner, List<NP> nps) {
        boolean singularSiblings = nps.stream().anyMatch(n -> !n.plural());
        for (NP np : nps) {
            if (counted.contains(np)) {
                List<String> words = new ArrayList<>(np.words());
                words.set(words.size() - 1, np.head().text().replace("'", ""));
                owner.fieldHints.add("count:" + String.join("_", words));
                continue;
            }
            Concept t = conceptQuietly(np);
            boolean text = np.plural() && singularSiblings && isTextNoun(t.head) && !entityElsewhere(t);
            if (t.person && (np.plural() || nps.size() <= 2 && !owner.person && !t.genericPerson && !isFieldish(t))) {
                // "sessions with clients", "each class has a coach": the record points at the people
                t.prepObjects++;
                r.link(owner, t, false, null, true, owner.head + " with " + np.head().text());
            } else if (np.plural() && !isFieldish(t) && !text) {
                t.prepObjects++;
                r.link(t, owner, false, null, true, owner.head + " with " + np.head().text());
                lastThings = List.of(t);
            } else {
                owner.fieldHints.add(text ? "text:" + fieldName(np) : fieldName(np));
                t.context++;
            }
        }
    }

    private boolean isTextNoun(String head) {
        String lex = wn.nounCategory(head).orElse("");
        return Set.of("communication", "cognition", "attribute", "state", "feeling").contains(lex)
                && !Set.of("tag", "label", "category", "comment", "review", "message", "question", "answer", "post", "reply")
                .contains(head);
    }

    private boolean entityElsewhere(Concept c) {
        return c.objects > 0 || c.listed > 0 || c.subjects > 0 || c.headers > 0;
    }

    // ------------------------------------------------------------------ concepts

    private final Map<NP, Concept> read = new java.util.IdentityHashMap<>();

    /** The concept of a noun phrase; the phrase's evidence (plural, possessor, "their") counts once. */
    private Concept concept(NP np) {
        Concept known = read.get(np);
        if (known != null) return known;
        List<String> words = conceptWords(np);
        Concept modifierThing = null;
        if (words.size() == 2 && np.plural() && !domain.genericPeople.contains(words.get(0))) {
            String mod = words.get(0);
            String head = words.get(1);
            boolean actHead = domain.actNouns.containsValue(head) && isThingNoun(mod);
            boolean personModifier = isPerson(mod) && !isPerson(head) && wn.isNoun(mod);
            if (actHead || personModifier) {
                // "table reservations": a reservation of a table; "client projects": projects of clients
                modifierThing = r.concept(List.of(mod));
                if (personModifier) modifierThing.person = true;
                modifierThing.prepObjects++;
                words = List.of(head);
            }
        }
        Concept c = r.concept(words);
        read.put(np, c);
        if (modifierThing != null && modifierThing != c) {
            r.link(c, modifierThing, false, null, true, String.join(" ", conceptWords(np)));
        }
        Token head = np.head();
        if (head.plural() || np.det() != null && np.det().text().matches("every|each")) c.plurals++;
        if (!c.person && isPerson(c.head)) c.person = true;
        if (domain.genericPeople.contains(c.head)) {
            c.person = true;
            c.genericPerson = true;
        }
        if (np.det() != null && np.det().is(Tag.POSS) && !np.det().text().matches("my|our|your|its")) {
            // "their vehicles": belongs to the people just named
            Concept owner = lastPeople != null && !lastPeopleGeneric ? lastPeople : lastMentionedPerson;
            if (owner != null && owner != c && !owner.genericPerson) {
                owner.possessors++;
                c.possessed++;
                r.link(c, owner, false, null, true, "their " + head.text());
                // if those people turn out to be the app's users, each sees their own
                r.hint("ownership", c, Map.of("owner", owner.head), "their " + head.text());
            } else {
                c.possessed++;
                r.hint("ownership", c, Map.of(), "their " + head.text());
            }
        }
        if (c.person && !c.genericPerson) lastMentionedPerson = c;
        for (Token m : np.modifiers()) {
            // "uploaded images": a behaviour said by a participle
            if (m.is(Tag.ADJ) && m.text().endsWith("ed")) {
                for (String v : wn.verbLemmas(m.text())) {
                    if (domain.behaviour("fileUpload", v)) r.hint("file_upload", c, Map.of(), m.text() + " " + head.text());
                }
            }
        }
        possessor(np, c);
        return c;
    }

    /** A concept named in a title: its wording does not count towards the entity's name. */
    private Concept conceptQuietly(NP np) {
        Concept known = read.get(np);
        if (known != null) return known;
        Concept c = r.concept(conceptWords(np), false);
        read.put(np, c);
        if (np.head().plural()) c.plurals++;
        if (!c.person && isPerson(c.head)) c.person = true;
        return c;
    }

    private Concept conceptIfKnown(NP np) {
        return np.pronoun() ? null : concept(np);
    }

    /** "my dogs' vaccinations": the possessor phrase is the one right before (chunked apart at the mark). */
    private final Map<Token, Concept> possessorOf = new LinkedHashMap<>();
    private Concept pendingPossessor;

    private void possessor(NP np, Concept c) {
        if (np.possessive()) {
            pendingPossessor = c;
            c.possessors++;
            return;
        }
        if (pendingPossessor != null && pendingPossessor != c) {
            if (!pendingPossessor.person || !pendingPossessor.genericPerson) {
                c.possessed++;
                r.link(c, pendingPossessor, false, null, true, pendingPossessor.head + "'s " + np.head().text());
            }
        }
        pendingPossessor = null;
    }

    /** The words to name a concept by: the head and the noun right before it, if that one is a kind of it. */
    private List<String> conceptWords(NP np) {
        List<String> words = new ArrayList<>();
        List<Token> mods = np.modifiers();
        List<String> head = List.of(np.head().lemma().split("_"));
        if (!mods.isEmpty() && head.size() == 1) {
            Token m = mods.get(mods.size() - 1);
            if (m.is(Tag.NOUN) && !m.possessive() && !domain.appWords.contains(m.lemma()) && !m.text().matches("\\d+")) {
                words.addAll(List.of(m.lemma().split("_")));
            }
        }
        // a compound WordNet knows as one word ("purchase_order") names the thing in its own words
        words.addAll(head);
        return words;
    }

    /** An appointment, session, lesson or call: something that happens, kept as a record of its own. */
    private boolean isEventNoun(String lemma) {
        return domain.actNouns.containsValue(lemma) || wn.nounCategory(lemma).map(l -> Set.of("act", "event", "time").contains(l))
                .orElse(false) && !isThingNoun(lemma);
    }

    /** A physical or placed thing (table, car, room), not an act or a person. */
    private boolean isThingNoun(String lemma) {
        Set<String> things = Set.of("artifact", "object", "location", "animal", "plant", "food");
        return wn.nounCategory(lemma).map(things::contains).orElse(false)
                || things.stream().anyMatch(l -> wn.hasNounSense(lemma, l, 2));
    }

    private boolean isPerson(String lemma) {
        if (domain.genericPeople.contains(lemma)) return true;
        if (wn.entry(lemma).isPresent()) {
            return wn.hasNounSense(lemma, "person", 1)
                    || wn.hasNounSense(lemma, "person", 2) && wn.nounCategory(lemma).map("person"::equals).orElse(false);
        }
        // words WordNet lacks: mentee, attendee-like endings
        return lemma.endsWith("ee") && lemma.length() > 4;
    }

    private static boolean isPeoplePronoun(String w) {
        return Set.of("i", "we", "you", "they", "he", "she", "me", "us", "them", "someone", "everyone", "anyone",
                "somebody", "everybody", "anybody", "who").contains(w);
    }

    /** The concept a people pronoun refers to: "they" after "mentors with mentees" are those people. */
    private Concept peopleFor(NP np) {
        String w = np.head().text();
        if ((w.equals("they") || w.equals("them")) && lastPeople != null && !lastPeopleGeneric) return lastPeople;
        if (w.equals("they") && !lastThings.isEmpty() && lastThings.get(0).person) return lastThings.get(0);
        return null;
    }

    /** "our office building", "a food bank": the app's setting, unless the prompt keeps many of them. */
    private void contextOrThing(NP np) {
        Concept c = concept(np);
        if (np.plural() && !c.person) {
            c.prepObjects++;
        } else {
            c.context++;
        }
    }

    // ------------------------------------------------------------------ behaviour

    private void behaviourVerb(String verb, List<Concept> things, Concept act, List<Item> clause) {
        String why = "\"" + words(clause) + "\"";
        Concept target = things.isEmpty() ? null : things.get(things.size() - 1);
        if (domain.behaviour("ordering", verb)) r.hint("ordering", target, Map.of(), why);
        if (domain.behaviour("fileUpload", verb)) r.hint("file_upload", target, Map.of(), why);
        if (domain.behaviour("workflow", verb) && !verb.equals("assign") && !verb.equals("complete")) {
            for (Concept t : things) r.hint("workflow", t, Map.of("action", verb, "role", lastPeopleGeneric || lastPeople == null
                    ? "" : lastPeople.head), why);
        }
        if (verb.equals("count") || verb.equals("tally")) {
            for (Concept t : things) r.hint("counter", t, Map.of(), why);
        }
        if (act != null && domain.behaviour("vote", verb)) r.hint("vote", act, Map.of("kind", voteKind(verb)), why);
        if (domain.behaviour("reminder", verb)) r.hint("reminder", target, Map.of(), why);
        // "export my contacts to CSV", "import them from a spreadsheet": jobs that move rows to and from CSV
        if (domain.behaviour("export", verb)) r.hint("csv_job", target, Map.of("kind", "export"), why);
        if (domain.behaviour("import", verb)) r.hint("csv_job", target, Map.of("kind", "import"), why);
        for (Item it : clause) {
            if (it.is(Kind.PREP) || it.is(Kind.SUB)) {
                int i = clause.indexOf(it);
                if (it.word().equals("until") && i + 1 < clause.size()) {
                    // "until closed", "until the sale ends"
                    Item next = clause.get(i + 1);
                    if (next.is(Kind.VG)) {
                        for (Concept t : things) r.hint("workflow", t, Map.of("action", next.vg().verb().lemma(), "role", ""), why);
                    }
                }
            }
            if (it.is(Kind.NP)) {
                for (Token t : it.np().tokens()) behaviourWord(t.lemma(), target, why);
            }
        }
    }

    private static String voteKind(String verb) {
        return switch (verb) {
            case "rate", "star", "review", "grade", "score" -> "rating";
            case "upvote", "downvote", "vote" -> "upvote";
            default -> "like";
        };
    }

    private void behaviourWord(String word, Concept target, String why) {
        if (domain.behaviour("realtime", word)) r.hint("realtime", target, Map.of(), why);
        if (domain.behaviour("reminder", word) && !word.equals("before")) r.hint("reminder", target, Map.of(), why);
        if (shortCodeWord(word)) r.hint("short_code", target, Map.of(), why);
    }

    private boolean shortCodeWord(String word) {
        return domain.behaviour("shortCode", word);
    }

    private static String words(List<Item> items) {
        StringBuilder b = new StringBuilder();
        for (Item it : items) {
            List<Token> ts = it.np() != null ? it.np().tokens() : it.vg() != null ? it.vg().tokens() : List.of(it.token());
            for (Token t : ts) {
                if (b.length() > 0) b.append(' ');
                b.append(t.text());
            }
        }
        return b.toString();
    }
}
