package io.autonoma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autonoma.core.spec.AppSpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code autonoma change} and {@code generate --spec} into an app generated before: exit codes and what is written. */
class ChangeCommandTest {
    @TempDir
    Path tmp;
    Path app;

    @BeforeEach
    void generate() {
        app = tmp.resolve("blog");
        Cli.Run r = Cli.run(Map.of(), "generate", "-q", "-o", app.toString(),
                "A blog where authors write posts with a title, a body and a status (draft, published).");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    /** app-spec.json with posts given an optional field (or without their body, when {@code dropBody}). */
    private Path edited(String name, boolean dropBody) throws Exception {
        ObjectNode spec = (ObjectNode) AppSpecJson.mapper().readTree(app.resolve("app-spec.json").toFile());
        ArrayNode fields = (ArrayNode) spec.path("entities").get(0).path("fields");
        if (dropBody) {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).path("name").asText().equals("body")) {
                    fields.remove(i);
                }
            }
        } else {
            fields.addObject().put("name", "summary").put("type", "string").put("required", false).put("maxLength", 300);
        }
        Path file = tmp.resolve(name);
        AppSpecJson.mapper().writeValue(file.toFile(), spec);
        return file;
    }

    @Test
    void a_spec_change_is_applied_in_place_and_a_hand_edit_survives() throws Exception {
        Path router = app.resolve("backend/app/routers/post.py");
        Files.writeString(router, Files.readString(router) + "\n# mine\n");

        Cli.Run r = Cli.run(Map.of(), "change", app.toString(), "--spec", edited("summary.json", false).toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("add field Post.summary").contains("Migration: backend/alembic/versions/");
        assertThat(Files.readString(router)).endsWith("\n# mine\n").contains("summary");
    }

    @Test
    void generate_with_an_edited_spec_into_the_app_takes_the_change_path() throws Exception {
        Path router = app.resolve("backend/app/routers/post.py");
        Files.writeString(router, Files.readString(router) + "\n# mine\n");

        Cli.Run r = Cli.run(Map.of(), "generate", "--spec", edited("summary.json", false).toString(), "-o", app.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("add field Post.summary");
        assertThat(Files.readString(router)).endsWith("\n# mine\n");
    }

    @Test
    void a_destructive_change_is_refused_with_exit_4_and_what_would_be_lost() throws Exception {
        Path spec = edited("nobody.json", true);
        String before = Files.readString(app.resolve("backend/app/models/post.py"));

        Cli.Run refused = Cli.run(Map.of(), "change", app.toString(), "--spec", spec.toString());

        assertThat(refused.exit()).isEqualTo(ChangeCommand.REFUSED);
        assertThat(refused.err()).contains("Post.body").contains("--allow-destructive");
        assertThat(Files.readString(app.resolve("backend/app/models/post.py"))).isEqualTo(before);

        Cli.Run allowed = Cli.run(Map.of(), "change", app.toString(), "--spec", spec.toString(), "--allow-destructive");
        assertThat(allowed.exit()).as(allowed.err()).isZero();
        assertThat(Files.readString(app.resolve("backend/app/models/post.py"))).doesNotContain("body");
    }

    @Test
    void a_clash_with_a_hand_edit_exits_3_and_names_the_file() throws Exception {
        Path schema = app.resolve("backend/app/schemas/post.py");
        String text = Files.readString(schema);
        assertThat(text).contains("Field(min_length=1, max_length=200),");
        // the user edits the very line the change rewrites
        Files.writeString(schema, text.replace("Field(min_length=1, max_length=200),", "Field(min_length=3, max_length=200),"));
        ObjectNode spec = (ObjectNode) AppSpecJson.mapper().readTree(app.resolve("app-spec.json").toFile());
        ((ObjectNode) ((ArrayNode) spec.path("entities").get(0).path("fields")).get(0)).put("maxLength", 400);
        Path file = tmp.resolve("longer.json");
        AppSpecJson.mapper().writeValue(file.toFile(), spec);

        Cli.Run r = Cli.run(Map.of(), "change", app.toString(), "--spec", file.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ChangeCommand.CONFLICT);
        assertThat(r.err()).contains("conflicts").contains("backend/app/schemas/post.py");
        assertThat(Files.readString(schema)).contains("<<<<<<< yours").contains("min_length=3, max_length=200")
                .contains("min_length=1, max_length=400");
        assertThat(Files.readString(app.resolve("backend/app/models/post.py"))).contains("String(400)");
    }

    @Test
    void bad_input_exits_2_with_what_to_do() {
        assertThat(Cli.run(Map.of(), "change", app.toString()).err()).contains("give either a CHANGE");
        Cli.Run notAnApp = Cli.run(Map.of(), "change", tmp.toString(), "give posts a summary");
        assertThat(notAnApp.exit()).isEqualTo(2);
        assertThat(notAnApp.err()).contains("not an app generated by Autonoma");
    }
}
