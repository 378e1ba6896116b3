package io.autonoma.agents.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.AutonomaException;
import io.autonoma.core.template.TemplateEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedTemplatesTest {

    private static final List<String> SEED_COLLECTIONS =
            List.of("code_templates", "ui_components", "api_patterns", "deployment_configs");

    @TempDir
    Path tmp;

    @Test
    void seed_fills_the_four_collections_with_several_entries_each() {
        Map<String, Long> perCollection = SeedTemplates.loadSeed(SeedTemplates.class.getClassLoader()).stream()
                .collect(Collectors.groupingBy(TemplateEntry::collection, Collectors.counting()));

        assertThat(perCollection.keySet()).containsExactlyInAnyOrderElementsOf(SEED_COLLECTIONS);
        assertThat(perCollection.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(4));
    }

    @Test
    void seed_entries_are_complete_and_have_unique_ids() {
        List<TemplateEntry> seed = SeedTemplates.loadSeed(SeedTemplates.class.getClassLoader());

        assertThat(seed).extracting(TemplateEntry::id).doesNotHaveDuplicates();
        assertThat(seed).allSatisfy(e -> {
            assertThat(e.title()).isNotBlank();
            assertThat(e.description()).isNotBlank();
            assertThat(e.content()).isNotBlank();
            assertThat(e.tags()).isNotEmpty();
            assertThat(e.metadata()).containsKeys("framework", "language");
        });
        assertThat(seed).extracting(e -> e.metadata().get("framework")).contains("fastapi", "nextjs", "kubernetes");
    }

    @Test
    void load_is_the_seed_followed_by_the_archetypes() {
        ClassLoader loader = SeedTemplates.class.getClassLoader();
        List<TemplateEntry> expected = new java.util.ArrayList<>(SeedTemplates.loadSeed(loader));
        expected.addAll(SeedTemplates.loadArchetypes(loader));

        assertThat(SeedTemplates.load()).containsExactlyElementsOf(expected);
    }

    @Test
    void loads_the_seed_from_a_jar() throws IOException {
        Path jar = tmp.resolve("seed.jar");
        ClassLoader here = SeedTemplates.class.getClassLoader();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            copy(here, SeedTemplates.SEED_INDEX, out);
            for (String c : SEED_COLLECTIONS) {
                copy(here, "seed/" + c + ".json", out);
            }
        }
        try (URLClassLoader jarOnly = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThat(SeedTemplates.load(jarOnly)).containsExactlyElementsOf(SeedTemplates.loadSeed(here));
        }
    }

    @Test
    void no_archetype_index_means_no_archetypes() throws IOException {
        try (URLClassLoader empty = loaderOver(tmp)) {
            assertThat(SeedTemplates.loadArchetypes(empty)).isEmpty();
        }
    }

    @Test
    void missing_seed_index_is_reported() throws IOException {
        try (URLClassLoader empty = loaderOver(tmp)) {
            assertThatThrownBy(() -> SeedTemplates.load(empty)).isInstanceOf(AutonomaException.class)
                    .hasMessageContaining("seed/index.json");
        }
    }

    @Test
    void archetypes_become_project_templates() throws IOException {
        write("archetypes/index.json", "[\"blog.json\", {\"file\": \"archetypes/crm.json\"}]");
        write("archetypes/blog.json", "{\"name\": \"blog\", \"description\": \"Posts and comments\","
                + " \"entities\": [], \"notes\": [\"publishing\", \"content\"]}");
        write("archetypes/crm.json", "{\"name\": \"crm\", \"entities\": []}");

        try (URLClassLoader loader = loaderOver(tmp)) {
            List<TemplateEntry> archetypes = SeedTemplates.loadArchetypes(loader);

            assertThat(archetypes).extracting(TemplateEntry::id).containsExactly("archetype:blog", "archetype:crm");
            TemplateEntry blog = archetypes.get(0);
            assertThat(blog.collection()).isEqualTo("project_templates");
            assertThat(blog.title()).isEqualTo("blog");
            assertThat(blog.description()).isEqualTo("Posts and comments");
            assertThat(blog.tags()).containsExactly("publishing", "content");
            assertThat(blog.content()).contains("\"entities\": []");
            assertThat(blog.metadata()).containsEntry("kind", "archetype").containsEntry("resource", "archetypes/blog.json");
            assertThat(archetypes.get(1).description()).isEmpty();
            assertThat(archetypes.get(1).tags()).isEmpty();
        }
    }

    @Test
    void archetype_index_may_be_an_object_with_a_list() throws IOException {
        write("archetypes/index.json", "{\"archetypes\": [{\"file\": \"shop.json\", \"title\": \"ignored\"}]}");
        write("archetypes/shop.json", "{\"name\": \"shop\", \"description\": \"Products and orders\"}");

        try (URLClassLoader loader = loaderOver(tmp)) {
            assertThat(SeedTemplates.loadArchetypes(loader)).extracting(TemplateEntry::id).containsExactly("archetype:shop");
        }
    }

    @Test
    void a_listed_archetype_that_is_missing_is_reported() throws IOException {
        write("archetypes/index.json", "[\"ghost.json\"]");

        try (URLClassLoader loader = loaderOver(tmp)) {
            assertThatThrownBy(() -> SeedTemplates.loadArchetypes(loader)).isInstanceOf(AutonomaException.class)
                    .hasMessageContaining("archetypes/ghost.json");
        }
    }

    @Test
    void malformed_json_and_unsafe_names_are_reported() throws IOException {
        write("archetypes/index.json", "[\"broken.json\"]");
        write("archetypes/broken.json", "{\"name\": ");
        try (URLClassLoader loader = loaderOver(tmp)) {
            assertThatThrownBy(() -> SeedTemplates.loadArchetypes(loader)).isInstanceOf(AutonomaException.class)
                    .hasMessageContaining("archetypes/broken.json").hasMessageContaining("not valid JSON");
        }
        write("archetypes/index.json", "[\"../secret.json\"]");
        try (URLClassLoader loader = loaderOver(tmp)) {
            assertThatThrownBy(() -> SeedTemplates.loadArchetypes(loader)).hasMessageContaining("unsafe");
        }
    }

    private void write(String resource, String text) throws IOException {
        Path p = tmp.resolve(resource);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static URLClassLoader loaderOver(Path dir) throws IOException {
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    private static void copy(ClassLoader from, String resource, JarOutputStream to) throws IOException {
        try (InputStream in = from.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            to.putNextEntry(new JarEntry(resource));
            in.transferTo((OutputStream) to);
            to.closeEntry();
        }
    }
}
