package io.autonoma.agents.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.core.spec.AppSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broken pack fails with a message that names the manifest line and says what to fix. */
class PackManifestTest {
    private static final ClassLoader LOADER = PackManifestTest.class.getClassLoader();

    /** A pack over one of the folders under {@code templates/broken/} (test resources), with a view of two items. */
    private record Broken(String folderName, Object view) implements TemplatePack {
        Broken(String folderName) {
            this(folderName, Map.of("items", List.of(Map.of("name", "a"), Map.of("name", "../../etc/passwd"))));
        }

        @Override public PackDescriptor descriptor() { return PackDescriptor.builder("broken").folder("templates/broken/" + folderName).build(); }
        @Override public Object view(AppSpec spec) { return view; }
    }

    private static AppSpec spec() {
        return io.autonoma.agents.testkit.TestContext.exampleSpec();
    }

    private static String failure(String folder) {
        try {
            PackManifest.read(LOADER, "templates/broken/" + folder);
        } catch (InvalidPackException e) {
            return e.getMessage();
        }
        throw new AssertionError("templates/broken/" + folder + " was accepted");
    }

    @Test
    void reads_lines_in_order_with_their_numbers_and_collections() {
        PackManifest m = PackManifest.read(LOADER, "templates/entity-notes");

        assertThat(m.folder()).isEqualTo("templates/entity-notes");
        assertThat(m.entries()).extracting(PackManifest.Entry::line).containsExactly(2, 3, 4);
        assertThat(m.entries().get(1)).isEqualTo(new PackManifest.Entry(3, "entity.md.mustache", "notes/{{file}}.md", "entities"));
        assertThat(m.entries().get(0).perItem()).isFalse();
        assertThat(m.entries().get(1).perItem()).isTrue();
    }

    @Test
    void a_missing_manifest_names_the_file_to_add() {
        assertThatThrownBy(() -> PackManifest.read(LOADER, "templates/no-such-pack")).isInstanceOf(InvalidPackException.class)
                .hasMessageContaining("templates/no-such-pack").hasMessageContaining("add templates/no-such-pack/pack.txt");
    }

    @Test
    void a_line_without_an_arrow_shows_the_form_of_a_line() {
        assertThat(failure("no-arrow")).contains("templates/broken/no-arrow/pack.txt line 2", "a.mustache => out/a.txt",
                "needs 'template -> output'");
    }

    @Test
    void a_template_that_is_not_there_is_named_with_its_line() {
        assertThat(failure("missing-template")).contains("pack.txt line 2", "template 'nope.mustache' is not in templates/broken/missing-template/",
                "add templates/broken/missing-template/nope.mustache or fix the line");
    }

    @Test
    void an_output_outside_the_project_is_refused() {
        assertThat(failure("unsafe-output")).contains("line 1", "output '../outside.txt' must be a relative path inside the project");
    }

    @Test
    void an_unknown_option_is_refused() {
        assertThat(failure("extra-option")).contains("line 1", "'for=entities'", "the only option is each=<collection>");
    }

    @Test
    void a_manifest_without_files_is_refused() {
        assertThat(failure("empty")).contains("templates/broken/empty/pack.txt lists no files");
    }

    @Test
    void the_same_output_twice_is_refused() {
        assertThat(failure("twice")).contains("line 2", "already written by an earlier line");
    }

    @Test
    void each_needs_a_collection_name() {
        assertThat(failure("bad-each")).contains("line 1", "each= needs the name of a collection");
    }

    @Test
    void a_folder_outside_the_class_path_root_is_refused() {
        assertThatThrownBy(() -> PackManifest.read(LOADER, "../templates/x")).isInstanceOf(InvalidPackException.class)
                .hasMessageContaining("relative class-path folder");
    }

    @Test
    void a_collection_the_view_lacks_is_named_when_rendering() {
        assertThatThrownBy(() -> new TemplateRenderer().render(new Broken("unknown-collection"), spec()))
                .isInstanceOf(InvalidPackException.class)
                .hasMessageContaining("templates/broken/unknown-collection/pack.txt line 1")
                .hasMessageContaining("each=things but the view").hasMessageContaining("has no property 'things'; add it to the view");
    }

    @Test
    void a_rendered_path_that_leaves_the_project_is_refused_before_anything_is_written() {
        assertThatThrownBy(() -> new PackAgent(new Broken("escape")).render(spec()))
                .isInstanceOf(InvalidPackException.class)
                .hasMessageContaining("templates/broken/escape/pack.txt line 1 produced an unsafe path");
    }

    @Test
    void a_pack_without_a_view_is_refused() {
        assertThatThrownBy(() -> new PackAgent(new Broken("escape", null)).render(spec()))
                .isInstanceOf(InvalidPackException.class).hasMessageContaining("built no view");
    }
}
