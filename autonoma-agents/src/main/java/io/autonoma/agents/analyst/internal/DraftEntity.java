package io.autonoma.agents.analyst.internal;

import java.util.ArrayList;
import java.util.List;

/** An entity as read from the prompt. */
final class DraftEntity {
    /** Lower-case singular words, e.g. ["purchase", "order"]. */
    final List<String> words;
    final List<DraftField> fields = new ArrayList<>();
    /** Phrases naming other entities this one points at ("belong to a supplier"). */
    final List<String> references = new ArrayList<>();
    /** Phrases naming entities this one points at only if they turn out to be entities. */
    final List<String> weakReferences = new ArrayList<>();
    /** Many-to-many targets (lower-case singular words joined by space). */
    final List<String> manyToMany = new ArrayList<>();
    /** Why the entity exists (for notes). */
    String origin;
    /** Created from a verb ("attendees book" → booking). */
    boolean fromVerb;

    DraftEntity(List<String> words, String origin) {
        this.words = List.copyOf(words);
        this.origin = origin;
    }

    String key() {
        return String.join(" ", words);
    }

    String pascal() {
        return Inflector.pascal(words);
    }

    boolean hasField(String name) {
        return fields.stream().anyMatch(f -> f.name.equals(name));
    }
}
