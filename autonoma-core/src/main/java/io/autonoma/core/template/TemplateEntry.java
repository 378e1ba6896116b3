package io.autonoma.core.template;

import java.util.List;
import java.util.Map;

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
}
