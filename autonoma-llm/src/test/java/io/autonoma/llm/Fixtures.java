package io.autonoma.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared test data: the library prompt, a valid spec for it and valid rule files. */
final class Fixtures {
    static final String LIBRARY_PROMPT = "A library system with books (title, author, ISBN, published year), members (name, email, "
            + "membership number) and loans that record which member borrowed which book, the loan date and the return date. "
            + "A member can have at most 3 active loans.";

    private Fixtures() {}

    static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/io/autonoma/test/llm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String librarySpecJson() {
        return resource("library.app-spec.json");
    }

    static AppSpec librarySpec() {
        return AppSpecJson.read(librarySpecJson());
    }

    static String rulesPy() {
        return resource("rules.py");
    }

    /** The FastAPI pack's business-rules extension point (backend/app/rules.py). */
    static io.autonoma.agents.pack.ExtensionPoint rules() {
        return new io.autonoma.agents.backend.FastApiPack().descriptor().extensionPoints().get(0);
    }

    static String defaultRulesPy() {
        return resource("rules_default.py");
    }

    static String testRulesPy() {
        return resource("test_rules.py");
    }

    /** {"files": [...]} as the model would answer. */
    static String filesAnswer(Map<String, String> files) {
        List<Map<String, String>> list = files.entrySet().stream()
                .map(e -> Map.of("path", e.getKey(), "content", e.getValue())).toList();
        try {
            return new ObjectMapper().writeValueAsString(Map.of("files", list));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String goodRulesAnswer() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("backend/app/rules.py", rulesPy());
        files.put("backend/tests/test_rules.py", testRulesPy());
        return filesAnswer(files);
    }
}
