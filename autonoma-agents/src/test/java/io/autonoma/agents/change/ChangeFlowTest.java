package io.autonoma.agents.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.Autonoma;
import io.autonoma.core.change.SpecChange;
import io.autonoma.core.change.SpecDelta;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Autonoma#change} on a generated app on disk: edits kept, files updated, a revision chained on the head. */
class ChangeFlowTest {

    private static final String ROUTER = "backend/app/routers/post.py";
    private static final String EDIT = "\n\n# kept by hand: the user's own note\n";

    private static final AppSpec BLOG = AppSpec.builder("Blog")
            .entity(new Entity("Post", List.of(Field.builder("title", FieldType.STRING).required(true).maxLength(200).build(),
                    Field.builder("body", FieldType.TEXT).required(true).build())))
            .build();

    private static AppSpec withComments(AppSpec base) {
        List<Entity> entities = new ArrayList<>(base.entities());
        Entity post = entities.get(0);
        List<Field> fields = new ArrayList<>(post.fields());
        fields.add(Field.builder("summary", FieldType.STRING).required(false).maxLength(300).build());
        entities.set(0, new Entity("Post", fields));
        entities.add(new Entity("Comment", List.of(Field.builder("body", FieldType.TEXT).required(true).build())));
        List<Relation> relations = new ArrayList<>(base.relations());
        relations.add(new Relation("Comment", "Post", RelationKind.MANY_TO_ONE, "post", true));
        return with(base, entities, relations);
    }

    private static AppSpec with(AppSpec base, List<Entity> entities, List<Relation> relations) {
        AppSpec.Builder b = AppSpec.builder(base.name()).description(base.description());
        entities.forEach(b::entity);
        relations.forEach(b::relation);
        base.capabilities().forEach(b::capability);
        base.roles().forEach(b::role);
        base.pages().forEach(b::page);
        base.features().forEach(b::feature);
        base.notes().forEach(b::note);
        return b.build();
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    @Test
    void a_spec_change_keeps_a_hand_edit_updates_the_rest_and_chains_a_revision_on_the_head(@TempDir Path dir) throws IOException {
        Path app = dir.resolve("blog");
        try (Autonoma autonoma = Autonoma.builder().semanticSearch(false).build()) {
            autonoma.export(autonoma.generate(BLOG).projectId(), app);
            assertThat(app.resolve(GenerationRecord.PATH)).isRegularFile();
            String initial;
            try (Stream<Path> v = Files.list(app.resolve("backend/alembic/versions"))) {
                initial = v.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_initial_schema.py")).findFirst().orElseThrow();
            }
            String initialText = Files.readString(app.resolve("backend/alembic/versions/" + initial));
            Files.writeString(app.resolve(ROUTER), Files.readString(app.resolve(ROUTER)) + EDIT);
            Files.writeString(app.resolve("NOTES.md"), "mine\n");

            ChangeResult result = autonoma.change(app, ChangeRequest.to(withComments(BLOG)), null);

            assertThat(result.succeeded()).isTrue();
            assertThat(result.conflicted()).isFalse();
            assertThat(result.delta().changes()).hasSize(3);
            assertThat(Files.readString(app.resolve(ROUTER))).endsWith(EDIT).contains("summary");
            assertThat(app.resolve("backend/app/models/comment.py")).isRegularFile();
            assertThat(Files.readString(app.resolve("NOTES.md"))).isEqualTo("mine\n");
            assertThat(Files.readString(app.resolve("backend/alembic/versions/" + initial))).isEqualTo(initialText);
            String revision = Files.readString(app.resolve(result.migration().orElseThrow()));
            assertThat(revision).contains("down_revision: str | None = \"" + initial.substring(0, 12) + "\"")
                    .contains("op.create_table(\n        \"comments\",")
                    .contains("batch_op.add_column(\n            sa.Column(\"summary\", sa.String(length=300), nullable=True),")
                    .contains("def downgrade() -> None:\n    with op.batch_alter_table(\"posts\") as batch_op:\n"
                            + "        batch_op.drop_column(\"summary\")\n    op.drop_table(\"comments\")");
            assertThat(GenerationRecord.read(app).spec()).isEqualTo(withComments(BLOG));
        }
    }

    @Test
    void a_rename_is_a_rename_a_drop_needs_permission_and_the_same_change_gives_the_same_tree(@TempDir Path dir) throws IOException {
        AppSpec base = withComments(BLOG);
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        SpecDelta rename = new SpecDelta(List.of(new SpecChange.RenameField("Post", "summary", "teaser")));
        try (Autonoma autonoma = Autonoma.builder().semanticSearch(false).changeReader((spec, text) -> rename).build()) {
            String project = autonoma.generate(base).projectId();
            autonoma.export(project, one);
            autonoma.export(project, two);

            ChangeResult renamed = autonoma.change(one, ChangeRequest.of("rename post summary to teaser"), null);
            autonoma.change(two, ChangeRequest.of("rename post summary to teaser"), null);

            assertThat(tree(two)).isEqualTo(tree(one));
            String revision = Files.readString(one.resolve(renamed.migration().orElseThrow()));
            assertThat(revision).contains("batch_op.alter_column(\"summary\", new_column_name=\"teaser\")")
                    .doesNotContain("drop_column").doesNotContain("add_column");

            AppSpec dropped = GenerationRecord.read(one).spec();
            List<Entity> entities = new ArrayList<>(dropped.entities());
            entities.set(0, new Entity("Post", entities.get(0).fields().stream().filter(f -> !f.name().equals("teaser")).toList()));
            AppSpec without = with(dropped, entities, dropped.relations());
            Map<String, String> before = tree(one);

            assertThatThrownBy(() -> autonoma.change(one, ChangeRequest.to(without), null))
                    .isInstanceOf(DestructiveChangeException.class).hasMessageContaining("Post.teaser");
            assertThat(tree(one)).isEqualTo(before);

            ChangeResult allowed = autonoma.change(one, ChangeRequest.to(without).allowingDestructive(), null);
            String drop = Files.readString(one.resolve(allowed.migration().orElseThrow()));
            assertThat(drop).contains("batch_op.drop_column(\"teaser\")").doesNotContain("drop_table");
            assertThat(drop).contains("down_revision: str | None = \"" + revision.lines().filter(l -> l.startsWith("revision: str"))
                    .findFirst().orElseThrow().replaceAll(".*\"(.*)\"", "$1") + "\"");
        }
    }

    @Test
    void a_removed_entity_takes_its_untouched_files_and_folders_and_leaves_the_changed_ones(@TempDir Path dir) throws IOException {
        Path app = dir.resolve("blog");
        try (Autonoma autonoma = Autonoma.builder().semanticSearch(false).build()) {
            autonoma.export(autonoma.generate(withComments(BLOG)).projectId(), app);
            Path model = app.resolve("backend/app/models/comment.py");
            Files.writeString(model, Files.readString(model) + "# mine\n");

            ChangeResult result = autonoma.change(app, ChangeRequest.to(BLOG).allowingDestructive(), null);

            assertThat(result.delta().losses()).anyMatch(l -> l.contains("Comment"));
            assertThat(app.resolve("frontend/src/app/comments")).doesNotExist();
            assertThat(app.resolve("backend/app/routers/comment.py")).doesNotExist();
            assertThat(model).exists();
            assertThat(result.plan().steps()).anyMatch(s -> s.path().equals("backend/app/models/comment.py")
                    && s.action() == ChangePlan.Action.KEEP_REMOVED);
            assertThat(Files.readString(app.resolve(result.migration().orElseThrow()))).contains("op.drop_table(\"comments\")");
        }
    }

    @Test
    void a_clash_with_a_hand_edit_leaves_markers_and_updates_the_other_files(@TempDir Path dir) throws IOException {
        Path app = dir.resolve("blog");
        try (Autonoma autonoma = Autonoma.builder().semanticSearch(false).build()) {
            autonoma.export(autonoma.generate(BLOG).projectId(), app);
            Path model = app.resolve("backend/app/models/post.py");
            String text = Files.readString(model);
            Files.writeString(model, text.replace("String(200)", "String(250)"));
            List<Entity> entities = new ArrayList<>(BLOG.entities());
            entities.set(0, new Entity("Post", List.of(Field.builder("title", FieldType.STRING).required(true).maxLength(400).build(),
                    Field.builder("body", FieldType.TEXT).required(true).build())));

            ChangeResult result = autonoma.change(app, ChangeRequest.to(with(BLOG, entities, BLOG.relations())), null);

            assertThat(result.conflicts()).containsExactly("backend/app/models/post.py");
            assertThat(Files.readString(model)).contains("<<<<<<< yours").contains("String(250)").contains("String(400)")
                    .contains(">>>>>>> generated now");
            assertThat(Files.readString(app.resolve("backend/app/schemas/post.py"))).contains("max_length=400");
            assertThat(Files.readString(app.resolve(result.migration().orElseThrow())))
                    .contains("type_=sa.String(length=400)");
        }
    }
}
