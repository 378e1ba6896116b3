package io.autonoma.embeddings.allminilml6v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autonoma.agents.Autonoma;
import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.Entity;
import io.autonoma.test.PromptFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * With this module on the class path {@code Autonoma.builder()} finds the model and searches archetypes
 * semantically; without it, by keyword. The analyst's quality does not depend on the module: prompts
 * that name their fields give the same spec either way, and on the natural prompts (which name no
 * fields, so archetypes count) the keyword default finds at least as many of the expected concepts.
 */
class AnalystWithAndWithoutEmbeddingsTest {
    private static final OfflineRequirementsAnalyst KEYWORD = OfflineRequirementsAnalyst.builder()
            .templateIndex(DefaultTemplateIndex.keywordOnly()).build();
    private static final OfflineRequirementsAnalyst SEMANTIC = OfflineRequirementsAnalyst.builder()
            .templateIndex(DefaultTemplateIndex.lazy(true)).build();

    private static List<JsonNode> lines(String file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(PromptFiles.file(file), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(AppSpecJson.mapper().readTree(line));
            }
        }
        return out;
    }

    @Test
    void autonoma_finds_the_model_on_the_class_path_unless_told_not_to() {
        try (Autonoma autonoma = Autonoma.builder().build()) {
            assertThat(autonoma.templateIndex().toString()).contains("keyword + all-MiniLM-L6-v2");
        }
        try (Autonoma keyword = Autonoma.builder().semanticSearch(false).build()) {
            assertThat(keyword.templateIndex().toString()).contains("keyword-only");
        }
    }

    @Test
    void prompts_that_name_their_fields_give_the_same_spec_with_and_without_embeddings() throws IOException {
        List<JsonNode> prompts = lines(PromptFiles.FIELD_LISTS);
        assertThat(prompts).hasSizeGreaterThanOrEqualTo(10);
        for (JsonNode n : prompts) {
            String prompt = n.get("prompt").asText();
            assertThat(AppSpecJson.write(SEMANTIC.analyze(prompt))).as(n.get("id").asText()).isEqualTo(AppSpecJson.write(KEYWORD.analyze(prompt)));
        }
    }

    @Test
    void on_natural_prompts_the_keyword_default_finds_at_least_as_many_expected_concepts() throws IOException {
        int keyword = 0;
        int semantic = 0;
        int total = 0;
        for (JsonNode n : lines(PromptFiles.NATURAL)) {
            String prompt = n.get("prompt").asText();
            AppSpec k = KEYWORD.analyze(prompt);
            AppSpec s = SEMANTIC.analyze(prompt);
            for (JsonNode alternatives : n.get("expect")) {
                total++;
                keyword += found(k, alternatives) ? 1 : 0;
                semantic += found(s, alternatives) ? 1 : 0;
            }
        }
        // 2026-12-06: keyword 38 of 88, semantic 32 of 88
        assertThat(total).isGreaterThanOrEqualTo(80);
        assertThat(keyword).as("concepts found by keyword (semantic: %d of %d)", semantic, total).isGreaterThanOrEqualTo(semantic);
    }

    private static boolean found(AppSpec spec, JsonNode alternatives) {
        String names = String.join(" ", spec.entities().stream().map(Entity::name).toList()).toLowerCase(Locale.ROOT);
        for (JsonNode alt : alternatives) {
            if (names.contains(alt.asText().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }
}
