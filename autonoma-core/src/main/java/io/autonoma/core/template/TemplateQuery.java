package io.autonoma.core.template;

import java.util.Optional;

/**
 * A search. {@code topK} in 1..1000. Empty {@code collection}/{@code framework} mean "any".
 * {@code framework} matches {@code metadata.framework}.
 */
public record TemplateQuery(String text, int topK, Optional<String> collection, Optional<String> framework) {
    public TemplateQuery {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("query text must not be blank");
        if (topK < 1 || topK > 1000) throw new IllegalArgumentException("topK must be between 1 and 1000, was " + topK);
        collection = collection == null ? Optional.empty() : collection;
        framework = framework == null ? Optional.empty() : framework;
    }

    public static TemplateQuery of(String text, int topK) {
        return new TemplateQuery(text, topK, Optional.empty(), Optional.empty());
    }

    public TemplateQuery inCollection(String c) {
        return new TemplateQuery(text, topK, Optional.of(c), framework);
    }

    public TemplateQuery forFramework(String f) {
        return new TemplateQuery(text, topK, collection, Optional.of(f));
    }
}
