package io.autonoma.core.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A searchable template. {@code collection} is one of {@link TemplateIndex#COLLECTIONS} (or any
 * user collection); {@code metadata} holds e.g. {@code framework=fastapi}, {@code language=python}.
 */
public record TemplateEntry(
        String id, String collection, String title, String description, String content, List<String> tags,
        Map<String, String> metadata) {
    public TemplateEntry {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("template id must not be blank");
        if (collection == null || collection.isBlank()) throw new IllegalArgumentException("template collection must not be blank");
        title = title == null ? "" : title;
        description = description == null ? "" : description;
        content = content == null ? "" : content;
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** The text that is embedded and keyword-matched. */
    public String searchableText() {
        return title + "\n" + description + "\n" + String.join(" ", tags) + "\n" + content;
    }

    /**
     * The batch an index's {@code addAll} stores: one entry per id, a later duplicate replacing an
     * earlier one at its own (later) position. Rejects a null list or element.
     */
    public static List<TemplateEntry> lastPerId(List<TemplateEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        Map<String, TemplateEntry> unique = new LinkedHashMap<>();
        for (TemplateEntry e : entries) {
            Objects.requireNonNull(e, "entries must not contain null");
            unique.remove(e.id());
            unique.put(e.id(), e);
        }
        return new ArrayList<>(unique.values());
    }
}
