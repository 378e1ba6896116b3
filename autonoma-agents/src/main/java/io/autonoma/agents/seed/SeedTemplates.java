package io.autonoma.agents.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.template.TemplateEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in template seed, read from the classpath (works from a jar: files are listed in index
 * files, never discovered by scanning directories).
 *
 * <ul>
 *   <li>{@value #SEED_INDEX} is a JSON array of file names relative to {@code seed/}; each file is
 *       {@code {"collection": "...", "entries": [{"id", "title", "description", "tags", "metadata",
 *       "content"}]}}. Collections: {@code code_templates}, {@code ui_components},
 *       {@code api_patterns}, {@code deployment_configs}.</li>
 *   <li>{@value #ARCHETYPE_INDEX}, if present, lists {@code AppSpec} JSON files relative to
 *       {@code archetypes/} — a JSON array of file names, or of objects with a {@code "file"} field,
 *       or an object holding such an array under {@code "archetypes"} or {@code "files"}. Each becomes
 *       a {@code project_templates} entry: id {@code archetype:<file base name>}, title = the spec's
 *       {@code name}, description = its {@code description}, content = the JSON text, tags = its
 *       {@code notes}, metadata {@code kind=archetype}, {@code resource=archetypes/<file>}.</li>
 * </ul>
 * Order is stable: seed files in index order, entries in file order, then archetypes in index order.
 * A missing seed index, a listed file that is missing, or malformed JSON throws
 * {@link AutonomaException} naming the resource.
 */
public final class SeedTemplates {

    public static final String SEED_INDEX = "seed/index.json";
    public static final String ARCHETYPE_INDEX = "archetypes/index.json";
    public static final String PROJECT_TEMPLATES = "project_templates";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SeedTemplates() {}

    /** The seed entries plus every listed archetype, from this library's class loader. */
    public static List<TemplateEntry> load() {
        return load(SeedTemplates.class.getClassLoader());
    }

    /** The seed entries plus every listed archetype, from {@code loader}. */
    public static List<TemplateEntry> load(ClassLoader loader) {
        List<TemplateEntry> all = new ArrayList<>(loadSeed(loader));
        all.addAll(loadArchetypes(loader));
        return List.copyOf(all);
    }

    /** The four seed collections; throws if {@value #SEED_INDEX} is missing. */
    public static List<TemplateEntry> loadSeed(ClassLoader loader) {
        JsonNode index = readJson(loader, SEED_INDEX)
                .orElseThrow(() -> new AutonomaException("template seed index " + SEED_INDEX
                        + " is not on the classpath: is autonoma-agents packaged with its resources?"));
        List<TemplateEntry> entries = new ArrayList<>();
        for (String file : fileNames(index, SEED_INDEX)) {
            String resource = "seed/" + file;
            JsonNode doc = readJson(loader, resource).orElseThrow(() -> missing(resource, SEED_INDEX));
            String collection = text(doc, "collection");
            if (collection.isBlank()) {
                throw new AutonomaException(resource + ": the \"collection\" field is missing");
            }
            JsonNode list = doc.path("entries");
            if (!list.isArray()) {
                throw new AutonomaException(resource + ": \"entries\" must be an array");
            }
            for (JsonNode e : list) {
                try {
                    entries.add(new TemplateEntry(text(e, "id"), collection, text(e, "title"), text(e, "description"),
                            text(e, "content"), strings(e.path("tags")), stringMap(e.path("metadata"))));
                } catch (IllegalArgumentException ex) {
                    throw new AutonomaException(resource + ": invalid entry " + e.path("id") + ": " + ex.getMessage(), ex);
                }
            }
        }
        return entries;
    }

    /** The {@code project_templates} archetypes; empty if {@value #ARCHETYPE_INDEX} is not on the classpath. */
    public static List<TemplateEntry> loadArchetypes(ClassLoader loader) {
        Optional<JsonNode> index = readJson(loader, ARCHETYPE_INDEX);
        if (index.isEmpty()) {
            return List.of();
        }
        List<TemplateEntry> entries = new ArrayList<>();
        for (String listed : fileNames(index.get(), ARCHETYPE_INDEX)) {
            String file = listed.startsWith("archetypes/") ? listed.substring("archetypes/".length()) : listed;
            String resource = "archetypes/" + file;
            String json = readText(loader, resource).orElseThrow(() -> missing(resource, ARCHETYPE_INDEX));
            JsonNode spec = parse(json, resource);
            String base = baseName(file);
            String name = text(spec, "name");
            entries.add(new TemplateEntry("archetype:" + base, PROJECT_TEMPLATES, name.isBlank() ? base : name,
                    text(spec, "description"), json, strings(spec.path("notes")),
                    Map.of("kind", "archetype", "resource", resource)));
        }
        return entries;
    }

    private static List<String> fileNames(JsonNode index, String resource) {
        JsonNode list = index;
        if (index.isObject()) {
            list = index.has("archetypes") ? index.get("archetypes") : index.path("files");
        }
        if (!list.isArray()) {
            throw new AutonomaException(resource + ": expected a JSON array of file names (or {\"files\": [...]})");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode n : list) {
            String name = n.isTextual() ? n.asText() : text(n, "file");
            if (name.isBlank()) {
                throw new AutonomaException(resource + ": entry " + n + " names no file");
            }
            if (name.contains("..") || name.startsWith("/") || name.contains("\\")) {
                throw new AutonomaException(resource + ": unsafe file name " + name);
            }
            names.add(name);
        }
        return names;
    }

    private static String baseName(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    private static AutonomaException missing(String resource, String index) {
        return new AutonomaException(resource + " is listed in " + index + " but is not on the classpath");
    }

    private static Optional<JsonNode> readJson(ClassLoader loader, String resource) {
        return readText(loader, resource).map(json -> parse(json, resource));
    }

    private static JsonNode parse(String json, String resource) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AutonomaException(resource + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Optional<String> readText(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AutonomaException("cannot read " + resource + " from the classpath: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> {
                if (n.isValueNode() && !n.isNull() && !n.asText().isBlank()) {
                    out.add(n.asText());
                }
            });
        }
        return out;
    }

    private static Map<String, String> stringMap(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object.isObject()) {
            for (Map.Entry<String, JsonNode> f : object.properties()) {
                if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                    out.put(f.getKey(), f.getValue().asText());
                }
            }
        }
        return out;
    }
}
