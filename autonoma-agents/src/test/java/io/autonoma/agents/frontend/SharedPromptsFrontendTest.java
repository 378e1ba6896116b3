package io.autonoma.agents.frontend;

import io.autonoma.agents.pack.PackAgent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shared example prompt, through the offline analyst, renders a page set for every entity (that the scripts parse is autonoma-llm's GeneratedScriptsParseTest). */
class SharedPromptsFrontendTest {
    private static final OfflineRequirementsAnalyst ANALYST = OfflineRequirementsAnalyst.create();

    static Stream<Arguments> prompts() throws IOException {
        Path file = io.autonoma.test.PromptFiles.file(io.autonoma.test.PromptFiles.FIELD_LISTS);
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode n = AppSpecJson.mapper().readTree(line);
                out.add(Arguments.of(n.get("id").asText(), n.get("prompt").asText()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prompts")
    void renders_pages_for_every_entity(String id, String prompt) {
        AppSpec spec = ANALYST.analyze(prompt);
        Map<String, String> files = new PackAgent(new NextJsPack()).render(spec);
        assertThat(files.keySet().stream().filter(p -> p.endsWith("/[id]/edit/page.tsx")).count())
                .isEqualTo(spec.entities().size());
    }
}
