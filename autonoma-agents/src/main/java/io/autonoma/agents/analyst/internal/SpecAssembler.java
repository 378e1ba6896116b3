package io.autonoma.agents.analyst.internal;

import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Feature;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import io.autonoma.core.spec.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns what {@link PromptParser} read into a valid {@link AppSpec}. */
public final class SpecAssembler {
    /** Names the generated code imports itself (SQLAlchemy, Next.js); entities are renamed away from them. */
    private static final Set<String> SOFT_RESERVED = Set.of(
            "Table", "Column", "Index", "Field", "Enum", "Integer", "Text", "Float", "Decimal", "Time", "Datetime",
            "Form", "Route", "Router", "Component", "Layout", "Link", "Image", "Script", "Head", "Map", "Set",
            "Record", "Function", "Promise", "Json", "Select", "Relationship", "Mapped", "Optional", "Any", "Dict",
            "Tuple", "Type", "Uuid", "Id", "Status", "App", "Users", "Role", "Permission", "RefreshToken");
    private static final Set<String> MONEY_PREFIX = Set.of("salary", "price", "budget", "pay", "wage", "cost", "rent", "fee");

    private SpecAssembler() {}

    /** The result of reading a prompt: a spec, and whether the prompt named any entity with fields. */
    public record Analysis(AppSpec spec, boolean explicit, List<String> entityNames, Optional<String> promptName) {}

    /**
     * Reads a prompt with rules. {@code explicit} is false when the prompt named no field at all (a
     * vague prompt); the spec is then built from default fields only and may be empty of entities.
     */
    /**
     * What to look archetypes up by when a prompt names no things: the prompt without the words for the
     * groups it is for ("an app for my book club" → books, not clubs), unless nothing else is left.
     */
    public static String archetypeQuery(String prompt) {
        WordNet wn = WordNet.get();
        List<String> kept = new ArrayList<>();
        boolean dropped = false;
        boolean thingLeft = false;
        for (Tagger.Token t : new Tagger(wn).tag(Tagger.words(prompt))) {
            boolean noun = t.tag() == Tagger.Tag.NOUN;
            if (noun && wn.nounCategory(t.lemma()).map("group"::equals).orElse(false)) {
                dropped = true;
                continue;
            }
            boolean thing = noun && !Domain.get().appWords.contains(t.lemma());
            thingLeft |= thing;
            kept.add(t.text());
            // the index matches words as written: "film" finds an archetype's "films" too
            if (thing && !t.plural()) kept.add(Inflector.plural(t.lemma()));
        }
        return dropped && thingLeft ? String.join(" ", kept) : prompt.strip();
    }

    /**
     * The optional app-wide features the prompt names, by the words {@code domain.json} lists for each ("a GraphQL
     * API"): single words, or several joined by '_' that follow each other in the prompt.
     */
    public static List<Feature> askedFeatures(String prompt) {
        List<String> words = Tagger.words(prompt).stream().map(w -> w.toLowerCase(java.util.Locale.ROOT)).toList();
        String joined = "_" + String.join("_", words) + "_";
        List<Feature> out = new ArrayList<>();
        Domain.get().featureWords.forEach((feature, phrases) -> {
            if (phrases.stream().anyMatch(phrase -> joined.contains("_" + phrase + "_"))) {
                out.add(Feature.parse(feature));
            }
        });
        return out;
    }

    /**
     * The prompt without the words that ask for a feature ("with a GraphQL API" → "with"), so they are not read as
     * things the app keeps; what is left is what the entity reading sees.
     */
    static String withoutFeatureWords(String prompt) {
        String out = prompt;
        List<String> phrases = new ArrayList<>();
        Domain.get().featureWords.values().forEach(phrases::addAll);
        // longest first: "graphql_api" goes before "graphql" can leave "api" behind
        phrases.sort(java.util.Comparator.comparingInt(String::length).reversed().thenComparing(x -> x));
        for (String phrase : phrases) {
            String words = String.join("[\\s-]*", phrase.split("_"));
            out = out.replaceAll("(?i)(\\b(a|an|the)\\s+)?\\b" + words + "\\b", " ");
        }
        return out.equals(prompt) ? prompt : out.replaceAll("[ \\t]{2,}", " ").replaceAll("\\s+([,.;:])", "$1");
    }

    public static Analysis analyze(String asked) {
        String prompt = withoutFeatureWords(asked);
        PromptParser p = new PromptParser();
        p.parse(prompt);
        List<String> notes = new ArrayList<>();
        Map<String, DraftEntity> entities = p.entities;
        resolveReferences(p, notes);
        List<Rel> rels = new ArrayList<>(p.relations);
        // the sentence reader: things named without fields, people and roles, relations, behaviour words
        Merge merge = Merge.apply(p, prompt, rels, notes);
        boolean explicit = !entities.isEmpty();
        // fields named after an entity are references to it ("expenses have … a category")
        for (DraftEntity e : entities.values()) {
            for (DraftField f : new ArrayList<>(e.fields)) {
                if (!f.enumValues.isEmpty() || f.count || f.min != null || f.flag || f.unit != null) continue;
                String n = f.name.endsWith("_id") ? f.name.substring(0, f.name.length() - 3) : f.name;
                for (DraftEntity target : entities.values()) {
                    if (target == e) continue;
                    String ts = Inflector.snake(target.words);
                    String tp = Inflector.snake(pluralWords(target.words));
                    boolean linked = rels.stream().anyMatch(r -> r.from().equals(e.key()) && r.to().equals(target.key())
                            || r.to().equals(e.key()) && r.from().equals(target.key()))
                            || e.manyToMany.contains(target.key()) || target.manyToMany.contains(e.key());
                    if (n.equals(ts) || n.equals(tp)) {
                        e.fields.remove(f);
                        if (linked) break;
                        boolean plural = n.equals(tp) && !ts.equals(tp);
                        boolean tag = Lexicon.TAG_LIKE.contains(target.words.get(target.words.size() - 1));
                        if (plural && !tag) {
                            rels.add(new Rel(target.key(), e.key(), RelationKind.MANY_TO_ONE, false, null));
                            notes.add(e.pascal() + "." + f.name + " names the entity " + target.pascal() + "; made "
                                    + target.pascal() + " point at " + e.pascal() + " instead of a field.");
                        } else {
                            rels.add(new Rel(e.key(), target.key(), plural ? RelationKind.MANY_TO_MANY : RelationKind.MANY_TO_ONE,
                                    false, null));
                            notes.add(e.pascal() + "." + f.name + " names the entity " + target.pascal() + "; made it a "
                                    + (plural ? "many-to-many" : "many-to-one") + " relation.");
                        }
                        break;
                    }
                    if (n.endsWith("_" + ts) && n.length() > ts.length() + 1 && !linkedByName(rels, e.key(), n)) {
                        // "home team" → a relation named home_team to Team
                        e.fields.remove(f);
                        rels.add(new Rel(e.key(), target.key(), RelationKind.MANY_TO_ONE, false, n));
                        notes.add(e.pascal() + "." + f.name + " names the entity " + target.pascal()
                                + "; made it a many-to-one relation called " + n + ".");
                        break;
                    }
                }
            }
        }
        for (DraftEntity e : entities.values()) {
            for (String m : e.manyToMany) {
                rels.add(new Rel(e.key(), m, RelationKind.MANY_TO_MANY, false));
            }
        }
        // names
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        List<String> appWords = p.nameWords.isEmpty() ? p.objectNameWords : p.nameWords;
        for (DraftEntity e : entities.values()) {
            String name = e.pascal();
            if (name.isEmpty() || !Character.isLetter(name.charAt(0))) name = "Item" + name;
            if (name.length() > 60) name = name.substring(0, 60);
            if (TemplatePacks.defaults().reservedNames().isReservedEntity(name) || SOFT_RESERVED.contains(name)
                    || TemplatePacks.defaults().reservedNames().isReservedField(Inflector.snakeOfPascal(name))) {
                String original = name;
                List<String> candidates = new ArrayList<>();
                if (name.equals("User")) {
                    candidates.add("Member");
                    candidates.add("Profile");
                }
                if (!appWords.isEmpty()) {
                    String first = appWords.get(0).replace("'s", "");
                    String asWritten = findOriginal(prompt, first);
                    boolean acronym = asWritten != null && asWritten.length() > 1
                            && asWritten.equals(asWritten.toUpperCase(Locale.ROOT));
                    String prefix = Inflector.pascal(List.of(acronym ? first : Inflector.singular(first)));
                    if (!prefix.equals(name)) candidates.add(prefix + name);
                }
                for (Rel r : rels) {
                    // "responses to a survey": a SurveyResponse keeps the word the prompt used
                    if (r.from().equals(e.key()) && !r.to().equals(Merge.USER_KEY) && entities.containsKey(r.to())
                            && r.kind() == RelationKind.MANY_TO_ONE) {
                        candidates.add(entities.get(r.to()).pascal() + name);
                        break;
                    }
                }
                for (String role : merge.roles.keySet()) {
                    // "trainers schedule sessions": a TrainerSession keeps the word the prompt used
                    String prefix = Inflector.pascal(List.of(role.split("[ _-]")));
                    if (!prefix.equals(name)) candidates.add(prefix + name);
                    break;
                }
                candidates.add(name + "Item");
                candidates.add(name + "Record");
                name = candidates.stream().filter(c -> !used.contains(c.toLowerCase(Locale.ROOT))
                        && !TemplatePacks.defaults().reservedNames().isReservedEntity(c) && !SOFT_RESERVED.contains(c)
                        && !TemplatePacks.defaults().reservedNames().isReservedField(Inflector.snakeOfPascal(c)))
                        .findFirst().orElse(name + "Entry");
                notes.add("'" + original + "' is reserved by the generated app; named the entity " + name + " instead.");
            }
            while (used.contains(name.toLowerCase(Locale.ROOT))) name = name + "Item";
            used.add(name.toLowerCase(Locale.ROOT));
            names.put(e.key(), name);
        }
        // entities and fields
        List<Entity> outEntities = new ArrayList<>();
        Map<String, Set<String>> fieldNames = new LinkedHashMap<>();
        // a prompt that lists fields means what it lists; otherwise a lone field read in passing ("fundraisers with a
        // target") is topped up with the typical ones
        boolean listsFields = merge.listsFields;
        for (DraftEntity e : entities.values()) {
            String name = names.get(e.key());
            List<Field> fields = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (DraftField d : e.fields) {
                seen.add(d.name);
            }
            if (e.fields.isEmpty() || e.fields.size() == 1 && !listsFields) {
                Concept concept = merge.conceptOf(e);
                List<String> fromPrompt = new ArrayList<>();
                if (concept != null) {
                    for (Field f : hintFields(concept, name)) {
                        if (seen.add(f.name())) {
                            fields.add(f);
                            fromPrompt.add(f.name());
                        }
                    }
                }
                FieldInference.Inferred inferred = new FieldInference().infer(e.words, name);
                List<String> added = new ArrayList<>();
                // two or more fields in the prompt's own words are enough; inferred ones would only guess
                boolean labelled = e.fields.stream().anyMatch(d -> LABELS.contains(d.name)) || fields.stream()
                        .anyMatch(f -> LABELS.contains(f.name()));
                for (Field f : fromPrompt.size() >= 2 ? List.<Field>of() : inferred.fields()) {
                    if (fields.size() >= FieldInference.MAX_FIELDS + fromPrompt.size()) break;
                    if (labelled && LABELS.contains(f.name())) continue; // one name is enough
                    if (seen.add(f.name())) {
                        fields.add(f);
                        added.add(f.name());
                    }
                }
                if (fromPrompt.size() >= 2 && added.isEmpty()) {
                    notes.add(name + ": took " + quoted(fromPrompt) + " from the prompt's sentences.");
                } else {
                    notes.add(name + " had no field list in the prompt; "
                            + (fromPrompt.isEmpty() ? "" : "took " + quoted(fromPrompt) + " from its words and ")
                            + (added.isEmpty() ? "needed nothing more" : "inferred " + quoted(added) + " from " + inferred.source()) + ".");
                }
            }
            Set<String> given = new HashSet<>();
            List<Field> fromList = new ArrayList<>();
            for (DraftField d : e.fields) {
                for (Field f : expand(d, name, e, notes)) {
                    if (given.add(f.name())) fromList.add(f);
                }
            }
            fields.removeIf(f -> given.contains(f.name()));
            fields.addAll(0, fromList);
            seen.addAll(given);
            fieldNames.put(e.key(), seen);
            outEntities.add(new Entity(name, fields));
        }
        // relations
        List<Relation> outRelations = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        Map<String, Set<String>> relNames = new LinkedHashMap<>();
        names.put(Merge.USER_KEY, AppSpec.USER_ENTITY);
        for (Rel r : rels) {
            if (!names.containsKey(r.from) || !names.containsKey(r.to) || r.from.equals(r.to) || r.from.equals(Merge.USER_KEY)) continue;
            String from = names.get(r.from);
            String to = names.get(r.to);
            String pairKey = r.kind == RelationKind.MANY_TO_MANY
                    ? (from.compareTo(to) < 0 ? from + "~" + to : to + "~" + from) : from + ">" + to;
            String reverse = to + ">" + from;
            if (r.name != null) pairKey = pairKey + ":" + r.name;
            if (!pairs.add(pairKey)) continue;
            if (r.kind == RelationKind.MANY_TO_ONE && pairs.contains(reverse)) {
                notes.add("Skipped " + from + " → " + to + ": " + to + " already points at " + from + ".");
                continue;
            }
            String relName = r.name != null ? r.name : r.kind == RelationKind.MANY_TO_MANY
                    ? Inflector.snake(pluralWords(snakeWords(to))) : Inflector.snakeOfPascal(to);
            Set<String> taken = relNames.computeIfAbsent(from, k -> new HashSet<>());
            Set<String> fieldsOfFrom = fieldNames.get(r.from);
            while (taken.contains(relName) || fieldsOfFrom.contains(relName) || fieldsOfFrom.contains(relName + "_id")
                    || TemplatePacks.defaults().reservedNames().isReservedField(relName)) {
                relName = relName + "_ref";
            }
            taken.add(relName);
            outRelations.add(new Relation(from, to, r.kind, relName, r.kind == RelationKind.MANY_TO_ONE && r.required));
        }
        // roles of the app's users the prompt names (manager, seller), and the behaviour it asks for
        List<String> roleNames = new ArrayList<>();
        for (String role : merge.roles.keySet()) {
            String rn = Inflector.snake(List.of(role.split("[ _-]")));
            if (rn.matches("[a-z][a-z0-9_]{0,62}") && !rn.equals("admin") && !rn.equals("user") && !roleNames.contains(rn)) {
                roleNames.add(rn);
            }
        }
        CapabilityBuilder capabilities = new CapabilityBuilder(outEntities, outRelations, roleNames, notes,
                c -> Optional.ofNullable(merge.drafts.get(c)).map(d -> names.get(d.key())));
        if (!outEntities.isEmpty()) {
            capabilities.build(merge.understanding.behaviours, prompt);
        }
        String appName = appName(p, prompt, outEntities, merge.understanding.appNameWords());
        if (outEntities.isEmpty()) {
            return new Analysis(null, false, List.of(), p.nameWords.isEmpty() && p.objectNameWords.isEmpty()
                    ? Optional.empty() : Optional.of(appName));
        }
        AppSpec.Builder b = AppSpec.builder(appName).description(asked.trim());
        outEntities.forEach(b::entity);
        outRelations.forEach(b::relation);
        b.role(new Role("admin", List.of("*")));
        b.role(new Role("user", List.of("read:*", "create:*", "update:*")));
        for (String role : roleNames) {
            b.role(new Role(role, List.of("read:*", "create:*", "update:*")));
            b.note("Role '" + role + "' of the app's users (" + String.join(", ", merge.roles.getOrDefault(role, List.of()))
                    .replace('_', ' ') + ").");
        }
        capabilities.capabilities.forEach(b::capability);
        for (Feature f : List.of(Feature.AUTH, Feature.RBAC, Feature.PAGINATION, Feature.SEARCH, Feature.SORTING,
                Feature.FILTERING, Feature.RATE_LIMIT)) {
            b.feature(f);
        }
        for (Feature f : askedFeatures(asked)) {
            b.feature(f);
            b.note("Feature '" + f.json() + "': the prompt asks for it.");
        }
        b.note("Read by the offline rule-based analyst: entities are the nouns given fields or relations in the prompt; "
                + "field types follow their names and words (date → date, price → decimal, 'status (a, b)' → enum).");
        for (Entity e : outEntities) {
            b.note(e.name() + " (" + entities.values().stream().filter(d -> names.get(d.key()).equals(e.name()))
                    .map(d -> d.origin).findFirst().orElse("named in the prompt") + "): "
                    + e.fields().stream().map(SpecAssembler::explain).reduce((x, y) -> x + "; " + y).orElse("") + ".");
        }
        for (Relation r : outRelations) {
            b.note(r.from() + " " + r.kind().json() + " " + r.to() + " (as '" + r.name() + "'"
                    + (r.required() ? ", required" : "") + ").");
        }
        notes.forEach(b::note);
        p.notes.stream().filter(n -> !overtaken(n, outEntities)).forEach(b::note);
        b.note(confidence(outEntities, entities, merge, p.notes));
        List<String> entityNames = outEntities.stream().map(Entity::name).toList();
        Optional<String> named = p.nameWords.isEmpty() && p.objectNameWords.isEmpty() ? Optional.empty()
                : Optional.of(appName);
        return new Analysis(b.build(), explicit, entityNames, named);
    }

    private static final java.util.regex.Pattern IGNORED = java.util.regex.Pattern.compile("Ignored \"(?:(?:a|an|the) )?(.+)\": no entity to attach it to\\.");
    private static final java.util.regex.Pattern NO_ENTITY = java.util.regex.Pattern.compile("Found no entity in \"(.+)\"\\.");

    /** A field-list parser's complaint the sentence reader answered: the field or entity is in the spec after all. */
    private static boolean overtaken(String note, List<Entity> out) {
        java.util.regex.Matcher m = IGNORED.matcher(note);
        if (m.matches()) {
            String field = m.group(1).trim().replaceAll("[^a-z0-9]+", "_");
            return out.stream().anyMatch(e -> e.fields().stream().anyMatch(f -> f.name().equals(field)));
        }
        m = NO_ENTITY.matcher(note);
        if (m.matches()) {
            Set<String> words = new java.util.HashSet<>(List.of(m.group(1).split(" ")));
            return out.stream().anyMatch(e -> words.contains(Inflector.snakeOfPascal(e.name()).replaceAll(".*_", "")));
        }
        return false;
    }

    /** How sure the reading is, said plainly: a note starting with "Confidence:". */
    private static String confidence(List<Entity> out, Map<String, DraftEntity> drafts, Merge merge, List<String> parserNotes) {
        long unread = parserNotes.stream().filter(n -> n.startsWith("Could not read")).count();
        long withFields = drafts.values().stream().filter(d -> !d.fields.isEmpty()).count();
        String level;
        String why;
        if (merge.listsFields && unread == 0) {
            level = "high";
            why = "the prompt lists the fields of " + withFields + " of " + out.size() + " entities";
        } else if (unread > 0 || out.size() == 1) {
            level = "low";
            why = (unread > 0 ? unread + " sentence(s) could not be read" : "the prompt names one thing only")
                    + "; check the entities and fields below, or name the things to store and their fields";
        } else {
            level = "medium";
            why = (out.size() - withFields) + " of " + out.size() + " entities are named without fields; their fields "
                    + "are inferred (see the notes)";
        }
        return io.autonoma.agents.analyst.SpecSummary.CONFIDENCE + " " + level + " - " + why + ".";
    }

    private static final Set<String> LABELS = Set.of("name", "title", "headline", "subject", "label");
    private static final Set<String> MONEY_HINTS = Set.of("money", "cash", "fund", "funds", "amount", "sum");

    /** Fields the prompt names in passing ("fundraisers with a target", "donors give money"). */
    private static List<Field> hintFields(Concept c, String entity) {
        List<Field> out = new ArrayList<>();
        for (String h : c.fieldHints) {
            String name = h.replace('-', '_');
            boolean text = name.startsWith("text:");
            if (text) name = name.substring("text:".length());
            boolean count = name.startsWith("count:");
            if (count) name = name.substring("count:".length());
            if (name.startsWith("~")) {
                if (!MONEY_HINTS.contains(name.substring(1))) continue;
                name = "amount";
            }
            if (!name.matches("[a-z][a-z0-9_]{0,62}") || TemplatePacks.defaults().reservedNames().isReservedField(name)) continue;
            Field f = FieldRules.toField(new DraftField(name, (count ? "number of " : "") + name.replace('_', ' ')), entity);
            if (Set.of("goal", "target", "funding_goal").contains(name)) {
                f = FieldInference.retype(f, FieldType.DECIMAL);
            }
            if (text && f.type() != FieldType.TEXT) {
                f = FieldInference.retype(f, FieldType.TEXT);
            }
            out.add(f);
        }
        return out;
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static String explain(Field f) {
        StringBuilder s = new StringBuilder(f.name()).append(" → ").append(f.type().json());
        if (!f.enumValues().isEmpty()) s.append(" ").append(f.enumValues()).append(" default ").append(f.defaultValue());
        if (f.min() != null && f.max() != null) {
            s.append(" ").append(f.min().toPlainString()).append(" to ").append(f.max().toPlainString());
        } else if (f.min() != null) {
            s.append(" >= ").append(f.min().toPlainString());
        } else if (f.max() != null) {
            s.append(" <= ").append(f.max().toPlainString());
        }
        if (f.unique()) s.append(", unique");
        if (!f.required()) s.append(", optional");
        return s.toString();
    }

    /** Relation as read, by entity key; {@code name} null means "named after the target". */
    record Rel(String from, String to, RelationKind kind, boolean required, String name) {
        Rel(String from, String to, RelationKind kind, boolean required) {
            this(from, to, kind, required, null);
        }
    }

    private static boolean linkedByName(List<Rel> rels, String from, String name) {
        return rels.stream().anyMatch(r -> r.from().equals(from) && name.equals(r.name()));
    }

    private static void resolveReferences(PromptParser p, List<String> notes) {
        Map<String, DraftEntity> entities = p.entities;
        // STRONG first (may create), then SUBJECT, then KNOWN
        for (PromptParser.RefKind kind : PromptParser.RefKind.values()) {
            for (Map.Entry<String, List<PromptParser.Reference>> en : new ArrayList<>(p.references.entrySet())) {
                DraftEntity from = entities.get(en.getKey());
                if (from == null) continue;
                for (PromptParser.Reference ref : en.getValue()) {
                    if (ref.kind() != kind) continue;
                    List<String> targets = match(entities, ref.text(), from);
                    if (targets.isEmpty() && kind != PromptParser.RefKind.KNOWN) {
                        Optional<List<String>> created = creatable(ref.text(), kind);
                        if (created.isPresent()) {
                            List<String> words = PromptParser.singularWords(created.get());
                            String key = String.join(" ", words);
                            if (!key.equals(from.key())) {
                                DraftEntity t = entities.computeIfAbsent(key, k -> new DraftEntity(words, "referenced"));
                                notes.add(t.pascal() + " is referenced (\"" + ref.text() + "\") but not described; added it.");
                                targets = List.of(key);
                            }
                        }
                    }
                    for (String t : targets) {
                        p.relations.add(new Rel(from.key(), t, RelationKind.MANY_TO_ONE, ref.required()));
                    }
                }
            }
        }
    }

    /** Entity keys named in {@code text} (longest match first). */
    private static List<String> match(Map<String, DraftEntity> entities, String text, DraftEntity self) {
        List<String> tokens = PromptParser.tokens(text);
        List<String> sing = new ArrayList<>();
        for (String t : tokens) sing.add(Inflector.singular(t.replace("'s", "")));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sing.size(); i++) {
            boolean found = false;
            for (int len = Math.min(3, sing.size() - i); len >= 1 && !found; len--) {
                List<String> window = new ArrayList<>(tokens.subList(i, i + len));
                String key = String.join(" ", PromptParser.singularWords(window));
                if (entities.containsKey(key) && !key.equals(self.key())) {
                    if (!out.contains(key)) out.add(key);
                    i += len - 1;
                    found = true;
                }
            }
            if (!found) {
                // head word of a multi-word entity: "an order" → "purchase order" when unique
                String w = sing.get(i);
                List<String> heads = entities.values().stream()
                        .filter(e -> e.words.size() > 1 && e.words.get(e.words.size() - 1).equals(w) && e != self)
                        .map(DraftEntity::key).toList();
                boolean partOfLonger = i + 1 < sing.size() && !Lexicon.FUNCTION_WORDS.contains(sing.get(i + 1))
                        && sing.get(i + 1).matches("[a-z].*") && !Lexicon.DETERMINERS.contains(sing.get(i + 1));
                if (heads.size() == 1 && !partOfLonger && (i == 0 || !entities.containsKey(sing.get(i - 1) + " " + w))) {
                    if (!out.contains(heads.get(0))) out.add(heads.get(0));
                }
            }
        }
        return out;
    }

    /** The noun phrase a reference names, when it is plausible as a new entity. */
    private static Optional<List<String>> creatable(String text, PromptParser.RefKind kind) {
        List<String> t = PromptParser.tokens(text);
        int i = 0;
        while (i < t.size() && (Lexicon.RELATION_VERBS.contains(t.get(i)) || Lexicon.LINK_PREPOSITIONS.contains(t.get(i))
                || Set.of("that", "which", "who", "are", "is", "can", "be", "with", "by").contains(t.get(i))
                || Lexicon.DETERMINERS.contains(t.get(i)))) {
            i++;
        }
        PromptParser.NP np = PromptParser.readNP(t, i);
        if (np.words().isEmpty()) return Optional.empty();
        String head = Inflector.singular(np.words().get(np.words().size() - 1));
        if (Lexicon.NOT_ENTITIES.contains(head) || Lexicon.NOT_ENTITIES.contains(np.words().get(np.words().size() - 1))
                || Lexicon.FIELD_PLURALS.contains(np.words().get(np.words().size() - 1))) {
            return Optional.empty();
        }
        if (Lexicon.USER_WORDS.contains(head) || Lexicon.USER_WORDS.contains(np.words().get(np.words().size() - 1))) {
            boolean data = Lexicon.DATA_WHEN_REFERENCED.contains(head);
            if (!data) {
                return Optional.empty();
            }
        }
        if (kind == PromptParser.RefKind.SUBJECT && !Lexicon.SUBJECT_DATA.contains(head)) {
            return Optional.empty();
        }
        if (!head.matches("[a-z][a-z0-9-]*")) return Optional.empty();
        return Optional.of(np.words());
    }

    private static List<String> snakeWords(String pascal) {
        return List.of(Inflector.snakeOfPascal(pascal).split("_"));
    }

    private static List<String> pluralWords(List<String> words) {
        List<String> out = new ArrayList<>(words);
        out.set(out.size() - 1, Inflector.plural(out.get(out.size() - 1)));
        return out;
    }

    /** One draft field becomes one or two fields (salary range → salary_min, salary_max), renamed if reserved. */
    private static List<Field> expand(DraftField d, String entity, DraftEntity e, List<String> notes) {
        if (d.name.endsWith("_range") && d.enumValues.isEmpty() && d.min == null) {
            String prefix = d.name.substring(0, d.name.length() - "_range".length());
            String last = prefix.contains("_") ? prefix.substring(prefix.lastIndexOf('_') + 1) : prefix;
            if (MONEY_PREFIX.contains(last)) {
                notes.add(entity + "." + d.name + " became " + prefix + "_min and " + prefix + "_max (decimal).");
                return List.of(
                        Field.builder(prefix + "_min", FieldType.DECIMAL).required(false).min(0).build(),
                        Field.builder(prefix + "_max", FieldType.DECIMAL).required(false).min(0).build());
            }
        }
        String original = d.name;
        if (TemplatePacks.defaults().reservedNames().isReservedField(d.name)) {
            if (Set.of("created_at", "updated_at", "id", "owner_id").contains(d.name)) {
                notes.add(entity + "." + d.name + " is added automatically; dropped it from the fields.");
                return List.of();
            }
            String renamed = switch (d.name) {
                case "type" -> Inflector.snakeOfPascal(entity) + "_type";
                case "class" -> "class_name";
                case "default" -> "is_default";
                case "new" -> "is_new";
                case "from" -> "origin";
                case "return" -> "return_date";
                case "metadata" -> "meta_data";
                case "query" -> "query_text";
                case "delete" -> "deleted";
                default -> d.name + "_value";
            };
            notes.add(entity + "." + original + " is a reserved name; called it " + renamed + ".");
            d.name = renamed;
        }
        Field f = FieldRules.toField(d, entity);
        return List.of(f);
    }

    private static List<Field> defaultFields(DraftEntity e) {
        String head = e.words.get(e.words.size() - 1);
        String key = e.key();
        if (Set.of("rating", "score", "grade", "vote").contains(head)) {
            return List.of(Field.builder("score", FieldType.INTEGER).min(1).max(5).build());
        }
        if (key.equals("check in") || key.equals("checkin") || head.equals("attendance") || head.equals("entry")
                || head.equals("log") || head.equals("completion")) {
            return List.of(Field.builder("date", FieldType.DATE).build());
        }
        if (Set.of("comment", "review", "message", "reply", "note", "answer", "feedback", "post", "complaint", "question",
                "response").contains(head)) {
            List<Field> out = new ArrayList<>();
            out.add(Field.builder("body", FieldType.TEXT).build());
            if (head.equals("review")) out.add(Field.builder("rating", FieldType.INTEGER).min(1).max(5).build());
            return out;
        }
        if (Lexicon.TAG_LIKE.contains(head)) {
            return List.of(Field.builder("name", FieldType.STRING).unique(true).maxLength(100).build());
        }
        if (Set.of("payment", "donation", "bid", "tip", "deposit", "withdrawal", "transfer", "purchase").contains(head)) {
            return List.of(Field.builder("amount", FieldType.DECIMAL).min(0).build());
        }
        if (head.equals("loan") || head.equals("rental")) {
            return List.of(Field.builder(head + "_date", FieldType.DATE).build(),
                    Field.builder("return_date", FieldType.DATE).required(false).build());
        }
        if (head.equals("order")) {
            return List.of(Field.builder("order_date", FieldType.DATE).build());
        }
        if (Set.of("appointment", "reservation", "booking", "visit", "session", "consultation", "lesson").contains(head)) {
            return List.of(Field.builder("starts_at", FieldType.DATETIME).build(),
                    Field.builder("notes", FieldType.TEXT).required(false).build());
        }
        if (e.fromVerb) {
            return List.of(Field.builder("notes", FieldType.TEXT).required(false).build());
        }
        if (Set.of("photo", "image", "picture", "attachment", "file", "document", "link", "video").contains(head)) {
            return List.of(Field.builder("title", FieldType.STRING).maxLength(200).build(),
                    Field.builder("url", FieldType.URL).maxLength(2048).build());
        }
        return List.of(Field.builder("name", FieldType.STRING).maxLength(200).build());
    }

    private static String appName(PromptParser p, String prompt, List<Entity> entities, List<String> readerWords) {
        List<String> words = p.nameWords.isEmpty() ? p.objectNameWords : p.nameWords;
        // the reader keeps a title whole where the field-list parser cut it ("Lost and found board" → "lost")
        String reader = String.join(" ", readerWords).replace('-', ' ');
        if (words.size() == 1 && readerWords.size() > 1 && (" " + reader + " ").contains(" " + words.get(0) + " ")) {
            words = List.of(reader.split(" "));
        }
        String name = String.join(" ", words).replaceAll("[^A-Za-z0-9 _-]", " ").replaceAll("\\s+", " ").trim();
        name = name.replaceFirst("^[^A-Za-z]+", "");
        if (name.isEmpty()) {
            if (entities.isEmpty()) return "App";
            Entity main = entities.stream().filter(e -> e.fields().size() > 1).findFirst().orElse(entities.get(0));
            String first = main.name().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            name = first + " manager";
        }
        // keep acronyms as the prompt wrote them ("CRM")
        StringBuilder b = new StringBuilder();
        for (String w : name.split(" ")) {
            String original = findOriginal(prompt, w);
            if (b.length() > 0) b.append(' ');
            if (w.equals("qa")) original = "QA";
            b.append(original != null && original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))
                    && original.matches(".*[A-Z].*") ? original : w);
        }
        String out = b.toString();
        out = Character.toUpperCase(out.charAt(0)) + out.substring(1);
        return out.length() > 63 ? out.substring(0, 63).trim() : out;
    }

    private static String findOriginal(String prompt, String word) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\\b" + java.util.regex.Pattern.quote(word) + "\\b")
                .matcher(prompt);
        return m.find() ? m.group() : null;
    }
}
