package io.autonoma.agents.analyst.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the {@link Reader} understood of a prompt: concepts with their evidence, links between them, behaviour hints. */
final class Reading {
    final Map<String, Concept> concepts = new LinkedHashMap<>();
    final List<Link> links = new ArrayList<>();
    final List<Hint> hints = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Roles of the app's users named by the prompt (manager, seller), with the verbs they do. */
    final Map<String, List<String>> roles = new LinkedHashMap<>();
    /** Words naming the app ("chat", "kanban"), from its title. */
    List<String> appNameWords = List.of();
    private int order;

    /**
     * A relation as read: {@code from} points at {@code to} ({@code to == null}: the app's own users).
     * {@code name} null means "named after the target".
     */
    record Link(Concept from, Concept to, boolean manyToMany, String name, boolean required, String why) {}

    /** A behaviour the prompt asks for, on a concept; {@code params} are capability parameters in words. */
    record Hint(String kind, Concept concept, Map<String, String> params, String why) {}

    /**
     * The concept for a wording (singular lemma words). A wording with the same head as a known concept is
     * the same thing when either has no modifier or they share it ("shifts" and "volunteer shifts"); two
     * different modifiers make two things ("purchase orders", "sales orders").
     */
    Concept concept(List<String> words) {
        return concept(words, true);
    }

    /** As {@link #concept(List)}; a wording from the app's title does not count towards the entity's name. */
    Concept concept(List<String> words, boolean countWording) {
        String key = String.join(" ", words);
        String head = words.get(words.size() - 1);
        Concept c = concepts.get(key);
        if (c == null) {
            for (Concept x : concepts.values()) {
                if (!x.head.equals(head)) continue;
                boolean bare = words.size() == 1 || x.wordings.keySet().stream().anyMatch(w -> !w.contains(" "));
                if (bare || x.wordings.containsKey(key)) {
                    c = x;
                    break;
                }
            }
        }
        if (c == null) {
            c = new Concept(head, order++);
            concepts.put(key, c);
        }
        if (countWording) {
            c.wording(words);
        } else if (c.wordings.isEmpty()) {
            c.wordings.put(String.join(" ", words), 0);
        }
        c.mentions++;
        return c;
    }

    Optional<Concept> find(String head) {
        return concepts.values().stream().filter(c -> c.head.equals(head)).findFirst();
    }

    void link(Concept from, Concept to, boolean manyToMany, String name, boolean required, String why) {
        if (from == to || from == null) return;
        for (Link l : links) {
            if (l.from() == from && l.to() == to && (name == null || name.equals(l.name()))) return;
        }
        links.add(new Link(from, to, manyToMany, name, required, why));
    }

    void hint(String kind, Concept concept, Map<String, String> params, String why) {
        for (Hint h : hints) {
            if (h.kind().equals(kind) && h.concept() == concept && h.params().equals(params)) return;
        }
        hints.add(new Hint(kind, concept, params, why));
    }

    void role(String role, String verb) {
        roles.computeIfAbsent(role, k -> new ArrayList<>());
        if (verb != null && !roles.get(role).contains(verb)) roles.get(role).add(verb);
    }
}
