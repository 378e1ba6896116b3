package io.autonoma.agents.analyst.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plain-English prompt into draft entities, fields and references. Not thread-safe: one
 * parser per prompt.
 */
final class PromptParser {

    /** How a reference phrase becomes a relation. */
    enum RefKind {
        /** Create the target if it is not an entity yet (and plausible). */
        STRONG,
        /** Only if the target is (or becomes) an entity. */
        KNOWN,
        /** The subject of a verb: known, or created when it is data in its own right (companies, customers). */
        SUBJECT
    }

    record Reference(String text, RefKind kind, boolean required) {}

    final Map<String, DraftEntity> entities = new LinkedHashMap<>();
    final Map<String, List<Reference>> references = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final List<SpecAssembler.Rel> relations = new ArrayList<>();
    /** Lower-case words the app name is made of, if the prompt names it. */
    List<String> nameWords = List.of();
    /** Words of the thing the first sentence wants managed ("bakery orders"), a fallback name. */
    List<String> objectNameWords = List.of();
    private DraftEntity lastTopEntity;

    private static final Pattern TOKEN = Pattern.compile("\\d+\\.\\d+|[a-z0-9_]+(?:['-][a-z0-9_]+)*|[(),:;/&]");
    private static final Set<String> INTRO_WORDS = Set.of(
            "i", "we", "need", "want", "would", "like", "to", "please", "build", "create", "make", "write",
            "generate", "develop", "design", "give", "me", "us", "an", "a", "the", "my", "our", "simple", "small",
            "basic", "personal", "little", "quick", "new", "tiny", "lightweight", "minimal", "just", "some", "kind",
            "of", "sort", "web", "mobile", "online", "something", "really", "very", "nice", "clean", "modern",
            "full", "stack", "full-stack", "fullstack", "complete", "can", "you", "could", "let", "lets", "let's",
            "internal", "private", "free", "easy", "single", "page", "am", "looking", "for", "is", "it");
    private static final Set<String> NAME_CUT = Set.of(
            "for", "where", "that", "which", "with", "to", "so", "in", "on", "who", "whose", "using", "via",
            "allowing", "letting", "from", "of", "by", "and", "when");
    private static final Set<String> NAME_TRAILING = Set.of(
            "app", "application", "site", "website", "system", "platform", "tool", "software", "program", "web",
            "webapp", "portal", "service", "thing");
    private static final Set<String> ENTITY_LIST_HEADERS = Set.of(
            "entities", "entity", "models", "model", "objects", "tables", "resources", "data", "collections",
            "records", "main", "core", "key", "things", "types", "it", "tracks", "stores", "manages", "has");

    void parse(String prompt) {
        List<String> sentences = sentences(prompt);
        for (int i = 0; i < sentences.size(); i++) {
            List<String> tokens = tokens(preprocess(sentences.get(i)));
            if (!tokens.isEmpty()) {
                sentence(tokens, i == 0);
            }
        }
    }

    // ---------------------------------------------------------------- text preparation

    static List<String> sentences(String prompt) {
        String t = java.text.Normalizer.normalize(prompt, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"').replace('\u201d', '"')
                .replace('\u2013', '-').replace('\u2014', '-').replace("\u2026", ".").replace('\u2022', '-')
                .replace("\r", "");
        t = t.replaceAll("</?[A-Za-z][^<>]{0,200}>", " ");
        t = t.replaceAll("\\b\\d{4}-\\d{1,2}-\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2})?)?\\b", " ");
        t = t.replaceAll("(?i)\\bq\\s*&\\s*a\\b", "QA");
        t = t.replaceAll("(?i)\\be\\.g\\.?", "eg").replaceAll("(?i)\\bi\\.e\\.?", "ie").replaceAll("(?i)\\betc\\.", "etc")
                .replaceAll("(?i)\\bvs\\.", "vs").replaceAll("(?i)\\bno\\.", "number");
        // bullet lists: a header line ending with ':' followed by bullets of fields joins into one sentence
        List<String> lines = new ArrayList<>();
        String[] raw = t.split("\n");
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].trim();
            if (line.isEmpty()) continue;
            String body = line.replaceFirst("^(?:[-*+]|\\d{1,2}[.)])\\s+", "");
            if (body.endsWith(":") && i + 1 < raw.length && isBullet(raw[i + 1])) {
                String head = body.substring(0, body.length() - 1);
                List<String> bullets = new ArrayList<>();
                int j = i + 1;
                while (j < raw.length && isBullet(raw[j])) {
                    bullets.add(raw[j].trim().replaceFirst("^(?:[-*+]|\\d{1,2}[.)])\\s+", "").replaceAll("[.;]+$", ""));
                    j++;
                }
                boolean fieldBullets = bullets.stream().allMatch(b -> b.split("\\s+").length <= 6 && !b.contains(":")
                        && !b.toLowerCase(Locale.ROOT).matches(".*\\b(with|have|has|belong|belongs)\\b.*"));
                if (fieldBullets && !looksLikeAppHeader(head)) {
                    lines.add(head + ": " + String.join(", ", bullets));
                    i = j - 1;
                    continue;
                }
                lines.add(head + ":");
                continue;
            }
            lines.add(body);
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line.endsWith(":")) continue;
            for (String s : line.split("(?<=[.!?])\\s+|;")) {
                String c = s.trim().replaceAll("[.!?]+$", "").trim();
                if (!c.isEmpty()) out.add(c);
            }
        }
        return out;
    }

    private static boolean isBullet(String line) {
        return line.trim().matches("^(?:[-*+]|\\d{1,2}[.)])\\s+.*");
    }

    private static boolean looksLikeAppHeader(String head) {
        for (String w : head.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (Lexicon.APP_WORDS.contains(w) || w.equals("should") || w.equals("needs") || w.equals("want")
                    || w.equals("need") || w.equals("features") || w.equals("requirements")) return true;
        }
        return false;
    }

    private static final String VAL = "[a-z][a-z_]*(?: [a-z_]+)?";
    private static final String VALUES_OR = "((?:" + VAL + "\\s*,\\s*)*" + VAL + "\\s*,?\\s+or\\s+[a-z][a-z_]*)";
    private static final String VALUES_SLASH = "([a-z][a-z_]*(?:\\s*/\\s*[a-z][a-z_]*)+)";
    private static final String ENUMISH = "(status|priority|stage|state|level|type|kind|frequency|severity|difficulty|"
            + "size|condition|visibility|mode|category|role|tier|plan|colou?r|gender|urgency|rating|grade|phase|"
            + "source|channel|method|format|unit|currency|shift|cuisine|genre|position|department|season|weather|"
            + "mood|intensity|availability|payment method|delivery method|fuel type|transmission)";
    private static final Pattern ENUM_COLON = Pattern.compile("\\b([a-z]+(?: [a-z]+)?)\\s*:\\s*" + VALUES_OR + "\\b");
    private static final Pattern ENUM_CAN_BE = Pattern.compile(
            "\\b([a-z]+(?: [a-z]+)?)\\s+(?:which|that)\\s+(?:can|could|may|must|will|should)\\s+be\\s+(?:either\\s+|one of\\s+)?"
                    + VALUES_OR + "\\b");
    private static final Pattern ENUM_ONE_OF = Pattern.compile(
            "\\b([a-z]+(?: [a-z]+)?)\\s*,?\\s+(?:of\\s+)?(?:either|one of)\\s+" + VALUES_OR + "\\b");
    private static final Pattern ENUM_NAMED = Pattern.compile(
            "\\b" + ENUMISH + "\\s+(?:of\\s+|as\\s+|being\\s+|like\\s+|such as\\s+|eg\\s+)?(?:" + VALUES_OR + "|" + VALUES_SLASH + ")\\b");

    /** Lower-cases and rewrites enum and range forms into the canonical "name (a, b, c)" / "from 1 to 5". */
    static String preprocess(String sentence) {
        String s = " " + sentence.toLowerCase(Locale.ROOT).replaceAll("[\"`]", "") + " ";
        s = s.replaceAll("between\\s+(-?\\d+(?:\\.\\d+)?)\\s+and\\s+(-?\\d+(?:\\.\\d+)?)", "from $1 to $2");
        s = s.replaceAll("(\\d)\\s*-\\s*(\\d)", "$1 to $2");
        s = s.replaceAll("\\band/or\\b", "or");
        s = s.replaceAll("\\b(?:one|zero|1|0) or (?:more|many)\\b", "multiple");
        s = s.replaceAll("'s\\b", "'s");
        s = rewrite(ENUM_CAN_BE, s);
        s = rewrite(ENUM_ONE_OF, s);
        s = rewrite(ENUM_COLON, s);
        Matcher m = ENUM_NAMED.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String values = m.group(2) != null ? m.group(2) : m.group(3);
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + " (" + values.replace("/", ", ") + ")"));
        }
        m.appendTail(b);
        return b.toString().trim();
    }

    private static String rewrite(Pattern p, String s) {
        Matcher m = p.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + " (" + m.group(2) + ")"));
        }
        m.appendTail(b);
        return b.toString();
    }

    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String t = m.group();
            if (t.endsWith("'s") && t.length() > 2) {
                out.add(t);
            } else {
                out.add(t.replace("'", ""));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- sentences and clauses

    private void sentence(List<String> t, boolean first) {
        lastTopEntity = null;
        int colon = topLevelIndex(t, ":");
        if (colon > 0) {
            List<String> prefix = t.subList(0, colon);
            List<String> suffix = t.subList(colon + 1, t.size());
            String last = prefix.get(prefix.size() - 1);
            if (Lexicon.HAVE_WORDS.contains(last) || last.equals("are") || last.equals("include")) {
                List<String> joined = new ArrayList<>(prefix);
                joined.addAll(suffix);
                clauses(joined, first);
                return;
            }
            List<String> head = stripDeterminers(prefix);
            if (!head.isEmpty() && ENTITY_LIST_HEADERS.containsAll(head)) {
                list(suffix, null, true);
                return;
            }
            if (isEntityHeader(head)) {
                List<String> joined = new ArrayList<>(prefix);
                joined.add("(");
                joined.addAll(suffix);
                joined.add(")");
                list(joined, null, true);
                return;
            }
            if (first && nameWords.isEmpty()) {
                nameWords = appName(prefix);
            }
            clauses(suffix, false);
            return;
        }
        clauses(t, first);
    }

    private boolean isEntityHeader(List<String> head) {
        if (head.isEmpty() || head.size() > 4) return false;
        for (String w : head) {
            if (Lexicon.APP_WORDS.contains(w) || Lexicon.FUNCTION_WORDS.contains(w) || isVerbToken(w) && head.size() > 1) {
                return false;
            }
        }
        String last = head.get(head.size() - 1);
        return Inflector.isPlural(last) || entities.containsKey(String.join(" ", singularWords(head)));
    }

    /** Handles an app intro ("A todo app where …") then splits the rest into clauses. */
    private void clauses(List<String> t, boolean first) {
        List<String> rest = t;
        int app = introAppWord(t, first);
        if (app >= 0) {
            List<String> header = t.subList(0, app + 1);
            if (first && nameWords.isEmpty()) {
                nameWords = appName(header);
            }
            rest = new ArrayList<>(t.subList(app + 1, t.size()));
            // qualifiers: "for a small shop", "for my team"
            while (rest.size() >= 2 && (rest.get(0).equals("for") || rest.get(0).equals("in") || rest.get(0).equals("at"))
                    && verbBase(rest.get(1)) == null && !rest.get(1).equals("users") && !rest.get(1).equals("people")) {
                int j = 1;
                while (j < rest.size() && !Set.of("where", "with", "that", "which", "to", ",", "so", "in", "whose",
                        "who", "allowing", "letting").contains(rest.get(j))) {
                    j++;
                }
                rest = new ArrayList<>(rest.subList(j, rest.size()));
            }
            if (rest.isEmpty()) return;
            String c = rest.get(0);
            if (c.equals(",")) {
                rest = rest.subList(1, rest.size());
                if (rest.isEmpty()) return;
                c = rest.get(0);
            }
            if (c.equals("with") || c.equals("having") || c.equals("containing") || c.equals("including")) {
                list(rest.subList(1, rest.size()), null, true);
                return;
            }
            if (c.equals("to") || c.equals("for") || c.equals("that") || c.equals("which") || c.equals("allowing")
                    || c.equals("letting")) {
                List<String> after = new ArrayList<>(rest.subList(1, rest.size()));
                after = stripActorPrefix(after);
                if (!after.isEmpty() && verbBase(after.get(0)) != null) {
                    if (first && objectNameWords.isEmpty()) {
                        objectNameWords = objectWords(after.subList(1, after.size()));
                    }
                    List<String> withSubject = new ArrayList<>();
                    withSubject.add("users");
                    withSubject.addAll(after);
                    rest = withSubject;
                } else {
                    rest = after;
                }
            }
        }
        for (List<String> clause : splitClauses(rest)) {
            clause(clause);
        }
    }

    /** Index of the word naming the app ("app", "tracker", "crm"…) if this sentence opens with an intro. */
    private int introAppWord(List<String> t, boolean first) {
        int limit = Math.min(t.size(), 9);
        for (int i = 0; i < limit; i++) {
            String w = t.get(i);
            if (w.equals(",") || w.equals("(") || w.equals(":")) return -1;
            if (Lexicon.APP_WORDS.contains(w) && i > 0 && Set.of("to", "me", "us", "can", "should", "will", "must", "i",
                    "we", "you", "let", "lets", "could", "would", "and", "or").contains(t.get(i - 1))) {
                continue; // a verb here: "let me log my runs", "I want to track"
            }
            if (Lexicon.APP_WORDS.contains(w)) {
                if (!first) {
                    // later sentences: only "the app shows…", "it should…"
                    for (int k = 0; k < i; k++) {
                        if (!Set.of("the", "this", "our", "my", "your", "app", "system", "site").contains(t.get(k))) return -1;
                    }
                    return i;
                }
                for (int k = 1; k < i; k++) {
                    String prev = t.get(k - 1);
                    if (isVerbToken(t.get(k)) && !INTRO_WORDS.contains(t.get(k))
                            && (Inflector.isPlural(prev) || Set.of("i", "we", "you", "they", "users").contains(prev))) {
                        return -1;
                    }
                }
                // "a blog" is itself the app; "a blog where…"; also "an app" in "I need an app to…"
                if (i + 1 < t.size() && Lexicon.APP_WORDS.contains(t.get(i + 1))) continue;
                return i;
            }
        }
        return -1;
    }

    private static List<String> stripActorPrefix(List<String> t) {
        // "that lets users …", "allowing people to …", "for tracking …"
        List<String> r = new ArrayList<>(t);
        if (!r.isEmpty() && Set.of("lets", "let", "allows", "allow", "helps", "help", "enables", "enable").contains(r.get(0))) {
            r.remove(0);
            while (!r.isEmpty() && (Lexicon.USER_WORDS.contains(r.get(0)) || Lexicon.DETERMINERS.contains(r.get(0))
                    || r.get(0).equals("to"))) {
                r.remove(0);
            }
        }
        while (!r.isEmpty() && Set.of("me", "us", "them", "easily", "quickly", "simply", "help", "to").contains(r.get(0))) {
            r.remove(0);
        }
        return r;
    }

    /** Splits at "and"/"but"/"while"/"," when a new subject-verb clause starts there. */
    private List<List<String>> splitClauses(List<String> t) {
        List<List<String>> out = new ArrayList<>();
        int start = 0;
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            String w = t.get(i);
            if (w.equals("(")) depth++;
            if (w.equals(")")) depth = Math.max(0, depth - 1);
            if (depth > 0 || i == start) continue;
            if (Set.of("and", "but", "while", "whereas", "where", ",", "also", "plus").contains(w)) {
                int j = i + 1;
                while (j < t.size() && Set.of("and", "but", "while", "whereas", "where", "also", "then", "so").contains(t.get(j))) j++;
                if (startsClause(t, j)) {
                    out.add(t.subList(start, i));
                    start = j;
                    i = j - 1;
                }
            }
        }
        out.add(t.subList(start, t.size()));
        out.removeIf(List::isEmpty);
        return out;
    }

    /** Whether a subject (noun phrase or pronoun) followed by a verb starts at {@code i}. */
    private boolean startsClause(List<String> t, int i) {
        if (i >= t.size()) return false;
        if (t.get(i).equals("each") || t.get(i).equals("every")) {
            NP np = readNP(t, i);
            return !np.words.isEmpty() && np.end < t.size() && (Lexicon.HAVE_WORDS.contains(t.get(np.end))
                    || Lexicon.RELATION_VERBS.contains(t.get(np.end)) || t.get(np.end).equals("can"));
        }
        int j;
        if (Set.of("i", "we", "you", "they", "it", "users", "people", "everyone", "anyone").contains(t.get(i))) {
            j = i + 1;
        } else {
            NP np = readNP(t, i);
            if (np.words.isEmpty() || !Inflector.isPlural(np.words.get(np.words.size() - 1))) return false;
            j = np.end;
        }
        j = skipModals(t, j);
        return j < t.size() && verbBase(t.get(j)) != null && !t.get(j).equals("with") && !t.get(j).equals("having")
                && !t.get(j).equals("including") && !t.get(j).equals("containing");
    }

    private void clause(List<String> in) {
        List<String> t = new ArrayList<>(in);
        while (!t.isEmpty() && Set.of("and", "but", "while", "whereas", "where", "so", "also", "then", "plus", ",",
                "additionally", "finally", "lastly", "moreover", "furthermore", "otherwise").contains(t.get(0))) {
            t.remove(0);
        }
        if (t.isEmpty()) return;
        // "there are products with …", "we have products …"
        if (t.get(0).equals("there") && t.size() > 2) {
            int j = 1;
            while (j < t.size() && Set.of("are", "is", "should", "will", "must", "be", "can", "also").contains(t.get(j))) j++;
            list(t.subList(j, t.size()), null, true);
            return;
        }
        // "the app should …", "it tracks …": the app acts for its users
        int j0 = 0;
        while (j0 < t.size() && Set.of("the", "this", "my", "our", "app", "application", "system", "site", "website",
                "platform", "tool", "it").contains(t.get(j0))) {
            j0++;
        }
        if (j0 > 0 && j0 < t.size() && (t.get(j0 - 1).equals("it") || Lexicon.APP_WORDS.contains(t.get(j0 - 1)))) {
            List<String> r = new ArrayList<>();
            r.add("users");
            List<String> rest = stripActorPrefix(t.subList(skipModals(t, j0), t.size()));
            if (!rest.isEmpty() && (rest.get(0).equals("have") || rest.get(0).equals("has") || rest.get(0).equals("contain")
                    || rest.get(0).equals("contains") || rest.get(0).equals("include") || rest.get(0).equals("includes"))) {
                list(rest.subList(1, rest.size()), null, true);
                return;
            }
            r.addAll(rest);
            t = r;
        }
        t = new ArrayList<>(stripActorPrefix(t));
        if (t.isEmpty()) return;
        // imperative: "Track workouts with …"
        Verb imperative = verbAt(t, 0);
        if (imperative != null && !Lexicon.HAVE_WORDS.contains(t.get(0)) || imperative != null && t.get(0).equals("track")
                || imperative != null && t.get(0).equals("record") || imperative != null && t.get(0).equals("keep")
                || imperative != null && t.get(0).equals("store") || imperative != null && t.get(0).equals("list")) {
            NP obj = readNP(t, imperative.end);
            NP whole = readNP(t, 0);
            String after = whole.end < t.size() ? t.get(whole.end) : "";
            boolean subjectThenHave = obj.end < t.size() && !obj.words.isEmpty()
                    && (t.get(obj.end).equals("have") || t.get(obj.end).equals("has"))
                    || whole.words.size() >= 2 && Set.of("that", "which", "who", "have", "has", "are", "is", "can",
                    "each", "belong", "must", "should", "need", "contain", "include").contains(after);
            if (!subjectThenHave && !Inflector.isPlural(t.get(0)) && !(t.size() > 1 && t.get(1).equals("("))) {
                verbClause(List.of("users"), imperative.base, t.subList(imperative.end, t.size()));
                return;
            }
        }
        // subject
        List<String> subject;
        int j;
        if (Set.of("i", "we", "you", "they", "it", "everyone", "anyone", "someone", "he", "she").contains(t.get(0))) {
            subject = List.of(t.get(0));
            j = 1;
        } else {
            NP np = readNP(t, 0);
            subject = np.words;
            j = np.end;
        }
        if (subject.isEmpty()) {
            notes.add("Could not read \"" + String.join(" ", in) + "\"; ignored it.");
            return;
        }
        boolean userish = isUserOnly(subject);
        int k = skipModals(t, j);
        if (!userish && k > j && t.subList(j, k).contains("be") && stateValues(t.subList(k, t.size()), subject)) {
            return;
        }
        String next = k < t.size() ? t.get(k) : "";
        boolean definesFields = next.isEmpty() || next.equals("(") || next.equals("with") || next.equals("having")
                || next.equals(":") || next.equals(",") || next.equals("that") || next.equals("which")
                || next.equals("who") || next.equals("whose") || next.equals("containing") || next.equals("including")
                || Lexicon.RELATION_VERBS.contains(next) && !Lexicon.NOMINAL_VERBS.containsKey(next)
                || (Lexicon.LINK_PREPOSITIONS.contains(next) && !userish);
        if (next.equals("are") || next.equals("is")) {
            // "tasks are assigned to projects"
            list(t, null, true);
            return;
        }
        if (definesFields) {
            if (userish && (next.isEmpty() || Lexicon.LINK_PREPOSITIONS.contains(next))) {
                notes.add("'" + String.join(" ", subject) + "' are the app's users (built-in User); no entity made for them.");
                return;
            }
            list(t, null, true);
            return;
        }
        boolean pluralSubject = Inflector.isPlural(subject.get(subject.size() - 1)) || t.get(0).equals("each")
                || t.get(0).equals("every");
        if (!userish && Lexicon.HAVE_WORDS.contains(next) && (k == j && pluralSubject || next.equals("have")
                || next.equals("has")) && !Set.of("show", "shows", "get", "gets", "need", "needs", "carry", "carries")
                .contains(next)) {
            list(t, null, true);
            return;
        }
        if (userish && (next.equals("have") || next.equals("has"))) {
            List<String> rest = t.subList(k + 1, t.size());
            List<List<String>> items = splitItems(rest);
            boolean singlePlural = items.size() == 1 && isPluralNounPhrase(items.get(0));
            if (!singlePlural) {
                list(t, null, true);
                return;
            }
        }
        Verb v = verbAt(t, k);
        if (v == null) {
            // unknown verb after a plural subject: treat it as a verb that creates its object
            if (k < t.size() - 1 && Inflector.isPlural(subject.get(subject.size() - 1))) {
                verbClause(subject, t.get(k), t.subList(k + 1, t.size()));
            } else {
                notes.add("Could not read \"" + String.join(" ", in) + "\"; ignored it.");
            }
            return;
        }
        verbClause(subject, v.base, t.subList(v.end, t.size()));
    }

    /** "orders can be paid or unpaid" → a boolean; "tasks can be open, blocked or done" → an enum status. */
    private boolean stateValues(List<String> rest, List<String> subject) {
        DraftEntity e = entities.get(String.join(" ", singularWords(subject)));
        if (e == null || rest.isEmpty()) return false;
        List<String> r = new ArrayList<>(rest);
        if (r.get(0).equals("either") || r.get(0).equals("marked")) r.remove(0);
        if (!r.isEmpty() && r.get(0).equals("as")) r.remove(0);
        List<String> values = new ArrayList<>();
        for (List<String> part : splitItems(r)) {
            if (part.size() > 2 || part.stream().anyMatch(w -> !w.matches("[a-z][a-z_-]*") || Lexicon.FUNCTION_WORDS.contains(w)
                    && !w.equals("not"))) {
                return false;
            }
            values.add(String.join("_", part).replace('-', '_'));
        }
        if (values.size() < 2) return false;
        String a = values.get(0);
        String b = values.get(1);
        if (values.size() == 2 && (b.equals("un" + a) || b.equals("not_" + a) || b.equals("in" + a) || b.equals("non_" + a)
                || b.equals("non" + a))) {
            if (!e.hasField(a)) {
                DraftField f = new DraftField(a, String.join(" ", rest));
                f.flag = true;
                e.fields.add(f);
            }
            return true;
        }
        if (!e.hasField("status")) {
            DraftField f = new DraftField("status", String.join(" ", rest));
            f.enumValues = new ArrayList<>(new java.util.LinkedHashSet<>(values));
            e.fields.add(f);
        }
        return true;
    }

    private void verbClause(List<String> subject, String verb, List<String> rest) {
        if (Lexicon.NOMINAL_VERBS.containsKey(verb) && !(verb.equals("like") && rest.isEmpty())) {
            nominalClause(subject, verb, rest);
            return;
        }
        if (Lexicon.IGNORED_VERBS.contains(verb)) {
            notes.add("'" + verb + " " + String.join(" ", rest) + "' describes behaviour, not data; no entity made for it.");
            return;
        }
        // light verbs and unknown verbs: the object is the stored thing
        List<String> r = new ArrayList<>(rest);
        while (!r.isEmpty() && Set.of("up", "down", "out", "about", "track", "of", "on").contains(r.get(0))
                && !(r.size() > 1 && r.get(1).equals("("))) {
            r.remove(0);
        }
        if (r.isEmpty()) return;
        int before = entities.size();
        List<DraftEntity> made = list(r, null, true);
        if (!isUserOnly(subject) || isDataSubject(subject)) {
            for (DraftEntity e : made) {
                addRef(e, String.join(" ", subject), RefKind.SUBJECT, false);
            }
        }
        if (made.isEmpty() && entities.size() == before) {
            notes.add("Found no entity in \"" + verb + " " + String.join(" ", rest) + "\".");
        }
    }

    private void nominalClause(List<String> subject, String verb, List<String> rest) {
        String nominal = Lexicon.NOMINAL_VERBS.get(verb);
        List<String> words = new ArrayList<>(Arrays.asList(nominal.split(" ")));
        List<String> r = new ArrayList<>(rest);
        // "book appointments" → Appointment is the booking
        NP obj0 = readNP(r, 0);
        if (!obj0.words.isEmpty() && Set.of("appointment", "reservation", "booking", "visit", "session", "consultation",
                "lesson", "order", "loan", "rental", "application", "subscription", "enrollment", "enrolment", "review",
                "rating", "comment", "vote", "bid", "payment", "donation", "request", "complaint", "message", "answer",
                "reply", "question", "transfer", "deposit", "withdrawal", "purchase", "registration")
                .contains(Inflector.singular(obj0.words.get(obj0.words.size() - 1)))) {
            words = singularWords(obj0.words);
            r = new ArrayList<>(r.subList(obj0.end, r.size()));
        }
        DraftEntity e = entity(words, "from the verb '" + verb + "'");
        e.fromVerb = true;
        String lastWord = words.get(words.size() - 1);
        Matcher range = FieldRules.RANGE.matcher(String.join(" ", r));
        if (range.find() && !e.hasField("score") && !e.hasField("rating")) {
            DraftField score = new DraftField(lastWord.equals("review") ? "rating" : "score", range.group());
            score.min = new java.math.BigDecimal(range.group(1));
            score.max = new java.math.BigDecimal(range.group(2));
            e.fields.add(score);
            r = tokens(String.join(" ", r).replace(range.group(), " "));
        }
        int i = 0;
        boolean linked = false;
        while (i < r.size()) {
            String w = r.get(i);
            if (w.equals("with") || w.equals("having") || w.equals("including") || w.equals("(")) {
                List<String> tail = r.subList(w.equals("(") ? i : i + 1, r.size());
                NP np = readNP(tail, 0);
                boolean partner = !np.words.isEmpty() && Inflector.isPlural(np.words.get(np.words.size() - 1))
                        && !Lexicon.FIELD_PLURALS.contains(np.words.get(np.words.size() - 1))
                        && (np.end == tail.size() || Lexicon.LINK_PREPOSITIONS.contains(tail.get(np.end)));
                if (partner && !w.equals("(")) {
                    addRef(e, String.join(" ", np.words), RefKind.STRONG, true);
                    linked = true;
                    i += 1 + np.end;
                    continue;
                }
                State st = new State(e);
                for (List<String> item : splitItems(w.equals("(") ? inner(tail) : tail)) {
                    item(item, st, e, false, 1);
                }
                break;
            }
            if (w.equals("that") || w.equals("which") || w.equals("who") || w.equals("so") || w.equals("because")
                    || w.equals("when") || w.equals("if")) {
                break;
            }
            if ((w.equals("each") || w.equals("every") || w.equals("per")) && i + 1 < r.size()
                    && Set.of("day", "week", "month", "time", "morning", "evening", "night").contains(r.get(i + 1))) {
                if (r.get(i + 1).equals("day") && !e.hasField("date")) {
                    e.fields.add(new DraftField("date", "each day"));
                }
                i += 2;
                continue;
            }
            if (Set.of("daily", "today", "once", "twice", "again", "online", "anonymously", "publicly").contains(w)) {
                if (w.equals("daily") && !e.hasField("date")) e.fields.add(new DraftField("date", "daily"));
                i++;
                continue;
            }
            if (Lexicon.LINK_PREPOSITIONS.contains(w) || Lexicon.DETERMINERS.contains(w) || !Lexicon.FUNCTION_WORDS.contains(w)) {
                int s = Lexicon.LINK_PREPOSITIONS.contains(w) ? i + 1 : i;
                NP np = readNP(r, s);
                if (!np.words.isEmpty() && s == i && Lexicon.VERB_OBJECT_FILLERS.contains(np.words.get(np.words.size() - 1))) {
                    i = np.end;
                    continue;
                }
                if (!np.words.isEmpty()) {
                    addRef(e, String.join(" ", np.words), RefKind.STRONG, true);
                    linked = true;
                    i = np.end;
                    continue;
                }
            }
            i++;
        }
        if (!linked && lastTopEntity != null && lastTopEntity != e) {
            addRef(e, lastTopEntity.key(), RefKind.KNOWN, true);
            notes.add(e.pascal() + " relates to " + lastTopEntity.pascal() + " (the thing named just before '" + verb + "').");
        }
        if (!isUserOnly(subject) || isDataSubject(subject)) {
            addRef(e, String.join(" ", subject), RefKind.SUBJECT, false);
        }
    }

    // ---------------------------------------------------------------- lists of entities and fields

    /** Mutable context while reading a list: the entity fields currently go to. */
    private static final class State {
        DraftEntity current;
        boolean first = true;

        State(DraftEntity current) {
            this.current = current;
        }
    }

    /**
     * Reads a comma/and-separated list of entity definitions and fields. {@code owner} is the entity
     * the list describes (null at top level). Returns the entities defined or mentioned at its top.
     */
    private List<DraftEntity> list(List<String> tokens, DraftEntity owner, boolean top) {
        List<List<String>> items = mergeColonEnums(splitItems(tokens));
        State st = new State(owner);
        List<DraftEntity> made = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<String> item = items.get(i);
            st.first = i == 0;
            DraftEntity e = item(item, st, owner, top, items.size());
            if (e != null && !made.contains(e)) {
                made.add(e);
            }
        }
        return made;
    }

    private DraftEntity item(List<String> in, State st, DraftEntity owner, boolean top, int listSize) {
        List<String> t = new ArrayList<>(in);
        while (!t.isEmpty() && Set.of("and", "or", "also", "plus", "then", "with", "have", "has", "having", "including",
                "include", "includes", "contain", "contains", "containing", "as", "well", "both", "each", "all", "optionally")
                .contains(t.get(0)) && !(t.get(0).equals("each") && t.size() > 1 && !Lexicon.HAVE_WORDS.contains(t.get(1))
                && readNP(t, 0).end < t.size() && Lexicon.HAVE_WORDS.contains(t.get(readNP(t, 0).end)))) {
            t.remove(0);
        }
        if (t.isEmpty()) return null;
        String w0 = t.get(0);
        // pure relation phrases
        if (w0.equals("which") || w0.equals("who") || w0.equals("whose")
                || Lexicon.RELATION_VERBS.contains(w0) && t.size() > 1 && Lexicon.LINK_PREPOSITIONS.contains(t.get(1))
                || (w0.equals("that") || w0.equals("are") || w0.equals("is")) && t.size() > 1 && Lexicon.RELATION_VERBS.contains(t.get(1))
                || (w0.equals("for") || w0.equals("per")) && t.size() > 1 && Set.of("each", "every", "a", "an", "one", "the").contains(t.get(1))
                && t.size() > 2 && !Set.of("day", "week", "month", "year", "night", "hour", "person", "unit", "item").contains(t.get(2))) {
            if (st.current != null) {
                addRef(st.current, String.join(" ", t), w0.equals("for") || w0.equals("per") ? RefKind.KNOWN : RefKind.STRONG, true);
            }
            return null;
        }
        NP np = readNP(t, 0);
        String next = np.end < t.size() ? t.get(np.end) : "";
        String next2 = np.end + 1 < t.size() ? t.get(np.end + 1) : "";
        if (!np.words.isEmpty()) {
            String head = np.words.get(np.words.size() - 1);
            boolean plural = Inflector.isPlural(head);
            boolean each = np.determiner.equals("each") || np.determiner.equals("every");
            boolean quantified = Set.of("many", "multiple", "several", "various", "some", "any").contains(np.determiner)
                    || np.determiner.equals("more");
            boolean known = entities.containsKey(String.join(" ", singularWords(np.words)));
            boolean fieldy = !known && (np.words.size() == 1 || Lexicon.ENTITY_ADJECTIVES.contains(np.words.get(0)))
                    && (Lexicon.NOT_ENTITIES.contains(head) || Lexicon.NOT_ENTITIES.contains(Inflector.singular(head)));
            boolean fieldPlural = Lexicon.FIELD_PLURALS.contains(head) && !known && st.current != null;
            boolean tag = Lexicon.TAG_LIKE.contains(Inflector.singular(head));
            boolean entityish = !fieldy && (plural || each || known || (st.current == null && top && st.first));
            boolean userOnly = isUserOnly(np.words);
            boolean defines = next.equals("(") || Set.of("with", "having", "have", "has", "containing", "including",
                    "contain", "contains", "include", "includes", "each").contains(next)
                    || (plural || each) && Lexicon.HAVE_WORDS.contains(next) && !Set.of("show", "shows", "get", "gets",
                    "need", "needs", "carry", "carries", "come", "comes").contains(next)
                    || (next.equals("that") || next.equals("which") || next.equals("who"))
                    && (Lexicon.HAVE_WORDS.contains(next2) || next2.equals("can") || next2.equals("each"));
            if (entityish && defines && !(fieldPlural && !next.equals("(") && !next.equals("with"))) {
                if (next.equals("(") && !plural && !each && !known && st.current != null) {
                    return field(t, st);
                }
                DraftEntity e = entity(singularWords(np.words), top ? "named in the prompt" : "named as part of " + ownerName(owner));
                link(e, owner);
                st.current = e;
                if (top) lastTopEntity = e;
                int k = np.end;
                if (next.equals("(")) {
                    int close = closing(t, k);
                    State inner = new State(e);
                    for (List<String> f : mergeColonEnums(splitItems(t.subList(k + 1, close)))) {
                        item(f, inner, e, false, 2);
                    }
                    List<String> after = t.subList(Math.min(close + 1, t.size()), t.size());
                    int m = skipModals(after, 0);
                    Verb v = verbAt(after, m);
                    if (v != null && !Lexicon.HAVE_WORDS.contains(after.get(m)) && !Lexicon.RELATION_VERBS.contains(after.get(m))) {
                        // "customers (name, email) rent cars"
                        verbClause(np.words, v.base, after.subList(v.end, after.size()));
                    } else if (!after.isEmpty()) {
                        item(after, st, owner, false, 2);
                    }
                    return e;
                }
                if (next.equals("that") || next.equals("which") || next.equals("who")) k++;
                if (k < t.size() && Set.of("can", "each", "all", "will", "should", "must", "may").contains(t.get(k))) k++;
                if (k < t.size() && (Lexicon.HAVE_WORDS.contains(t.get(k)) || t.get(k).equals("each"))) k++;
                if (k < t.size() && t.get(k).equals("of")) k++;
                List<String> rest = t.subList(Math.min(k, t.size()), t.size());
                if (!rest.isEmpty()) {
                    item(rest, st, e, false, listSize == 1 ? 1 : 2);
                }
                return e;
            }
            boolean relates = (next.equals("that") || next.equals("which") || next.equals("who") || next.equals("are")
                    || next.equals("is")) && Lexicon.RELATION_VERBS.contains(next2)
                    || Lexicon.RELATION_VERBS.contains(next) && Lexicon.LINK_PREPOSITIONS.contains(next2)
                    || Set.of("link", "links", "connect", "connects", "join", "joins", "pair", "pairs", "match", "matches",
                    "reference", "references", "assign", "assigns").contains(next) && !next2.isEmpty()
                    || (next.equals("is") || next.equals("are")) && Set.of("in", "at", "on", "for", "of", "part", "under",
                    "inside", "within").contains(next2)
                    || Lexicon.LINK_PREPOSITIONS.contains(next) && plural && !fieldy;
            if (entityish && relates && !fieldPlural && (plural || each || st.current == null)) {
                if (userOnly && !known) {
                    return null;
                }
                DraftEntity e = entity(singularWords(np.words), "named in the prompt");
                link(e, owner);
                st.current = e;
                if (top) lastTopEntity = e;
                List<String> rest = t.subList(np.end, t.size());
                int with = rest.indexOf("with");
                if (with < 0) with = rest.indexOf("having");
                if (with > 0) {
                    addRef(e, String.join(" ", rest.subList(0, with)), RefKind.STRONG, true);
                    item(rest.subList(with + 1, rest.size()), st, e, false, 2);
                    return e;
                }
                addRef(e, String.join(" ", rest), RefKind.STRONG, true);
                // "purchase orders that belong to a supplier and have …" continues as fields of e
                return e;
            }
            boolean bare = next.isEmpty() || next.equals(")") || Set.of("i", "we", "you", "they").contains(next);
            if (entityish && bare && !userOnly && !fieldPlural && (st.current == null || (plural && (listSize == 1 || quantified || tag)))) {
                DraftEntity parent = owner != null ? owner : st.current;
                DraftEntity e = entity(singularWords(np.words), parent == null ? "named in the prompt" : "named as part of " + ownerName(parent));
                link(e, parent);
                if (top && st.current == null) {
                    lastTopEntity = e;
                }
                return e;
            }
            if (userOnly && st.current == null) {
                notes.add("'" + String.join(" ", np.words) + "' are the app's users (built-in User); no entity made for them.");
                return null;
            }
        }
        return field(t, st);
    }

    private DraftEntity field(List<String> t, State st) {
        if (st.current == null) {
            if (t.size() > 1) notes.add("Ignored \"" + String.join(" ", t) + "\": no entity to attach it to.");
            return null;
        }
        // split off a trailing relation phrase: "phone that work at a company", "a stage (…) linked to a company"
        int cut = -1;
        RefKind kind = RefKind.KNOWN;
        int depth = 0;
        for (int i = 1; i < t.size(); i++) {
            String w = t.get(i);
            if (w.equals("(")) depth++;
            if (w.equals(")")) depth = Math.max(0, depth - 1);
            if (depth > 0) continue;
            String nx = i + 1 < t.size() ? t.get(i + 1) : "";
            if (w.equals("that") || w.equals("which") || w.equals("who") || w.equals("where")) {
                cut = i;
                kind = RefKind.STRONG;
                break;
            }
            if (Lexicon.RELATION_VERBS.contains(w) && Lexicon.LINK_PREPOSITIONS.contains(nx)) {
                cut = i;
                kind = RefKind.STRONG;
                break;
            }
            if ((w.equals("for") || w.equals("of") || w.equals("per") || w.equals("on") || w.equals("to"))
                    && Set.of("each", "every", "a", "an", "the", "one").contains(nx)) {
                cut = i;
                break;
            }
        }
        List<String> fieldPart = cut > 0 ? t.subList(0, cut) : t;
        if (cut > 0) {
            addRef(st.current, String.join(" ", t.subList(cut, t.size())), kind, kind == RefKind.STRONG);
        }
        String phrase = String.join(" ", fieldPart).replace("( ", "(").replace(" )", ")").replace(" ,", ",");
        FieldRules.read(phrase).ifPresentOrElse(f -> {
            if (!st.current.hasField(f.name)) {
                st.current.fields.add(f);
            }
        }, () -> {
            if (fieldPart.stream().anyMatch(w -> !Lexicon.FILLER.contains(w))) {
                notes.add("Ignored \"" + phrase + "\": not a field name.");
            }
        });
        return null;
    }

    // ---------------------------------------------------------------- entities and references

    private DraftEntity entity(List<String> words, String origin) {
        List<String> w = new ArrayList<>(words);
        if (w.size() > 3) w = w.subList(w.size() - 3, w.size());
        String key = String.join(" ", w);
        DraftEntity e = entities.get(key);
        if (e == null) {
            e = new DraftEntity(w, origin);
            entities.put(key, e);
        }
        return e;
    }

    private void link(DraftEntity child, DraftEntity owner) {
        if (owner == null || owner == child) return;
        String head = child.words.get(child.words.size() - 1);
        if (Lexicon.TAG_LIKE.contains(head) || Lexicon.SHARED_PEOPLE.contains(head)) {
            if (!owner.manyToMany.contains(child.key())) owner.manyToMany.add(child.key());
        } else {
            addRef(child, owner.key(), RefKind.KNOWN, true);
        }
    }

    private void addRef(DraftEntity e, String text, RefKind kind, boolean required) {
        references.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(new Reference(text, kind, required));
    }

    private static String ownerName(DraftEntity owner) {
        return owner == null ? "the prompt" : owner.pascal();
    }

    // ---------------------------------------------------------------- noun phrases and verbs

    record NP(String determiner, List<String> words, int end) {}

    /** Reads an optional determiner and up to four noun words from {@code i}. */
    static NP readNP(List<String> t, int i) {
        int j = i;
        String det = "";
        while (j < t.size() && (Lexicon.DETERMINERS.contains(t.get(j)) || t.get(j).equals("of") && !det.isEmpty()
                && Set.of("one", "many", "all", "some", "each", "any").contains(det))) {
            if (det.isEmpty() || Set.of("a", "an", "the", "their", "its", "my", "our", "your", "his", "her").contains(det)) {
                det = t.get(j);
            }
            j++;
        }
        List<String> words = new ArrayList<>();
        while (j < t.size() && words.size() < 4) {
            String w = t.get(j);
            if (!w.matches("[a-z0-9][a-z0-9'-]*")) break;
            if (Lexicon.FUNCTION_WORDS.contains(w) && !(words.isEmpty() && Set.of("check", "plus").contains(w))) break;
            if (!words.isEmpty()) {
                String prev = words.get(words.size() - 1);
                if (Inflector.isPlural(prev) && !prev.endsWith("'s")) break;
                if (Lexicon.HAVE_WORDS.contains(w) || Lexicon.RELATION_VERBS.contains(w)) break;
            }
            if (Lexicon.DETERMINERS.contains(w) && !words.isEmpty()) break;
            if (w.endsWith("'s")) {
                // possessor: "my bakery's orders" → orders
                words.clear();
                j++;
                continue;
            }
            if (words.isEmpty() && Lexicon.ENTITY_ADJECTIVES.contains(w) && j + 1 < t.size()
                    && t.get(j + 1).matches("[a-z][a-z'-]*") && !Lexicon.FUNCTION_WORDS.contains(t.get(j + 1))) {
                j++;
                continue;
            }
            words.add(w);
            j++;
        }
        return new NP(det, words, j);
    }

    record Verb(String base, int end) {}

    /** The verb at {@code i} (two-word verbs like "check in" first), or null. */
    private static Verb verbAt(List<String> t, int i) {
        if (i >= t.size()) return null;
        String w = t.get(i);
        if (i + 1 < t.size()) {
            String b = verbBase(w);
            String two = (b == null ? w : b) + " " + t.get(i + 1);
            if (Lexicon.NOMINAL_VERBS.containsKey(two)) return new Verb(two, i + 2);
        }
        if (w.equals("check-in") || w.equals("check-ins") || w.equals("checkin")) return new Verb("check in", i + 1);
        String b = verbBase(w);
        return b == null ? null : new Verb(b, i + 1);
    }

    /** Base form of a verb token ("applies" → "apply", "tracking" → "track"), or null when not a known verb. */
    static String verbBase(String w) {
        List<String> candidates = new ArrayList<>();
        candidates.add(w);
        if (w.endsWith("ies")) candidates.add(w.substring(0, w.length() - 3) + "y");
        if (w.endsWith("es")) candidates.add(w.substring(0, w.length() - 2));
        if (w.endsWith("s")) candidates.add(w.substring(0, w.length() - 1));
        if (w.endsWith("ing") && w.length() > 5) {
            String s = w.substring(0, w.length() - 3);
            candidates.add(s);
            candidates.add(s + "e");
            if (s.length() > 2 && s.charAt(s.length() - 1) == s.charAt(s.length() - 2)) candidates.add(s.substring(0, s.length() - 1));
        }
        for (String c : candidates) {
            if (Lexicon.LIGHT_VERBS.contains(c) || Lexicon.NOMINAL_VERBS.containsKey(c) || Lexicon.IGNORED_VERBS.contains(c)
                    || Set.of("have", "has", "contain", "include", "need", "get", "belong", "work").contains(c)) {
                return c.equals("has") ? "have" : c;
            }
        }
        return null;
    }

    private static boolean isVerbToken(String w) {
        return Lexicon.LIGHT_VERBS.contains(w) || Lexicon.NOMINAL_VERBS.containsKey(w) || Lexicon.IGNORED_VERBS.contains(w);
    }

    private static int skipModals(List<String> t, int j) {
        while (j < t.size()) {
            String w = t.get(j);
            String nx = j + 1 < t.size() ? t.get(j + 1) : "";
            if (Set.of("want", "wants", "need", "needs", "like", "likes", "love", "have", "has", "get", "gets", "able")
                    .contains(w) && nx.equals("to")) {
                j += 2;
                continue;
            }
            if (Set.of("can", "may", "will", "should", "must", "could", "would", "shall", "might", "also", "be",
                    "usually", "often", "sometimes", "always", "then", "just", "each", "all", "both", "easily",
                    "quickly", "regularly", "simply", "directly", "only").contains(w)) {
                j++;
                continue;
            }
            break;
        }
        return j;
    }

    private boolean isUserOnly(List<String> words) {
        if (words.isEmpty()) return true;
        String head = words.get(words.size() - 1);
        return Lexicon.USER_WORDS.contains(head) && !entities.containsKey(String.join(" ", singularWords(words)))
                && !entities.containsKey(Inflector.singular(head));
    }

    private boolean isDataSubject(List<String> words) {
        String head = Inflector.singular(words.get(words.size() - 1));
        return Lexicon.DATA_WHEN_REFERENCED.contains(head) && !Set.of("author", "member", "candidate", "reader", "student",
                "employee", "player", "friend", "family", "parent", "kid", "agent").contains(head);
    }

    private boolean isPluralNounPhrase(List<String> item) {
        NP np = readNP(item, 0);
        return !np.words.isEmpty() && np.end == item.size() && Inflector.isPlural(np.words.get(np.words.size() - 1))
                && !Lexicon.FIELD_PLURALS.contains(np.words.get(np.words.size() - 1));
    }

    static List<String> singularWords(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            for (String p : w.split("-")) {
                if (!p.isEmpty()) out.add(p);
            }
        }
        if (out.isEmpty()) return out;
        int last = out.size() - 1;
        out.set(last, Inflector.singular(out.get(last)));
        out.removeIf(Lexicon.ENTITY_ADJECTIVES::contains);
        if (out.isEmpty()) out.add(Inflector.singular(words.get(words.size() - 1)));
        return out;
    }

    private static List<String> stripDeterminers(List<String> t) {
        List<String> out = new ArrayList<>(t);
        out.removeIf(w -> Lexicon.DETERMINERS.contains(w) || w.equals(","));
        return out;
    }

    // ---------------------------------------------------------------- list splitting

    /** Splits at top-level ",", "and", "or", "plus", "as well as". */
    static List<List<String>> splitItems(List<String> t) {
        List<List<String>> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < t.size(); i++) {
            String w = t.get(i);
            if (w.equals("(")) depth++;
            else if (w.equals(")")) depth = Math.max(0, depth - 1);
            else if (depth == 0 && (w.equals(",") || w.equals("and") || w.equals("or") || w.equals("plus") || w.equals("&")
                    || w.equals(";") || w.equals("as") && i + 2 < t.size() && t.get(i + 1).equals("well") && t.get(i + 2).equals("as"))) {
                if (i > start) out.add(t.subList(start, i));
                if (w.equals("as")) i += 2;
                start = i + 1;
            }
        }
        if (start < t.size()) out.add(t.subList(start, t.size()));
        return out;
    }

    /** "rsvp status: invited", "attending", "declined" → "rsvp status (invited, attending, declined)". */
    private static List<List<String>> mergeColonEnums(List<List<String>> items) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<String> item = items.get(i);
            int colon = topLevelIndex(item, ":");
            if (colon <= 0 || colon == item.size() - 1 || item.size() - colon - 1 > 2) {
                out.add(item);
                continue;
            }
            List<String> merged = new ArrayList<>(item.subList(0, colon));
            merged.add("(");
            merged.addAll(item.subList(colon + 1, item.size()));
            int j = i + 1;
            while (j < items.size() && items.get(j).size() == 1 && items.get(j).get(0).matches("[a-z][a-z_-]*")) {
                merged.add(",");
                merged.add(items.get(j).get(0));
                j++;
            }
            merged.add(")");
            if (j == i + 1) {
                out.add(item);
                continue;
            }
            out.add(merged);
            i = j - 1;
        }
        return out;
    }

    private static int closing(List<String> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).equals("(")) depth++;
            if (t.get(i).equals(")") && --depth == 0) return i;
        }
        return t.size();
    }

    private static List<String> inner(List<String> tail) {
        int close = closing(tail, 0);
        return tail.subList(1, Math.min(close, tail.size()));
    }

    private static int topLevelIndex(List<String> t, String token) {
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).equals("(")) depth++;
            if (t.get(i).equals(")")) depth--;
            if (depth == 0 && t.get(i).equals(token)) return i;
        }
        return -1;
    }

    // ---------------------------------------------------------------- app name

    static List<String> appName(List<String> header) {
        List<String> w = new ArrayList<>(header);
        while (!w.isEmpty() && (INTRO_WORDS.contains(w.get(0)) || w.get(0).equals(","))) w.remove(0);
        if (w.size() > 2 && NAME_TRAILING.contains(w.get(0)) && Set.of("for", "to", "that").contains(w.get(1))) {
            // "an app for a cat grooming business", "an app to track my boat's diesel use"
            w = new ArrayList<>(w.subList(2, w.size()));
            while (!w.isEmpty() && (Lexicon.DETERMINERS.contains(w.get(0)) || verbBase(w.get(0)) != null
                    || Set.of("keep", "track", "of").contains(w.get(0)))) {
                w.remove(0);
            }
        }
        for (int i = 1; i < w.size(); i++) {
            if (NAME_CUT.contains(w.get(i)) || w.get(i).equals(",") || w.get(i).equals("(")) {
                w = new ArrayList<>(w.subList(0, i));
                break;
            }
        }
        while (w.size() > 1 && NAME_TRAILING.contains(w.get(w.size() - 1))) w.remove(w.size() - 1);
        if (w.size() == 1 && NAME_TRAILING.contains(w.get(0))) w.clear();
        w.replaceAll(s -> s.replace("'s", ""));
        return w.size() > 6 ? w.subList(0, 6) : w;
    }

    private static List<String> objectWords(List<String> t) {
        List<String> out = new ArrayList<>();
        for (String w : t) {
            if (NAME_CUT.contains(w) || w.equals(",") || w.equals("(")) break;
            if (Lexicon.DETERMINERS.contains(w) || Set.of("track", "of", "all").contains(w)) continue;
            out.add(w.replace("'s", ""));
        }
        return out.size() > 5 ? out.subList(0, 5) : out;
    }
}
