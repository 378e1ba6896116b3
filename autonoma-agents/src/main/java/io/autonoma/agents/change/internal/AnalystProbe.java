package io.autonoma.agents.change.internal;

import io.autonoma.agents.analyst.internal.Inflector;
import io.autonoma.agents.analyst.internal.SpecAssembler;
import io.autonoma.agents.naming.Naming;
import io.autonoma.core.change.SpecChange;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an additive request ("posts have comments with a body", "users can like posts", "tasks have a due date")
 * the way the offline analyst reads a prompt, so that new entities, field types and capabilities come out as the
 * analyst would build them from the same words. It describes the entities the request names in a small prompt
 * ({@code before}), analyses it with and without the request's sentence, and keeps what the sentence added:
 * new entities, relations that touch a new entity or join two existing ones anew, new capabilities, and new
 * fields of existing entities that the request names or a new capability needs.
 */
final class AnalystProbe {
    private static final int MAX_DESCRIBED_FIELDS = 6;

    private AnalystProbe() {}

    /**
     * The steps {@code sentence} adds to {@code base}; {@code people} maps new entities' extra relations to the
     * signed-in user ("an author"). Empty when the analyst reads nothing new from it.
     */
    static List<SpecChange> additions(AppSpec base, List<Entity> described, String sentence, String request, List<String> people) {
        List<SpecChange> out = additions(base, describe(described.isEmpty() ? base.entities() : described, true), sentence, request,
                people);
        // a capability may need a field the entity lacks ("email me a day before a task's due date"): let the analyst
        // give the entities the fields it knows them to have, and keep the ones the capability needs
        return out.isEmpty() ? additions(base, describe(described.isEmpty() ? base.entities() : described, false), sentence, request,
                people) : out;
    }

    private static List<SpecChange> additions(AppSpec base, String before, String sentence, String request, List<String> people) {
        AppSpec a = analyze(before);
        AppSpec b = analyze(before + " " + sentence);
        if (a == null || b == null) return List.of();
        Set<String> baseNames = new HashSet<>();
        base.entities().forEach(e -> baseNames.add(e.name()));
        Set<String> aNames = new HashSet<>();
        a.entities().forEach(e -> aNames.add(e.name()));
        List<Entity> added = b.entities().stream().filter(e -> !aNames.contains(e.name()) && !baseNames.contains(e.name())).toList();
        Set<String> addedNames = new HashSet<>();
        added.forEach(e -> addedNames.add(e.name()));
        Set<String> known = new HashSet<>(baseNames);
        known.addAll(addedNames);
        known.add(AppSpec.USER_ENTITY);

        List<Relation> relations = new ArrayList<>();
        for (Relation r : b.relations()) {
            if (a.relations().contains(r) || !known.contains(r.from()) || !known.contains(r.to())) continue;
            boolean touchesNew = addedNames.contains(r.from()) || addedNames.contains(r.to());
            boolean exists = base.relations().stream().anyMatch(x -> x.from().equals(r.from()) && x.name().equals(r.name()));
            if (touchesNew || !exists && !r.toUser()) relations.add(r);
        }
        // "with ... an author": the new entity points at the signed-in user by that name
        List<Relation> personRelations = new ArrayList<>();
        for (String person : people) {
            for (Entity e : added) {
                String name = Inflector.snake(List.of(person));
                relations.removeIf(r -> r.from().equals(e.name()) && r.toUser() && !r.name().equals(name)
                        && b.capabilities().stream().noneMatch(c -> mentionsRelation(c, r.name())));
                if (relations.stream().noneMatch(r -> r.from().equals(e.name()) && r.name().equals(name))) {
                    personRelations.add(new Relation(e.name(), AppSpec.USER_ENTITY, io.autonoma.core.spec.RelationKind.MANY_TO_ONE,
                            name, true));
                }
            }
        }
        relations.addAll(personRelations);

        List<Capability> capabilities = b.capabilities().stream().filter(c -> !a.capabilities().contains(c)
                && known.contains(c.entity()) && !base.capabilities().contains(c)).toList();

        Set<String> requestKeys = new HashSet<>();
        for (String w : SpecNames.words(request)) requestKeys.add(Inflector.singular(w));
        List<SpecChange> fields = new ArrayList<>();
        for (Entity be : base.entities()) {
            Optional<Entity> probed = b.entity(be.name());
            if (probed.isEmpty()) continue;
            for (Field f : probed.get().fields()) {
                if (be.fields().stream().anyMatch(x -> x.name().equals(f.name()))) continue;
                boolean named = requestKeys.containsAll(List.of(f.name().split("_")));
                boolean needed = capabilities.stream().anyMatch(c -> c.entity().equals(be.name()) && mentionsField(c, f.name()));
                boolean clashes = base.relations().stream().anyMatch(r -> r.from().equals(be.name()) && r.name().equals(f.name()));
                if ((named || needed) && !clashes) fields.add(new SpecChange.AddField(be.name(), optional(f)));
            }
        }
        List<SpecChange> out = new ArrayList<>();
        added.forEach(e -> out.add(new SpecChange.AddEntity(e)));
        out.addAll(fields);
        relations.forEach(r -> out.add(new SpecChange.AddRelation(r)));
        capabilities.forEach(c -> out.add(new SpecChange.AddCapability(c)));
        return out;
    }

    /** A field added to rows that exist already: optional, unless a default fills them. */
    static Field optional(Field f) {
        if (!f.required() || f.defaultValue() != null) return f;
        return new Field(f.name(), f.type(), false, f.unique(), null, f.enumValues(), f.maxLength(), f.min(), f.max(), f.description());
    }

    private static AppSpec analyze(String prompt) {
        try {
            SpecAssembler.Analysis analysis = SpecAssembler.analyze(prompt);
            return analysis.spec();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** "An app to keep recipes with a name and a cooking time. Ingredients have a quantity." */
    static String describe(List<Entity> entities, boolean withFields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < entities.size(); i++) {
            Entity e = entities.get(i);
            String plural = String.join(" ", Naming.words(Naming.pluralSnake(Naming.snake(e.name()))));
            List<String> fields = new ArrayList<>();
            for (Field f : withFields ? e.fields() : List.<Field>of()) {
                if (fields.size() == MAX_DESCRIBED_FIELDS) break;
                String words = String.join(" ", Naming.words(f.name()));
                String article = "aeiou".indexOf(words.charAt(0)) >= 0 ? "an " : "a ";
                String values = f.type() == FieldType.ENUM ? " (" + String.join(", ", f.enumValues().stream()
                        .map(v -> v.replace('_', ' ')).toList()) + ")" : "";
                fields.add(article + words + values);
            }
            String list = fields.isEmpty() ? "a name" : join(fields);
            if (i == 0 && !withFields) {
                b.append("An app to keep ").append(plural).append('.');
            } else if (i == 0) {
                b.append("An app to keep ").append(plural).append(" with ").append(list).append('.');
            } else {
                b.append(' ').append(Character.toUpperCase(plural.charAt(0))).append(plural.substring(1)).append(" have ")
                        .append(list).append('.');
            }
        }
        return b.toString();
    }

    private static String join(List<String> items) {
        if (items.size() == 1) return items.get(0);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    static boolean mentionsField(Capability c, String field) {
        Set<String> names = new LinkedHashSet<>();
        if (c instanceof Capability.Workflow w) names.add(w.field());
        if (c instanceof Capability.Vote v) names.add(v.value());
        if (c instanceof Capability.Ordering o) names.add(o.field());
        if (c instanceof Capability.ShortCode s) { names.add(s.field()); names.add(s.target()); }
        if (c instanceof Capability.Counter n) names.add(n.field());
        if (c instanceof Capability.Limit l) names.add(l.maxField());
        if (c instanceof Capability.FileUpload u) names.add(u.field());
        if (c instanceof Capability.BackgroundJob j) names.add(j.field());
        return names.contains(field);
    }

    static boolean mentionsRelation(Capability c, String relation) {
        if (c instanceof Capability.Vote v) return relation.equals(v.target()) || relation.equals(v.voter());
        if (c instanceof Capability.Ordering o) return relation.equals(o.parent());
        if (c instanceof Capability.Limit l) return relation.equals(l.parent());
        return false;
    }
}
