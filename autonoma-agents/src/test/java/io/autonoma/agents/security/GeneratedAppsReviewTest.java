package io.autonoma.agents.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.agents.Autonoma;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.test.PromptFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The app of every prompt in prompts/prompts.jsonl and of every docs/examples/*.app-spec.json passes
 * the security review (which would fail the generation) with every mitigation of the table found.
 */
class GeneratedAppsReviewTest {
    static Stream<Arguments> apps() throws IOException {
        List<Arguments> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(PromptFiles.file(PromptFiles.FIELD_LISTS))) {
            if (!line.isBlank()) {
                JsonNode p = json.readTree(line);
                out.add(Arguments.of(p.get("id").asText(), GenerationRequest.builder().prompt(p.get("prompt").asText()).build()));
            }
        }
        Path examples = PromptFiles.file(PromptFiles.FIELD_LISTS).getParent().resolveSibling("docs").resolve("examples");
        try (Stream<Path> specs = Files.list(examples)) {
            for (Path spec : specs.filter(p -> p.toString().endsWith(".app-spec.json")).sorted().toList()) {
                out.add(Arguments.of(spec.getFileName().toString(), GenerationRequest.builder().spec(AppSpecJson.read(spec)).build()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void generated_app_passes_the_review_with_every_mitigation_found(String name, GenerationRequest request) {
        try (Autonoma autonoma = Autonoma.builder().templateIndex(DefaultTemplateIndex.keywordOnly()).build()) {
            GenerationResult result = autonoma.generate(request);

            assertThat(result.succeeded()).as(result.error().orElse("")).isTrue();
            assertThat(result.agentResults().get(io.autonoma.agents.AgentIds.SECURITY.name()).summary()).isEqualTo("no blocking findings; 12/12 mitigations found");
        }
    }
}
