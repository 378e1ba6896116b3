package io.autonoma.agents.analyst;

import io.autonoma.core.AutonomaException;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.template.TemplateEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app archetypes shipped in this jar under {@code archetypes/} (listed in
 * {@code archetypes/index.json}), used for prompts that name no entities. Each is an {@link AppSpec}
 * JSON file; as a {@link TemplateEntry} it lives in collection {@value #COLLECTION} with id
 * {@code archetype:<base name>}, the spec's description as description and the JSON as content.
 */
public final class Archetypes {
    /** The template collection archetypes are indexed in. */
    public static final String COLLECTION = "project_templates";
    /** Prefix of archetype entry ids: {@code archetype:todo}. */
    public static final String ID_PREFIX = "archetype:";
    /** Classpath location of the index (a JSON array of file names). */
    public static final String INDEX_RESOURCE = "archetypes/index.json";

    private static volatile List<TemplateEntry> cache;

    private Archetypes() {}

    /** Base names of the shipped archetypes, in index order (e.g. {@code reading-list}). Never empty. */
    public static List<String> names() {
        return entries().stream().map(e -> e.id().substring(ID_PREFIX.length())).toList();
    }

    /** The shipped archetypes as template entries, ready for {@code TemplateIndex.addAll}. */
    public static List<TemplateEntry> entries() {
        List<TemplateEntry> c = cache;
        if (c == null) {
            c = load();
            cache = c;
        }
        return c;
    }

    /** The archetype spec of a base name ({@code "todo"}), or empty if there is none. */
    public static Optional<AppSpec> spec(String name) {
        return entries().stream().filter(e -> e.id().equals(ID_PREFIX + name)).findFirst()
                .map(e -> AppSpecJson.read(e.content()));
    }

    private static List<TemplateEntry> load() {
        String index = resource(INDEX_RESOURCE);
        List<String> files;
        try {
            files = List.of(AppSpecJson.mapper().readValue(index, String[].class));
        } catch (IOException e) {
            throw new AutonomaException("archetype index " + INDEX_RESOURCE + " is not a JSON array of file names: "
                    + e.getMessage(), e);
        }
        List<TemplateEntry> out = new ArrayList<>();
        for (String file : files) {
            if (!file.matches("[a-z0-9][a-z0-9-]*\\.json")) {
                throw new AutonomaException("archetype index lists '" + file + "'; expected a name like todo.json");
            }
            String json = resource("archetypes/" + file);
            AppSpec spec = AppSpecJson.read(json);
            String base = file.substring(0, file.length() - ".json".length());
            out.add(new TemplateEntry(ID_PREFIX + base, COLLECTION, spec.name(),
                    spec.description() == null ? spec.name() : spec.description(), json, List.of(base.split("-")),
                    Map.of("kind", "archetype")));
        }
        return List.copyOf(out);
    }

    private static String resource(String path) {
        ClassLoader cl = Archetypes.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(path)) {
            if (in == null) {
                throw new AutonomaException("archetype resource " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AutonomaException("cannot read archetype resource " + path + ": " + e.getMessage(), e);
        }
    }
}
