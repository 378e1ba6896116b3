package io.autonoma.agents.analyst.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides from a {@link Reading} which concepts are entities, which people are roles of the app's own
 * users, which relations hold (read from sentences, or known of the words in the app-domain layer) and
 * which behaviours the prompt asks for.
 *
 * <p>The rules, in words: a thing the prompt lists, keeps (is the object of a verb that makes or keeps
 * it), puts in or on something, or calls someone's is an entity; a person who only acts in the app
 * ("sellers list items") is a role of the app's users, and what they make points at the user who made
 * it; a person the prompt keeps records of ("owners, their boats"; "assigned to crew members") is an
 * entity. Generic people (users, people, I) are always the app's users.
 */
final class Understanding {
    private final Domain domain = Domain.get();
    private final WordNet wn = WordNet.get();
    private final Reading r;

    final List<Concept> entities = new ArrayList<>();
    /** Roles of the app's users, by name, with the verbs they do. */
    final Map<String, List<String>> roles = new LinkedHashMap<>();
    final List<Relation> relations = new ArrayList<>();
    final List<Reading.Hint> behaviours = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    /** A decided relation; {@code to == null}: the app's users. {@code why} says where it came from. */
    record Relation(Concept from, Concept to, boolean manyToMany, String name, boolean required, String why,
            boolean fromKnowledge) {}

    /** The words the prompt's title names the app by ("lost-and-found board"), or empty. */
    List<String> appNameWords() {
        return r.appNameWords;
    }

    Understanding(Reading r) {
        this.r = r;
        decideEntities();
        decideRelations();
        decideBehaviours();
    }

    private void decideBehaviours() {
        Concept primary = entities.stream().filter(c -> !c.person && c.fromVerb == null).findFirst().orElse(null);
        boolean targetedRealtime = r.hints.stream().anyMatch(h -> h.kind().equals("realtime") && isEntity(h.concept()));
        for (Reading.Hint h : r.hints) {
            Concept c = h.concept();
            if (h.kind().equals("realtime") && !isEntity(c) && targetedRealtime) continue;
            if (h.kind().equals("ownership") && h.params().containsKey("owner")) {
                // "patients see their results": theirs only if patients are the app's users, not records
                Optional<Concept> owner = r.find(h.params().get("owner"));
                if (owner.isEmpty() || isEntity(owner.get())) continue;
                h = new Reading.Hint(h.kind(), c, Map.of(), h.why());
            }
            if (c != null && !isEntity(c) && primary != null && r.appNameWords.contains(c.head)) {
                // "until the sale ends" on a sale site: the sale is each listed thing
                h = new Reading.Hint(h.kind(), primary, h.params(), h.why());
            }
            behaviours.add(h);
        }
    }

    // ------------------------------------------------------------------ entities and roles

    private void decideEntities() {
        List<Concept> listedPlural = r.concepts.values().stream().filter(c -> c.listed > 0 && c.plurals > 0).toList();
        for (Concept c : r.concepts.values()) {
            if (c.genericPerson) continue;
            if (c.person) {
                boolean acts = c.subjectOf.stream().anyMatch(v -> !Reader.WEAK_VERBS.contains(v));
                boolean kept = c.objects > 0 || c.prepObjects > 0 || c.fieldLists > 0 || c.possessed > 0
                        || c.listed > 0 && !acts || c.headers > 0;
                if (kept && !(acts && c.fieldLists == 0 && c.objects == 0 && c.prepObjects == 0)) {
                    entities.add(c);
                } else if (acts || c.possessors > 0) {
                    roles.computeIfAbsent(c.head, k -> new ArrayList<>()).addAll(c.subjectOf);
                }
                continue;
            }
            if (isTimeOrMeasure(c) && c.listed == 0 && c.fieldLists == 0 && c.fromVerb == null) continue;
            if (domain.vagueNouns.contains(c.head)) continue; // "things have stuff"
            int evidence = c.thingEvidence();
            if (evidence == 0) continue;
            if (c.context > 0 && c.objects == 0 && c.listed == 0 && c.prepObjects == 0 && c.headers == 0
                    && c.fromVerb == null && c.fieldLists == 0) {
                continue;
            }
            // "sprints, user stories and a burndown": one of a kind among lists of many is a view, not records
            if (c.listed > 0 && c.plurals == 0 && c.objects == 0 && c.prepObjects == 0 && c.fieldLists == 0
                    && c.possessed == 0 && c.fromVerb == null && !listedPlural.isEmpty() && c.mentions <= 1
                    && r.links.stream().noneMatch(l -> l.from() == c || l.to() == c)) {
                notes.add("'" + c.head + "' is named once, in the singular, among things kept by the many; read it as a "
                        + "view of the app, not as records.");
                continue;
            }
            // only a subject ("the auction closes"): a thing, if something else refers to it
            if (evidence == c.subjects && c.plurals == 0 && r.links.stream().noneMatch(l -> l.to() == c)) {
                continue;
            }
            entities.add(c);
        }
        for (Map.Entry<String, List<String>> e : r.roles.entrySet()) {
            Optional<Concept> c = r.find(e.getKey());
            if (c.isPresent() && entities.contains(c.get())) continue;
            roles.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            for (String v : e.getValue()) {
                if (!roles.get(e.getKey()).contains(v)) roles.get(e.getKey()).add(v);
            }
        }
        roles.values().forEach(l -> {
            Set<String> d = new LinkedHashSet<>(l);
            l.clear();
            l.addAll(d);
        });
    }

    private boolean isTimeOrMeasure(Concept c) {
        return domain.measureWords.contains(c.head) || c.head.equals("real_time") || wn.isA(c.head, "time_unit", 1);
    }

    /** Any concept the reader saw with this head, entity or not. */
    Optional<Concept> concept(String head) {
        return r.find(head);
    }

    boolean isEntity(Concept c) {
        return c != null && entities.contains(c);
    }

    // ------------------------------------------------------------------ relations

    private void decideRelations() {
        for (Reading.Link l : r.links) {
            Concept from = l.from();
            Concept to = l.to();
            if (!isEntity(from)) continue;
            if (to == null || !isEntity(to) && to.person) {
                // the app's users, under the name of their role
                String name = l.name() != null ? l.name() : to != null ? to.head : "owner";
                add(new Relation(from, null, l.manyToMany(), snake(name), l.required() && !l.manyToMany(), l.why(), false));
                continue;
            }
            if (!isEntity(to)) continue;
            add(new Relation(from, to, l.manyToMany(), l.name() == null ? null : snake(l.name()), l.required(), l.why(), false));
        }
        // what the app-domain layer knows: a card sits in a column, a pledge backs a project
        for (Concept c : entities) {
            if (hasParent(c)) continue;
            Optional<Domain.Knowledge> k = domain.knowledge(c.head);
            if (k.isEmpty()) continue;
            for (String parent : k.get().parents()) {
                Optional<Concept> p = entities.stream().filter(e -> e.head.equals(parent) && e != c).findFirst();
                if (p.isPresent() && !pointsAt(p.get(), c)) {
                    add(new Relation(c, p.get(), false, null, true, "a " + c.head + " usually belongs to a " + parent, true));
                    break;
                }
            }
        }
        // records made by a verb ("people RSVP", "volunteers sign up") belong to the thing they are about
        for (Concept c : entities) {
            if (c.fromVerb == null || hasParent(c)) continue;
            entities.stream().filter(e -> e != c && !e.person && e.fromVerb == null && !pointsAt(e, c)).findFirst()
                    .ifPresent(p -> add(new Relation(c, p, false, null, true, "what '" + c.fromVerb + "' is about", true)));
        }
    }

    private boolean hasParent(Concept c) {
        return relations.stream().anyMatch(x -> x.from() == c && x.to() != null && !x.to().person && !x.manyToMany());
    }

    private boolean pointsAt(Concept from, Concept to) {
        return relations.stream().anyMatch(x -> x.from() == from && x.to() == to);
    }

    private void add(Relation rel) {
        for (Relation x : relations) {
            if (x.from() == rel.from() && x.to() == rel.to() && (x.to() != null || x.name().equals(rel.name()))) return;
            if (rel.to() != null && x.from() == rel.to() && x.to() == rel.from() && !x.manyToMany()) return; // no cycles of two
        }
        relations.add(rel);
    }

    private static String snake(String s) {
        return s.replace('-', '_').replace(' ', '_');
    }
}
