package io.autonoma.core.template;

/** A search hit; {@code score} is in [0, 1], higher is better. */
public record TemplateMatch(TemplateEntry entry, double score) {}
