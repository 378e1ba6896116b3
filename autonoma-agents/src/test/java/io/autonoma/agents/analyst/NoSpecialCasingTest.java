package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.test.PromptFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The prompt sets are data to learn from, not to special-case: no analyst source, lexicon entry or
 * archetype may name a natural prompt's id or quote five words in a row of its sentence (comments
 * included; the field-list prompts predate this rule and their wording is the grammar the parser reads).
 */
class NoSpecialCasingTest {
    private static final int QUOTE_WORDS = 5;
    /** The sets of prompts as people write them, on which the analyst is measured. */
    private static final List<String> NATURAL_SETS = List.of(PromptFiles.NATURAL, "natural-own.jsonl", "natural-holdout.jsonl",
            "natural-holdout2.jsonl", "natural-holdout3.jsonl", "natural-holdout4.jsonl");

    @Test
    void no_rule_lexicon_entry_or_archetype_quotes_a_prompt_or_names_its_id() throws IOException {
        Set<String> quotes = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String file : NATURAL_SETS) {
            for (String line : Files.readAllLines(PromptFiles.file(file), StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                var n = AppSpecJson.mapper().readTree(line);
                String id = n.get("id").asText();
                if (id.contains("-") || id.matches(".*\\d.*")) ids.add(id); // plain-word ids are ordinary vocabulary
                List<String> words = words(n.get("prompt").asText());
                for (int i = 0; i + QUOTE_WORDS <= words.size(); i++) {
                    quotes.add(String.join(" ", words.subList(i, i + QUOTE_WORDS)));
                }
            }
        }
        Path root = PromptFiles.file(PromptFiles.NATURAL).getParent().getParent();
        List<Path> sources = new ArrayList<>();
        for (String dir : List.of("autonoma-agents/src/main/java/io/autonoma/agents/analyst",
                "autonoma-agents/src/main/resources/io/autonoma/agents/analyst/lexicon",
                "autonoma-agents/src/main/resources/archetypes")) {
            try (Stream<Path> s = Files.walk(root.resolve(dir))) {
                s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".java") || p.toString().endsWith("domain.json")
                        || p.toString().contains("archetypes")).forEach(sources::add);
            }
        }
        assertThat(sources).hasSizeGreaterThan(10);
        List<String> found = new ArrayList<>();
        for (Path p : sources) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            String flat = String.join(" ", words(text));
            for (String q : quotes) {
                if ((" " + flat + " ").contains(" " + q + " ")) found.add(root.relativize(p) + " quotes \"" + q + "\"");
            }
            for (String id : ids) {
                if (text.toLowerCase(Locale.ROOT).contains(id)) found.add(root.relativize(p) + " names the prompt id " + id);
            }
        }
        assertThat(found).as("analyst sources and lexicon must not special-case the example prompts").isEmpty();
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9']+")) {
            if (!w.isEmpty()) out.add(w);
        }
        return out;
    }
}
