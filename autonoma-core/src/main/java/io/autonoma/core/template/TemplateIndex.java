package io.autonoma.core.template;

import java.util.List;
import java.util.Optional;

/**
 * Semantic + keyword search over code templates. Thread-safe. Adding an entry with an existing id
 * replaces it.
 */
public interface TemplateIndex {

    /** The seed's collections. */
    List<String> COLLECTIONS = List.of("code_templates", "ui_components", "api_patterns", "deployment_configs", "project_templates");

    /** Adds or replaces entries (by id). An empty list is a no-op. */
    void addAll(List<TemplateEntry> entries);

    default void add(TemplateEntry entry) {
        addAll(List.of(entry));
    }

    /** Best matches first, at most {@code topK}, only those passing the filters; empty if the index is empty. */
    List<TemplateMatch> search(TemplateQuery query);

    default List<TemplateMatch> search(String text, int topK) {
        return search(TemplateQuery.of(text, topK));
    }

    Optional<TemplateEntry> get(String id);

    /** Removes an entry; returns whether it existed. */
    boolean remove(String id);

    int size();
}
