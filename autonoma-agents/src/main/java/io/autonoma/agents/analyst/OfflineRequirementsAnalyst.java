package io.autonoma.agents.analyst;

import io.autonoma.agents.analyst.internal.KeywordTemplateIndex;
import io.autonoma.agents.analyst.internal.SpecAssembler;
import io.autonoma.core.guard.PromptGuard;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.InvalidSpecException;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.core.template.TemplateMatch;
import io.autonoma.core.template.TemplateQuery;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a plain-English prompt into an {@link AppSpec} with rules: no network, no model, and
 * deterministic (the same prompt always gives an equal spec, given the same index contents).
 *
 * <p>Entities are the nouns the prompt gives fields or relations ("products with a SKU and a price",
 * "purchase orders that belong to a supplier"); field types follow names and words ("due date" →
 * date, "price" → decimal, "status (open, closed)" → enum, "from 1 to 5" → integer 1..5). When the
 * prompt names no fields at all ("a personal reading list app"), the nearest archetype of collection
 * {@value Archetypes#COLLECTION} in the {@link TemplateIndex} is used instead, and recorded in the
 * spec's notes ("No entities named in the prompt; used archetype 'reading-list' (score 0.83)."). Index
 * entries whose content is not a valid AppSpec are skipped; if the index throws, the archetypes shipped
 * in this jar ({@link Archetypes}) are matched by keyword instead. If nothing matches and the prompt
 * named nothing, the default archetype ({@code todo} unless configured) is used. Thread-safe.
 */
public final class OfflineRequirementsAnalyst {
    /** Prompts longer than this are rejected (they are not plain descriptions): Autonoma's one limit, {@link PromptGuard#DEFAULT_MAX_CHARS}. */
    public static final int MAX_PROMPT_CHARS = PromptGuard.DEFAULT_MAX_CHARS;

    private final TemplateIndex index;
    private final double minArchetypeScore;
    private final String defaultArchetype;

    private OfflineRequirementsAnalyst(Builder b) {
        this.index = b.index;
        this.minArchetypeScore = b.minArchetypeScore;
        this.defaultArchetype = b.defaultArchetype;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An analyst with a keyword index over the archetypes shipped in this jar. */
    public static OfflineRequirementsAnalyst create() {
        return builder().build();
    }

    /**
     * Analyses a prompt. Never returns null; the result passes
     * {@link io.autonoma.core.spec.AppSpecValidator}.
     *
     * @throws IllegalArgumentException if the prompt is null, blank or longer than {@link #MAX_PROMPT_CHARS}
     */
    public AppSpec analyze(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("prompt must not be blank: describe the app and the things it stores, "
                    + "e.g. \"A todo app where users keep tasks with a title and a due date\"");
        }
        if (prompt.length() > MAX_PROMPT_CHARS) {
            throw new IllegalArgumentException("prompt is " + prompt.length() + " characters; the offline analyst reads at most "
                    + MAX_PROMPT_CHARS + " (describe the app in a few sentences)");
        }
        SpecAssembler.Analysis analysis = SpecAssembler.analyze(prompt);
        if (analysis.spec() != null && analysis.explicit()) {
            return analysis.spec();
        }
        return fromArchetype(prompt, analysis);
    }

    private AppSpec fromArchetype(String prompt, SpecAssembler.Analysis analysis) {
        TemplateQuery query = TemplateQuery.of(SpecAssembler.archetypeQuery(prompt), 10).inCollection(Archetypes.COLLECTION);
        List<TemplateMatch> matches;
        String indexNote = null;
        try {
            matches = index.search(query);
        } catch (RuntimeException e) {
            // a broken external index must not stop an offline run: fall back to the shipped archetypes
            matches = builtInIndex().search(query);
            indexNote = "The template index failed (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); matched the shipped archetypes by keyword instead.";
        }
        for (TemplateMatch m : matches) {
            if (m.score() < minArchetypeScore && analysis.spec() != null) {
                break;
            }
            AppSpec archetype;
            try {
                archetype = AppSpecJson.read(m.entry().content());
            } catch (InvalidSpecException e) {
                continue;
            }
            String id = m.entry().id();
            String base = id.startsWith(Archetypes.ID_PREFIX) ? id.substring(Archetypes.ID_PREFIX.length()) : id;
            String why = analysis.spec() == null
                    ? "No entities named in the prompt"
                    : "The prompt names " + String.join(", ", analysis.entityNames()) + " but no fields";
            AppSpec adopted = adopt(prompt, archetype, analysis, String.format(Locale.ROOT,
                    "%s; used archetype '%s' (score %.2f).", why, base, m.score()));
            return indexNote == null ? adopted : adopted.toBuilder().note(indexNote).build();
        }
        if (analysis.spec() != null) {
            return analysis.spec();
        }
        AppSpec fallback = Archetypes.spec(defaultArchetype).orElseThrow(() -> new IllegalStateException(
                "default archetype '" + defaultArchetype + "' is not shipped; choose one of " + Archetypes.names()));
        return adopt(prompt, fallback, analysis, "No entities named in the prompt and no archetype matched it; used the default archetype '"
                + defaultArchetype + "' (score 0.00).");
    }

    private static TemplateIndex builtInIndex() {
        KeywordTemplateIndex k = new KeywordTemplateIndex();
        k.addAll(Archetypes.entries());
        return k;
    }

    private static AppSpec adopt(String prompt, AppSpec archetype, SpecAssembler.Analysis analysis, String note) {
        String name = analysis.promptName().orElse(archetype.name());
        AppSpec.Builder b = AppSpec.builder(name).description(prompt.strip());
        archetype.entities().forEach(b::entity);
        archetype.relations().forEach(b::relation);
        archetype.roles().forEach(b::role);
        archetype.pages().forEach(b::page);
        archetype.features().forEach(b::feature);
        SpecAssembler.askedFeatures(prompt).forEach(b::feature);
        b.note(note);
        b.note("Entities and fields come from the archetype; name the things to store and their fields "
                + "(e.g. \"books with a title and an author\") to get your own.");
        b.note(SpecSummary.CONFIDENCE + " low - the prompt names no things to keep; this is the nearest archetype, not "
                + "a reading of the prompt.");
        return b.build();
    }

    /** Builds an {@link OfflineRequirementsAnalyst}. */
    public static final class Builder {
        private TemplateIndex index;
        private double minArchetypeScore = 0.3;
        private String defaultArchetype = "todo";

        private Builder() {}

        /**
         * The index archetypes are looked up in (collection {@value Archetypes#COLLECTION}). If not set,
         * a keyword-only index over {@link Archetypes#entries()} is built.
         */
        public Builder templateIndex(TemplateIndex index) {
            this.index = Objects.requireNonNull(index, "templateIndex");
            return this;
        }

        /**
         * When the prompt names entities without fields, an archetype replaces them only if it scores at
         * least this (0..1, default 0.3). Prompts naming nothing always get the best archetype.
         */
        public Builder minArchetypeScore(double score) {
            this.minArchetypeScore = score;
            return this;
        }

        /** Archetype used when nothing matches a prompt that names no entities (default {@code todo}). */
        public Builder defaultArchetype(String name) {
            this.defaultArchetype = Objects.requireNonNull(name, "defaultArchetype");
            return this;
        }

        /** @throws IllegalArgumentException if the score is outside 0..1 or the default archetype is not shipped */
        public OfflineRequirementsAnalyst build() {
            if (!(minArchetypeScore >= 0 && minArchetypeScore <= 1)) {
                throw new IllegalArgumentException("minArchetypeScore must be between 0 and 1, was " + minArchetypeScore);
            }
            if (!Archetypes.names().contains(defaultArchetype)) {
                throw new IllegalArgumentException("default archetype '" + defaultArchetype + "' is not shipped; choose one of "
                        + Archetypes.names());
            }
            if (index == null) {
                index = builtInIndex();
            }
            return new OfflineRequirementsAnalyst(this);
        }
    }
}
