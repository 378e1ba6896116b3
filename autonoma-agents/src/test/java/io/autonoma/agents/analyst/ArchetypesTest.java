package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.template.TemplateEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArchetypesTest {

    static Stream<String> files() throws IOException {
        try (InputStream in = ArchetypesTest.class.getClassLoader().getResourceAsStream(Archetypes.INDEX_RESOURCE)) {
            assertThat(in).as("archetypes/index.json on the classpath").isNotNull();
            return Stream.of(AppSpecJson.mapper().readValue(in, String[].class));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void every_archetype_file_is_a_valid_spec(String file) throws IOException {
        String json;
        try (InputStream in = ArchetypesTest.class.getClassLoader().getResourceAsStream("archetypes/" + file)) {
            assertThat(in).as(file).isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        AppSpec spec = AppSpecJson.read(json);

        SpecAssertions.assertSane(spec);
        assertThat(spec.description()).as("description of " + file).hasSizeGreaterThan(40).contains("Keywords:");
        assertThat(spec.entities()).isNotEmpty();
    }

    @Test
    void ships_at_least_twenty_archetypes_with_the_named_ones() throws IOException {
        List<String> names = Archetypes.names();

        assertThat(names).hasSizeGreaterThanOrEqualTo(20).doesNotHaveDuplicates().containsAll(List.of(
                "reading-list", "workout-log", "todo", "blog", "crm", "inventory", "recipes", "events", "habits",
                "library", "expenses", "job-board", "helpdesk", "project-management", "real-estate", "restaurant-menu",
                "school-grades", "fleet", "clinic-appointments", "hotel-bookings", "invoicing", "survey", "note-taking",
                "contacts-book"));
        assertThat(files().toList()).hasSize(names.size());
    }

    @Test
    void index_lists_every_file_in_the_directory() throws IOException {
        Path dir = Path.of("src/main/resources/archetypes");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("autonoma-agents/src/main/resources/archetypes");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> onDisk = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("index.json")).sorted().toList();
            assertThat(files().sorted().toList()).isEqualTo(onDisk);
        }
    }

    @Test
    void entries_are_template_entries_in_project_templates() {
        for (TemplateEntry e : Archetypes.entries()) {
            assertThat(e.id()).startsWith("archetype:");
            assertThat(e.collection()).isEqualTo("project_templates");
            assertThat(AppSpecJson.read(e.content()).description()).isEqualTo(e.description());
            assertThat(e.title()).isNotBlank();
        }
        assertThat(Archetypes.spec("todo")).isPresent();
        assertThat(Archetypes.spec("nope")).isEmpty();
    }
}
