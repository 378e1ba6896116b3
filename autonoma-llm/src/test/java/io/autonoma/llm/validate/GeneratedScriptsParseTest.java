package io.autonoma.llm.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.agents.testkit.Specs;
import io.autonoma.agents.testkit.TestContext;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.test.PromptFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every script the offline frontend agent writes parses with the validator the LLM engine applies to
 * model-written code: for the example specs of the agents' tests and for every shared example prompt
 * read by the offline analyst. (Moved here with {@link CodeValidator} from autonoma-agents, which no
 * longer carries tree-sitter.)
 */
class GeneratedScriptsParseTest {

    static Stream<Arguments> specs() throws IOException {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("inventory example", TestContext.exampleSpec()));
        out.add(Arguments.of("hostile text", Specs.hostileText()));
        for (String name : Specs.FILES) {
            out.add(Arguments.of(name, Specs.file(name)));
        }
        OfflineRequirementsAnalyst analyst = OfflineRequirementsAnalyst.create();
        for (String line : Files.readAllLines(PromptFiles.file(PromptFiles.FIELD_LISTS), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode n = AppSpecJson.mapper().readTree(line);
                out.add(Arguments.of("prompt " + n.get("id").asText(), analyst.analyze(n.get("prompt").asText())));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void every_frontend_script_parses(String name, AppSpec spec) {
        Map<String, String> files = new io.autonoma.agents.pack.PackAgent(new io.autonoma.agents.frontend.NextJsPack()).render(spec);
        assertThat(files.keySet()).anyMatch(CodeValidator::supports);
        files.forEach((path, text) -> {
            String checked = path.endsWith(".mjs") ? path.replace(".mjs", ".js") : path;
            assertThat(CodeValidator.validate(checked, text)).as(name + ": " + path).isEmpty();
        });
    }
}
