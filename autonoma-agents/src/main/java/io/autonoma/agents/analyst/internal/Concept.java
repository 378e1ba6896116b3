package io.autonoma.agents.analyst.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A thing the prompt talks about (rooms, messages, team members), with the evidence of how it talks
 * about it: listed among other things, object of a verb, subject, possessor… The {@link Reading} decides
 * from this evidence whether it is an entity, a role of the app's users, or neither.
 */
final class Concept {
    /** Singular lemma of the head noun ({@code job}). */
    final String head;
    /** Every wording seen, singular words joined by space, with how often ({@code repair job} → 2). */
    final Map<String, Integer> wordings = new LinkedHashMap<>();
    /** Order of first mention. */
    final int order;

    boolean person;
    boolean genericPerson;
    int listed;
    int objects;
    int subjects;
    int prepObjects;
    int headers;
    int possessors;
    int possessed;
    int fieldLists;
    int plurals;
    int mentions;
    /** Created from a verb ("people RSVP" → rsvp), with the verb. */
    String fromVerb;
    /** Context only: "our office building", "a food bank", the app's own title. */
    int context;
    final Set<String> subjectOf = new LinkedHashSet<>();
    final Set<String> objectOf = new LinkedHashSet<>();
    /** Field names the prompt attaches to this concept in passing ("fundraisers with a target"). */
    final List<String> fieldHints = new ArrayList<>();

    Concept(String head, int order) {
        this.head = head;
        this.order = order;
    }

    void wording(List<String> words) {
        wordings.merge(String.join(" ", words), 1, Integer::sum);
    }

    /** The wording to name the entity by: the most frequent outside the app's title, then the most specific. */
    List<String> name() {
        String best = null;
        int bestCount = -1;
        for (Map.Entry<String, Integer> e : wordings.entrySet()) {
            int words = e.getKey().split(" ").length;
            // ties go to the more specific wording ("test results" over "results")
            if (e.getValue() > bestCount || e.getValue() == bestCount && words > best.split(" ").length) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best == null ? List.of(head) : List.of(best.split(" "));
    }

    /** Evidence that the prompt keeps these as records. */
    int thingEvidence() {
        return listed * 3 + objects * 3 + prepObjects * 2 + headers * 2 + possessors * 2 + possessed * 2 + fieldLists * 4
                + (fromVerb != null ? 3 : 0) + subjects;
    }

    @Override
    public String toString() {
        return head + wordings.keySet() + (person ? "(person)" : "") + " L" + listed + " O" + objects + " S" + subjects + " P"
                + prepObjects + " H" + headers + " Pos" + possessors + "/" + possessed + " F" + fieldLists + " C" + context
                + (fromVerb != null ? " V:" + fromVerb : "");
    }
}
