package io.autonoma.agents.analyst.internal;

import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typical fields of a thing the prompt names without fields, from knowledge with a source: the app-domain
 * layer (a card has a title and a due date), schema.org (a Message has dateSent, a Book an isbn), or what
 * WordNet says it is a kind of (a dentist is a person: name, email). Each result says where it came from.
 */
final class FieldInference {
    /** At most this many fields are inferred for one entity. */
    static final int MAX_FIELDS = 4;
    private static final Set<String> LABELS = Set.of("name", "title", "headline", "label", "subject", "question", "code");
    private static final Set<String> LONG_TEXT = Set.of("text", "description", "article_body", "review_body",
            "recipe_instructions", "caption", "body", "instructions", "notes", "comment", "content", "message");

    private final Domain domain = Domain.get();
    private final WordNet wn = WordNet.get();
    private final SchemaOrg schema = SchemaOrg.get();

    /** Inferred fields and the source they came from ("the app-domain layer", "schema.org Book"…). */
    record Inferred(List<Field> fields, String source) {}

    /** Fields for a thing named by {@code words} (singular lemmas, head last); never empty. */
    Inferred infer(List<String> words, String entityName) {
        String head = words.get(words.size() - 1);
        String compound = String.join("_", words);
        for (String key : List.of(compound, head)) {
            Optional<Domain.Knowledge> k = domain.knowledge(key);
            if (k.isPresent() && !k.get().fields().isEmpty()) {
                return new Inferred(parse(k.get().fields(), entityName), "the app-domain layer (" + key + ")");
            }
        }
        Optional<Inferred> a = fromArchetypes(words, entityName);
        if (a.isPresent()) {
            return a.get();
        }
        Optional<Inferred> s = fromSchemaOrg(words, entityName);
        if (s.isPresent()) {
            return s.get();
        }
        Optional<String> category = wn.nounCategory(head);
        if (category.isPresent() && domain.categoryFields.containsKey(category.get())) {
            String what = category.get().equals("Tops") ? "a top-level thing" : "a kind of " + category.get();
            return new Inferred(parse(domain.categoryFields.get(category.get()), entityName),
                    "WordNet (" + head + " is " + what + ")");
        }
        return new Inferred(List.of(Field.builder("name", FieldType.STRING).maxLength(200).build()),
                "the default for things nothing is known about");
    }

    /** The fields an app archetype gives an entity of the same name (Workout in the workout log). */
    private Optional<Inferred> fromArchetypes(List<String> words, String entityName) {
        Map<String, Inferred> byName = archetypeEntities();
        for (String name : new LinkedHashSet<>(List.of(Inflector.pascal(words), entityName))) {
            Inferred i = byName.get(name);
            if (i != null) return Optional.of(i);
        }
        return Optional.empty();
    }

    private static volatile Map<String, Inferred> archetypeEntities;

    /** Every archetype entity by name, the first archetype that defines a name winning; read once. */
    private static Map<String, Inferred> archetypeEntities() {
        Map<String, Inferred> m = archetypeEntities;
        if (m == null) {
            m = new java.util.LinkedHashMap<>();
            for (io.autonoma.core.template.TemplateEntry e : io.autonoma.agents.analyst.Archetypes.entries()) {
                String id = e.id().substring(io.autonoma.agents.analyst.Archetypes.ID_PREFIX.length());
                for (io.autonoma.core.spec.Entity x : io.autonoma.core.spec.AppSpecJson.read(e.content()).entities()) {
                    if (!x.fields().isEmpty()) m.putIfAbsent(x.name(), new Inferred(x.fields(), "the archetype '" + id + "'"));
                }
            }
            archetypeEntities = Map.copyOf(m);
        }
        return m;
    }

    private Optional<Inferred> fromSchemaOrg(List<String> words, String entityName) {
        List<String> candidates = new ArrayList<>();
        candidates.add(Inflector.pascal(words));
        candidates.add(Inflector.pascal(List.of(words.get(words.size() - 1))));
        String head = words.get(words.size() - 1);
        int direct = candidates.size();
        for (String synonym : wn.synonyms(head)) {
            candidates.add(Inflector.pascal(List.of(synonym.split("_"))));
        }
        for (String ancestor : wn.ancestors(head, 1, 4)) {
            candidates.add(Inflector.pascal(List.of(ancestor.split("_"))));
        }
        for (int i = 0; i < candidates.size(); i++) {
            String type = candidates.get(i);
            if (schema.type(type).isEmpty() || type.equals("Thing") || type.equals("Intangible")) continue;
            // a word's kind maps only onto the broad kinds whose names do not mislead (a mood is a "state", but not
            // a schema.org State, which is a region)
            if (i >= direct && !(schema.isA(type, "Person") || schema.isA(type, "Organization"))) continue;
            List<Field> fields = schemaFields(type, entityName);
            if (fields.size() >= 2) {
                String via = type.equals(Inflector.pascal(words)) || type.equals(Inflector.pascal(List.of(head))) ? ""
                        : " (" + head + " is a kind of " + type + " in WordNet)";
                return Optional.of(new Inferred(fields, "schema.org " + type + via));
            }
        }
        return Optional.empty();
    }

    /** The most telling simple-valued properties of a schema.org type, by the salience order of the domain layer. */
    private List<Field> schemaFields(String type, String entityName) {
        List<SchemaOrg.Property> props = schema.properties(type);
        List<Field> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        boolean creativeWork = schema.isA(type, "CreativeWork");
        // every type has a name (from Thing); creative works are titled by a headline or their text
        if (!creativeWork) {
            out.add(field("name", FieldType.STRING, true, entityName));
            names.add("name");
        }
        for (String wanted : domain.schemaOrgProperties) {
            if (out.size() >= MAX_FIELDS) break;
            for (SchemaOrg.Property p : props) {
                if (!p.name().equals(wanted)) continue;
                Optional<String> range = p.simpleRange();
                if (range.isEmpty()) continue;
                String name = Inflector.snakeOfPascal(Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1));
                if (name.equals("headline")) name = "title";
                if (TemplatePacks.defaults().reservedNames().isReservedField(name) || !names.add(name)) continue;
                out.add(field(name, typeOf(name, range.get()), out.isEmpty(), entityName));
            }
        }
        if (creativeWork && out.stream().noneMatch(f -> LABELS.contains(f.name()) || f.name().equals("text"))) {
            out.add(0, field("title", FieldType.STRING, true, entityName));
        }
        return out.size() > MAX_FIELDS ? out.subList(0, MAX_FIELDS) : out;
    }

    private static FieldType typeOf(String name, String range) {
        return switch (range) {
            case "URL" -> FieldType.URL;
            case "Date" -> FieldType.DATE;
            case "DateTime" -> FieldType.DATETIME;
            case "Time" -> FieldType.TIME;
            case "Number" -> FieldType.DECIMAL;
            case "Integer" -> FieldType.INTEGER;
            case "Boolean" -> FieldType.BOOLEAN;
            default -> LONG_TEXT.contains(name) ? FieldType.TEXT : name.equals("email") ? FieldType.EMAIL
                    : name.equals("telephone") ? FieldType.PHONE : FieldType.STRING;
        };
    }

    /** Field specs of the domain layer: "name", "name:type", "name?" (optional), "status:enum(a,b)". */
    static List<Field> parse(List<String> specs, String entityName) {
        List<Field> out = new ArrayList<>();
        for (String spec : specs) {
            boolean optional = spec.endsWith("?");
            boolean unique = spec.endsWith("!");
            String s = optional || unique ? spec.substring(0, spec.length() - 1) : spec;
            String name = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
            String type = s.contains(":") ? s.substring(s.indexOf(':') + 1) : null;
            Field f;
            if (type != null && type.startsWith("enum(")) {
                List<String> values = List.of(type.substring(5, type.length() - 1).split(","));
                f = Field.builder(name, FieldType.ENUM).enumValues(values).defaultValue(values.get(0)).build();
            } else {
                DraftField d = new DraftField(name, name.replace('_', ' '));
                Field byName = FieldRules.toField(d, entityName);
                f = type == null ? byName : retype(byName, FieldType.parse(type));
            }
            if (unique && !f.unique()) {
                f = new Field(f.name(), f.type(), f.required(), true, f.defaultValue(), f.enumValues(),
                        f.maxLength() == null ? null : Math.min(f.maxLength(), 100), f.min(), f.max(), f.description());
            }
            if (optional && f.required()) {
                f = new Field(f.name(), f.type(), false, f.unique(), f.defaultValue(), f.enumValues(), f.maxLength(),
                        f.min(), f.max(), f.description());
            }
            out.add(f);
        }
        return out;
    }

    private static Field field(String name, FieldType type, boolean required, String entityName) {
        Field byName = FieldRules.toField(new DraftField(name, name.replace('_', ' ')), entityName);
        Field f = byName.type() == type ? byName : retype(byName, type);
        return required == f.required() ? f : new Field(f.name(), f.type(), required, f.unique(), f.defaultValue(),
                f.enumValues(), f.maxLength(), f.min(), f.max(), f.description());
    }

    /** The field with another type, keeping only the constraints that type takes. */
    static Field retype(Field f, FieldType type) {
        if (f.type() == type) return f;
        boolean numeric = type == FieldType.INTEGER || type == FieldType.DECIMAL;
        boolean text = type == FieldType.STRING || type == FieldType.TEXT || type == FieldType.EMAIL
                || type == FieldType.URL || type == FieldType.PHONE;
        Integer maxLength = text ? (type == FieldType.STRING ? Integer.valueOf(f.maxLength() == null ? 255 : f.maxLength())
                : type == FieldType.URL ? Integer.valueOf(2048) : type == FieldType.EMAIL ? Integer.valueOf(254)
                : type == FieldType.PHONE ? Integer.valueOf(32) : null) : null;
        BigDecimal min = numeric ? (f.min() != null ? f.min() : BigDecimal.ZERO) : null;
        BigDecimal max = numeric && type == FieldType.INTEGER && f.max() != null && f.max().scale() <= 0 ? f.max()
                : numeric && type == FieldType.DECIMAL ? f.max() : null;
        String def = type == FieldType.BOOLEAN ? "false" : null;
        boolean required = type == FieldType.TEXT ? f.required() && !f.name().toLowerCase(Locale.ROOT).equals("notes") : f.required();
        return new Field(f.name(), type, required, f.unique() && text, def, null, maxLength, min, max, f.description());
    }
}
