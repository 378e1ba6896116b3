package io.autonoma.agents.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.test.PromptFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default index without an embedding module on the class path (this module's tests have none):
 * keyword-only, and for archetypes exactly as good as the offline analyst's own keyword index.
 * autonoma-embeddings-all-minilm-l6-v2's tests cover the semantic default.
 */
class DefaultTemplateIndexTest {

    @Test
    void without_an_embedding_module_the_default_is_keyword_only_and_built_on_first_use() {
        assertThat(DefaultTemplateIndex.embeddingModelProvider()).isEmpty();
        LazyTemplateIndex lazy = DefaultTemplateIndex.lazy(true);
        assertThat(lazy.toString()).contains("keyword-only");
        assertThat(lazy.loaded()).isFalse();
        assertThat(lazy.size()).isEqualTo(SeedTemplates.load().size());
        assertThat(lazy.loaded()).isTrue();
    }

    @Test
    void keyword_only_index_holds_the_seed_and_the_archetypes() {
        TemplateIndex keyword = DefaultTemplateIndex.keywordOnly();

        assertThat(keyword.size()).isEqualTo(SeedTemplates.load().size());
        assertThat(keyword.get("k8s-backend-deployment")).isPresent();
        assertThat(keyword.get("archetype:reading-list")).isPresent();
        assertThat(keyword.search("kubernetes ingress tls", 3).get(0).entry().id()).isEqualTo("k8s-ingress");
    }

    /** Natural prompts, and prompts that name no fields at all: the ones the analyst looks archetypes up for. */
    static Stream<String> vaguePrompts() throws IOException {
        List<String> out = new ArrayList<>(List.of("a personal reading list app", "something to track my workouts",
                "an app for a small clinic", "a todo app with tasks", "a CRM", "help me plan events with guests",
                "a marketplace", "keep notes"));
        for (String line : Files.readAllLines(PromptFiles.file(PromptFiles.NATURAL), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode n = AppSpecJson.mapper().readTree(line);
                out.add(n.get("prompt").asText());
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("vaguePrompts")
    void the_analyst_reads_the_same_spec_with_the_keyword_default_as_with_its_own_index(String prompt) {
        OfflineRequirementsAnalyst withDefault = OfflineRequirementsAnalyst.builder().templateIndex(DefaultTemplateIndex.keywordOnly()).build();

        assertThat(AppSpecJson.write(withDefault.analyze(prompt))).isEqualTo(AppSpecJson.write(OfflineRequirementsAnalyst.create().analyze(prompt)));
    }
}
