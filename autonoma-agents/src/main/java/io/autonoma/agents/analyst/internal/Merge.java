package io.autonoma.agents.analyst.internal;

import io.autonoma.agents.analyst.internal.Tagger.Tag;
import io.autonoma.agents.analyst.internal.Tagger.Token;
import io.autonoma.core.spec.RelationKind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the two readings of a prompt: the field-list parser's drafts ({@link PromptParser}: "products with
 * a SKU and a price") and the sentence reader's understanding ({@link Understanding}: "members enter groups
 * and post updates"). Drafts keep their fields; things the reader found that the parser did not become
 * entities too; drafts the reader rejects (a verb read as a thing, the app's own users) are dropped unless
 * the prompt gave them real fields. Relations to the app's users and roles come from the reader.
 */
final class Merge {
    /** Relation key of the app's own users in {@link SpecAssembler.Rel}. */
    static final String USER_KEY = "@user";

    final Understanding understanding;
    /** The draft each entity concept became. */
    final Map<Concept, DraftEntity> drafts = new IdentityHashMap<>();
    final Map<String, List<String>> roles = new LinkedHashMap<>();
    private final Map<String, DraftEntity> personEntities = new LinkedHashMap<>();
    /** Whether the prompt lists fields ("products with a SKU, a name and a price"), so that what it lists is all. */
    boolean listsFields;

    private Merge(Understanding understanding) {
        this.understanding = understanding;
    }

    static Merge apply(PromptParser p, String prompt, List<SpecAssembler.Rel> rels, List<String> notes) {
        Reading reading = new Reader().read(prompt);
        Understanding u = new Understanding(reading);
        Merge m = new Merge(u);
        m.join(p, reading, rels, notes);
        return m;
    }

    private void join(PromptParser p, Reading reading, List<SpecAssembler.Rel> rels, List<String> notes) {
        Map<String, DraftEntity> entities = p.entities;
        Set<String> entityHeads = new java.util.HashSet<>();
        u().entities.forEach(c -> entityHeads.add(c.head));
        // 1. the parser's drafts: keep real fields, match them to the reader's concepts
        boolean limits = u().behaviours.stream().anyMatch(h -> h.kind().equals("limit"));
        // a prompt that lists fields ("products with a SKU, a name and a price") is the parser's ground; in one
        // that does not, the reader's reading of the sentences governs names and references
        Set<String> hinted = new java.util.HashSet<>();
        reading.concepts.values().forEach(c -> c.fieldHints.forEach(h -> hinted.add(h.replaceFirst("^(text:|count:|~)", ""))));
        long confirmed = entities.values().stream().flatMap(e -> e.fields.stream())
                .filter(f -> realField(f, entityHeads) && confirmedBy(f, hinted)).count();
        listsFields = confirmed >= 2 || entities.values().stream().anyMatch(e -> e.fields.stream()
                .filter(f -> realField(f, entityHeads)).count() >= 3);
        for (DraftEntity e : new ArrayList<>(entities.values())) {
            for (DraftField f : new ArrayList<>(e.fields)) {
                if (!realField(f, entityHeads) || limits && Domain.get().behaviour("limit", f.name.split("_")[0])) {
                    e.fields.remove(f);
                    notes.add("'" + f.phrase + "' is not a field of " + String.join(" ", e.words) + " (it reads as a clause or "
                            + "names a thing of its own); left it out.");
                }
            }
            if (!listsFields) {
                // without field lists, the parser's plain fields are guesses from sentences: keep those the reader saw too
                e.fields.removeIf(f -> f.enumValues.isEmpty() && f.min == null && !f.flag && f.unit == null && !f.count
                        && !confirmedBy(f, hinted));
            }
            for (DraftField f : e.fields) {
                singularDate(f);
            }
            Concept c = match(e);
            boolean accepted = c != null && u().isEntity(c);
            boolean personRole = c != null && !accepted && (c.person || c.genericPerson);
            if (accepted) {
                if (!drafts.containsKey(c)) {
                    drafts.put(c, renamed(p, e, c, rels, notes, listsFields));
                } else if (drafts.get(c) != e) {
                    // the name the reader gives the thing wins, else the draft the prompt gave more fields
                    DraftEntity first = drafts.get(c);
                    String name = String.join(" ", c.name());
                    boolean second = !first.key().equals(name) && (e.key().equals(name) || e.fields.size() > first.fields.size());
                    if (second) {
                        drafts.put(c, e);
                        absorb(p, e, first, rels, notes);
                    } else {
                        absorb(p, first, e, rels, notes);
                    }
                }
                continue;
            }
            boolean hasFields = !e.fields.isEmpty();
            if ((hasFields && !personRole || hasFields && e.fields.size() > 1) && isNounPhrase(e.words)) {
                continue; // the prompt gave it fields of its own: keep it even if the reader did not see it
            }
            if (listsFields && c == null && !e.fromVerb && e.origin != null && e.origin.startsWith("referenced")
                    && isNounPhrase(e.words)) {
                continue; // "belong to a supplier": the parser's reference rules know this one
            }
            entities.remove(e.key());
            String why = personRole ? "are the app's users" + (c.genericPerson ? "" : " (role " + c.head + ")")
                    : "is not a thing the prompt keeps";
            notes.add("'" + String.join(" ", e.words) + "' " + why + "; no entity made for it.");
            rels.removeIf(r -> r.from().equals(e.key()) || r.to().equals(e.key()));
            entities.values().forEach(x -> x.manyToMany.remove(e.key()));
        }
        // people the reader took for roles but the prompt gave fields: records of their own, and what they
        // make points at them rather than at the app's users
        for (DraftEntity e : entities.values()) {
            String head = e.words.get(e.words.size() - 1);
            if (!e.fields.isEmpty() && u().roles.containsKey(head)) {
                u().roles.remove(head);
                personEntities.put(head, e);
            }
        }
        // 2. what the reader found and the parser did not
        for (Concept c : u().entities) {
            if (drafts.containsKey(c)) continue;
            List<String> words = c.name();
            DraftEntity e = entities.get(String.join(" ", words));
            if (e == null) {
                e = entities.values().stream().filter(x -> x.words.get(x.words.size() - 1).equals(c.head)).findFirst()
                        .orElse(null);
            }
            if (e == null) {
                e = new DraftEntity(words, origin(c));
                e.fromVerb = c.fromVerb != null;
                entities.put(e.key(), e);
            }
            drafts.put(c, e);
        }
        // 3. relations the reader found, unless the parser already links the pair
        for (Understanding.Relation read : u().relations) {
            DraftEntity from = drafts.get(read.from());
            if (from == null) continue;
            if (listsFields && read.fromKnowledge()) continue; // a prompt that lists its fields says its relations too
            String target = read.to() == null ? USER_KEY : drafts.containsKey(read.to()) ? drafts.get(read.to()).key() : null;
            Understanding.Relation r = read;
            if (read.to() == null && personEntities.containsKey(read.name())) {
                target = personEntities.get(read.name()).key();
                r = new Understanding.Relation(read.from(), null, read.manyToMany(), null, read.required(), read.why(), false);
            }
            final String to = target;
            final Understanding.Relation rel = r;
            if (to == null) continue;
            String fromKey = from.key();
            if (rel.to() != null && Domain.get().knowledge(rel.from().head).map(k -> k.parents().contains(rel.to().head)).orElse(false)) {
                // the domain layer knows the direction ("cards in decks"): it wins over a reading the other way round
                rels.removeIf(x -> x.from().equals(to) && x.to().equals(fromKey) && x.kind() == RelationKind.MANY_TO_ONE);
            }
            boolean known = rels.stream().anyMatch(x -> x.from().equals(fromKey) && x.to().equals(to)
                    && (!USER_KEY.equals(to) || java.util.Objects.equals(rel.name(), x.name()))
                    || x.from().equals(to) && x.to().equals(fromKey))
                    || from.manyToMany.contains(to) || entities.containsKey(to) && entities.get(to).manyToMany.contains(fromKey);
            if (known) continue;
            if (rel.manyToMany()) {
                rels.add(new SpecAssembler.Rel(fromKey, to, RelationKind.MANY_TO_MANY, false, rel.name()));
            } else {
                rels.add(new SpecAssembler.Rel(fromKey, to, RelationKind.MANY_TO_ONE, rel.required(), rel.name()));
            }
            notes.add(String.join(" ", from.words) + " → " + (USER_KEY.equals(to) ? "the app's users" : String.join(" ",
                    entities.get(to).words)) + (rel.name() != null ? " (as " + rel.name() + ")" : "") + ": " + rel.why() + ".");
        }
        roles.putAll(u().roles);
    }

    /** The reader's concept behind a draft, if the reader saw it. */
    Concept conceptOf(DraftEntity e) {
        for (Map.Entry<Concept, DraftEntity> x : drafts.entrySet()) {
            if (x.getValue() == e) return x.getKey();
        }
        return null;
    }

    private Understanding u() {
        return understanding;
    }

    /** The reader's concept for a draft: an entity of the same wording or head, else any concept it saw. */
    private Concept match(DraftEntity e) {
        String head = e.words.get(e.words.size() - 1);
        String key = e.key();
        Concept byHead = null;
        for (Concept c : u().entities) {
            if (c.wordings.containsKey(key)) return c;
            if (c.head.equals(head) && byHead == null) byHead = c;
        }
        if (byHead != null) return byHead;
        Concept role = understandingConcept(head);
        if (role != null) return role;
        return u().concept(head).orElse(null);
    }

    /**
     * The draft under the reader's name for the concept when the parser's name carries words that are not
     * part of the thing's name ("send message", "long url", "report maintenance problem").
     */
    private DraftEntity renamed(PromptParser p, DraftEntity e, Concept c, List<SpecAssembler.Rel> rels, List<String> notes,
            boolean listsFields) {
        List<String> name = c.name();
        if (name.equals(e.words) || p.entities.containsKey(String.join(" ", name))) return e;
        List<Token> tokens = new Tagger(WordNet.get()).tag(e.words);
        // a verb in the name ("send message") is never part of it; in a prompt that lists fields, a participle
        // ("planned meals") is, and only the reader's own prompts rename adjectives away ("long url")
        boolean baseVerb = tokens.stream().anyMatch(t -> t.tag() == Tag.VERB && !t.text().endsWith("ed") && !t.text().endsWith("ing"));
        // without field lists, a reader that kept only the last words ("concert" of "plan concert") read the rest as
        // a verb or a word of the sentence around it
        boolean shorter = name.size() < e.words.size() && e.words.subList(e.words.size() - name.size(), e.words.size()).equals(name)
                && WordNet.get().isVerb(e.words.get(0));
        boolean extraWords = baseVerb || !listsFields && (shorter || tokens.stream().anyMatch(t -> t.tag() != Tag.NOUN));
        if (!extraWords) return e;
        DraftEntity n = new DraftEntity(name, e.origin);
        n.fields.addAll(e.fields);
        n.references.addAll(e.references);
        n.weakReferences.addAll(e.weakReferences);
        n.manyToMany.addAll(e.manyToMany);
        n.fromVerb = e.fromVerb;
        String oldKey = e.key();
        String newKey = n.key();
        Map<String, DraftEntity> rebuilt = new LinkedHashMap<>();
        p.entities.forEach((k, v) -> rebuilt.put(k.equals(oldKey) ? newKey : k, k.equals(oldKey) ? n : v));
        p.entities.clear();
        p.entities.putAll(rebuilt);
        rels.replaceAll(r -> new SpecAssembler.Rel(r.from().equals(oldKey) ? newKey : r.from(),
                r.to().equals(oldKey) ? newKey : r.to(), r.kind(), r.required(), r.name()));
        p.entities.values().forEach(x -> x.manyToMany.replaceAll(m -> m.equals(oldKey) ? newKey : m));
        notes.add("Read '" + String.join(" ", e.words) + "' as " + Inflector.pascal(name) + ".");
        return n;
    }

    /** "Photo albums: each album has a name": two of the parser's drafts the reader reads as one thing. */
    private static void absorb(PromptParser p, DraftEntity kept, DraftEntity gone, List<SpecAssembler.Rel> rels,
            List<String> notes) {
        for (DraftField f : gone.fields) {
            if (!kept.hasField(f.name)) kept.fields.add(f);
        }
        for (String r : gone.references) {
            if (!kept.references.contains(r)) kept.references.add(r);
        }
        for (String r : gone.weakReferences) {
            if (!kept.weakReferences.contains(r)) kept.weakReferences.add(r);
        }
        for (String m : gone.manyToMany) {
            if (!kept.manyToMany.contains(m)) kept.manyToMany.add(m);
        }
        String oldKey = gone.key();
        String newKey = kept.key();
        p.entities.remove(oldKey);
        rels.replaceAll(r -> new SpecAssembler.Rel(r.from().equals(oldKey) ? newKey : r.from(),
                r.to().equals(oldKey) ? newKey : r.to(), r.kind(), r.required(), r.name()));
        rels.removeIf(r -> r.from().equals(r.to()) && r.from().equals(newKey) && r.kind() == RelationKind.MANY_TO_ONE
                && r.name() == null);
        p.entities.values().forEach(x -> x.manyToMany.replaceAll(m -> m.equals(oldKey) ? newKey : m));
        notes.add("Read '" + String.join(" ", gone.words) + "' as " + kept.pascal() + " (the same thing, named twice).");
    }

    private static boolean confirmedBy(DraftField f, Set<String> hinted) {
        String singular = f.name.substring(0, f.name.lastIndexOf('_') + 1) + Inflector.singular(f.name.substring(f.name.lastIndexOf('_') + 1));
        return hinted.contains(f.name) || hinted.contains(singular);
    }

    /** "due dates" on one bill is its due date: a plural date-like field name is the singular. */
    private static void singularDate(DraftField f) {
        if (!f.enumValues.isEmpty() || f.count || !f.name.endsWith("s")) return;
        String singular = f.name.substring(0, f.name.lastIndexOf('_') + 1)
                + Inflector.singular(f.name.substring(f.name.lastIndexOf('_') + 1));
        io.autonoma.core.spec.FieldType plural = FieldRules.toField(new DraftField(f.name, f.phrase), "X").type();
        io.autonoma.core.spec.FieldType one = FieldRules.toField(new DraftField(singular, f.phrase), "X").type();
        if (plural == io.autonoma.core.spec.FieldType.STRING && one != io.autonoma.core.spec.FieldType.STRING
                && one != io.autonoma.core.spec.FieldType.TEXT) {
            f.name = singular;
        }
    }

    private Concept understandingConcept(String head) {
        for (Map.Entry<String, List<String>> r : u().roles.entrySet()) {
            if (r.getKey().equals(head)) {
                Concept c = new Concept(head, -1);
                c.person = true;
                return c;
            }
        }
        if (Domain.get().genericPeople.contains(head)) {
            Concept c = new Concept(head, -1);
            c.person = true;
            c.genericPerson = true;
            return c;
        }
        return null;
    }

    private static String origin(Concept c) {
        if (c.fromVerb != null) return "made when users '" + c.fromVerb.replace('_', ' ') + "'";
        if (c.listed > 0) return "listed in the prompt";
        if (c.fieldLists > 0) return "given fields in the prompt";
        if (!c.objectOf.isEmpty()) return "kept by the app ('" + String.join("', '", c.objectOf).replace('_', ' ') + "')";
        if (c.possessed > 0) return "belongs to someone in the prompt";
        if (c.headers > 0) return "named in the prompt's title";
        return "named in the prompt";
    }

    /**
     * Whether a field the parser read is a field: a noun phrase ("due date", "published flag"), not a
     * clause ("backers pledge money", "venues we play") nor a thing the reader keeps as an entity.
     */
    private static boolean realField(DraftField f, Set<String> entityHeads) {
        if (!f.enumValues.isEmpty() || f.min != null || f.flag || f.unit != null || f.count) return true;
        List<String> words = Tagger.words(f.phrase == null ? f.name.replace('_', ' ') : f.phrase);
        if (words.isEmpty()) return false;
        List<Token> tokens = new Tagger(WordNet.get()).tag(words);
        for (int i = 0; i < tokens.size(); i++) {
            Tag t = tokens.get(i).tag();
            if (t == Tag.PRON || t == Tag.MODAL || t == Tag.SCONJ || t == Tag.POSS) return false;
            boolean participle = t == Tag.VERB && (tokens.get(i).text().endsWith("ed") || tokens.get(i).text().endsWith("ing"))
                    && i + 1 < tokens.size() && tokens.get(i + 1).tag() == Tag.NOUN;
            if (t == Tag.VERB && i < tokens.size() - 1 && !participle) return false; // "share a link", "backers pledge money"
        }
        if (tokens.size() > 1 && tokens.stream().anyMatch(t -> t.tag() == Tag.NOUN && t.plural() && entityHeads.contains(t.lemma()))) {
            return false; // "uploaded images", "parts used": the images and parts are entities
        }
        return !(tokens.size() == 1 && (tokens.get(0).tag() == Tag.ADP || tokens.get(0).tag() == Tag.ADV));
    }

    private static boolean isNounPhrase(List<String> words) {
        List<Token> tokens = new Tagger(WordNet.get()).tag(words);
        return tokens.stream().allMatch(t -> t.tag() == Tag.NOUN || t.tag() == Tag.ADJ || t.tag() == Tag.NUM);
    }
}
