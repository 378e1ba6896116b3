package io.autonoma.agents.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An entity whose file name would equal a fixed file beside the per-entity files (an entity
 * {@code Index} next to {@code frontend/src/entities/index.ts}, {@code Types} next to
 * {@code app/schemas/types.py}, …) is rejected by the spec validation with the packs in use with a clear message, so no
 * spec reaches the renderer's "produced twice" error. The fixed files are read from every pack.txt,
 * so a template added later is covered too.
 */
class EntityNameCollisionTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");

    /** Base names (snake_case) of the fixed files in directories that also hold one file per entity. */
    static Set<String> fixedSiblingsOfEntityFiles() throws IOException {
        List<String[]> rules = new ArrayList<>();
        try (Stream<Path> packs = Files.walk(TEMPLATES)) {
            for (Path pack : packs.filter(p -> p.getFileName().toString().equals("pack.txt")).toList()) {
                for (String line : Files.readAllLines(pack)) {
                    String l = line.strip();
                    if (l.isEmpty() || l.startsWith("#") || !l.contains("->")) continue;
                    String[] rhs = l.substring(l.indexOf("->") + 2).strip().split("\\s+");
                    rules.add(new String[] {rhs[0], rhs.length > 1 ? rhs[1] : ""});
                }
            }
        }
        Set<String> perEntityDirs = new TreeSet<>();
        for (String[] r : rules) {
            if (r[1].equals("each=entities") && fileName(r[0]).startsWith("{{")) {
                perEntityDirs.add(parent(r[0]));
            }
        }
        Set<String> fixed = new TreeSet<>();
        for (String[] r : rules) {
            if (!r[1].startsWith("each=") && perEntityDirs.contains(parent(r[0]))) {
                String base = fileName(r[0]).replaceFirst("\\..*$", "");
                if (!base.startsWith("__") && !base.contains("{{")) fixed.add(base.replace('-', '_'));
            }
        }
        return fixed;
    }

    private static String parent(String path) {
        return path.substring(0, Math.max(0, path.lastIndexOf('/')));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String pascal(String snake) {
        StringBuilder b = new StringBuilder();
        for (String part : snake.split("_")) {
            if (!part.isEmpty()) b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return b.toString();
    }

    @Test
    void the_packs_have_fixed_files_beside_entity_files() throws IOException {
        // guards the scan itself: these are known today
        assertThat(fixedSiblingsOfEntityFiles()).contains("index", "types", "common", "base", "user", "associations", "health", "auth");
    }

    @Test
    void an_entity_named_like_a_fixed_file_is_rejected_with_a_clear_message() throws IOException {
        for (String base : fixedSiblingsOfEntityFiles()) {
            String name = pascal(base);
            AppSpec spec = new AppSpec("Clash", null, List.of(new Entity(name, List.of(Field.builder("title", FieldType.STRING).build()))),
                    null, null, null, null, null, null);
            assertThat(TemplatePacks.defaults().validate(spec).problems())
                    .as("entity %s (file %s)", name, base)
                    .anySatisfy(p -> assertThat(p).startsWith("entities[0].name: '" + name + "' is reserved by "));
        }
    }
}
