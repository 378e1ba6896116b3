package io.autonoma.agents.testkit;

import io.autonoma.core.AutonomaException;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Example specs the agents' tests render, shared with the modules built on the agents (test-jar). */
public final class Specs {
    /** The spec files under {@code src/test/resources/specs/}, by base name. */
    public static final List<String> FILES = List.of("blog", "chain", "crm", "edge", "library", "sales-crm", "single", "stress");

    private Specs() {}

    /** {@code specs/<name>.app-spec.json} from the class path. */
    public static AppSpec file(String name) {
        String resource = "/specs/" + name + ".app-spec.json";
        try (InputStream in = Specs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AutonomaException(resource + " is not on the test class path");
            }
            return AppSpecJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AutonomaException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    public static AppSpec salesCrm() {
        return file("sales-crm");
    }

    public static AppSpec edge() {
        return file("edge");
    }

    /** A spec whose free text holds everything that can break a TS string literal or comment. */
    public static AppSpec hostileText() {
        String nasty = "Quote \" backslash \\ end-comment */ template ${x} `tick` </script> line\nbreak \u2028 sep é";
        return AppSpec.builder("Tricky App")
                .description(nasty)
                .entity(new Entity("Note", nasty, List.of(
                        Field.builder("title", FieldType.STRING).maxLength(40).description(nasty).build(),
                        Field.builder("kind", FieldType.ENUM).enumValues(List.of("a_b", "c")).defaultValue("c").build(),
                        Field.builder("amount", FieldType.DECIMAL).required(false).min(-5).max(5).description(nasty).build())))
                .build();
    }
}
