package io.autonoma.agents.change.internal;

import io.autonoma.agents.analyst.internal.Inflector;
import io.autonoma.agents.naming.Naming;
import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.core.change.SpecChange;
import io.autonoma.core.change.SpecDelta;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecValidator;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of {@code OfflineChangeReader}: one request, clause by clause, into steps. */
public final class ChangeRules {
    /** Shown when a clause is not understood. */
    public static final String EXAMPLES = String.join("; ", List.of(
            "\"add comments to posts with a body and an author\"", "\"give tasks a due date\"",
            "\"add a priority (low, medium, high) to tasks\"", "\"rename customer phone to mobile\"", "\"rename posts to articles\"",
            "\"add 'archived' to the status values\"", "\"remove 'draft' from post status\"", "\"posts can be liked\"",
            "\"tasks update in real time\"", "\"remove the summary from posts\"", "\"drop the tags entity\"",
            "\"make the post title longer (500 characters)\"", "\"post titles are optional\""));
    private static final Pattern SPLIT = Pattern.compile(
            "(?i)(?<=[a-z0-9')\"])\\.\\s+|;\\s*|\\n+|,?\\s+and then\\s+|,?\\s+(?:and\\s+)?also\\s+(?=(?:add|rename|remove|drop|delete|give|make|let|email|notify|remind)\\b)"
                    + "|,?\\s+and\\s+(?=(?:add|rename|remove|drop|delete|give|make|let|email|notify|remind)\\b)");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'|\"([^\"]+)\"|‘([^’]+)’|“([^”]+)”");
    private static final Pattern PEOPLE = Pattern.compile(
            "(?i)(?:,\\s*|\\s+and\\s+|\\s+)?\\b(?:a|an|the|its|their)\\s+(author|writer|creator|owner|poster|commenter|reviewer|user|member|submitter|sender)\\b");
    private static final TemplatePacks PACKS = TemplatePacks.defaults();

    private final AppSpec base;
    /** Names of {@link #current}: a later clause names what an earlier one renamed or added. */
    private SpecNames names;
    private final List<SpecChange> steps = new ArrayList<>();
    private AppSpec current;

    private ChangeRules(AppSpec base) {
        this.base = base;
        this.names = new SpecNames(base);
        this.current = base;
    }

    public static SpecDelta read(AppSpec base, String request) {
        if (request == null || request.isBlank()) {
            throw new IllegalArgumentException("the change request is empty; say what to change, e.g. " + EXAMPLES);
        }
        ChangeRules rules = new ChangeRules(base);
        for (String clause : SPLIT.split(request.strip())) {
            String c = clause.strip().replaceAll("[.!]+$", "").strip();
            if (!c.isEmpty()) rules.clause(c);
        }
        SpecDelta delta = new SpecDelta(rules.steps);
        AppSpecValidator.Result result = PACKS.validate(delta.apply(base));
        if (!result.valid()) {
            throw new IllegalArgumentException("the change \"" + request.strip() + "\" would leave an invalid spec: "
                    + String.join("; ", result.problems()));
        }
        return delta;
    }

    private void clause(String clause) {
        List<SpecChange> found = understand(clause);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("could not read \"" + clause + "\" as a change to the app (entities: "
                    + names.entityNames() + "); the offline engine reads phrasings like " + EXAMPLES);
        }
        try {
            current = new SpecDelta(found).apply(current);
            names = new SpecNames(current);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + clause + "\": " + e.getMessage(), e);
        }
        steps.addAll(found);
    }

    private List<SpecChange> understand(String clause) {
        Matcher m;
        String lower = clause.toLowerCase(Locale.ROOT);
        if ((m = Pattern.compile("(?i)^rename\\s+(.+?)\\s+(?:to|as|into)\\s+(.+)$").matcher(clause)).matches()) {
            return rename(m.group(1), m.group(2));
        }
        List<String> quoted = quoted(clause);
        if (!quoted.isEmpty()) {
            if ((m = Pattern.compile("(?i)^(?:add|include)\\s+.+?\\s+(?:to|for|in)\\s+(.+)$").matcher(unquote(clause))).matches()) {
                return enumValues(m.group(1), quoted, true, clause);
            }
            if ((m = Pattern.compile("(?i)^(?:remove|drop|delete)\\s+.+?\\s+(?:from|of|in)\\s+(.+)$").matcher(unquote(clause))).matches()) {
                return enumValues(m.group(1), quoted, false, clause);
            }
            if ((m = Pattern.compile("(?i)^(.+?)\\s+can\\s+(?:also\\s+)?be\\s+.+$").matcher(unquote(clause))).matches()) {
                return enumValues(m.group(1), quoted, true, clause);
            }
        }
        if ((m = Pattern.compile("(?i)^(.+?)\\s+can\\s+also\\s+be\\s+([a-z][a-z ]*?)$").matcher(clause)).matches()) {
            return enumValues(m.group(1), List.of(m.group(2).split("\\s*(?:,|\\bor\\b)\\s*")), true, clause);
        }
        if ((m = Pattern.compile("(?i)^(?:remove|drop|delete|get rid of)\\s+(.+?)\\s+(?:from|of|on)\\s+(.+)$").matcher(clause)).matches()
                && names.entity(m.group(2)).isPresent()) {
            return removeFrom(names.requireEntity(m.group(2)), m.group(1), clause);
        }
        if ((m = Pattern.compile("(?i)^(?:remove|drop|delete|get rid of)\\s+(.+)$").matcher(clause)).matches()) {
            return remove(m.group(1), clause);
        }
        if ((m = Pattern.compile("(?i)^(.+?)\\s+(?:no longer|don't|do not|doesn't|does not|won't)\\s+(?:need|have|has|get|require|use)s?\\s+(.+)$")
                .matcher(clause)).matches()) {
            return removeFrom(names.requireEntity(m.group(1)), m.group(2), clause);
        }
        if ((m = Pattern.compile("(?i)^make\\s+(.+?)\\s+(optional|required|mandatory|unique|longer|shorter|up to|at most)\\b(.*)$")
                .matcher(clause)).matches()) {
            return constraint(m.group(1), m.group(2) + m.group(3), clause);
        }
        if ((m = Pattern.compile("(?i)^(.+?)\\s+(?:is|are|should be|become|becomes|must be)\\s+(optional|required|mandatory|unique|not required)$")
                .matcher(clause)).matches() && names.target(m.group(1)).isPresent()) {
            return constraint(m.group(1), m.group(2), clause);
        }
        if ((m = Pattern.compile("(?i)^(.+?)\\s+can be\\s+([a-z]+?)(e?d)$").matcher(clause)).matches() && names.entity(m.group(1)).isPresent()) {
            // "posts can be liked" is read as the analyst reads "users can like posts"
            String object = phrase(names.requireEntity(m.group(1)));
            for (String verb : new LinkedHashSet<>(List.of(m.group(2) + (m.group(3).equals("ed") ? "" : "e"), m.group(2),
                    m.group(2) + "e"))) {
                List<SpecChange> out = probe("Users can " + verb + " " + object + ".", clause);
                if (!out.isEmpty()) return out;
            }
            return List.of();
        }
        Optional<List<SpecChange>> add = addition(clause);
        if (add.isPresent()) return add.get();
        if ((m = Pattern.compile("(?i)^let\\s+(\\S+)\\s+(.+)$").matcher(clause)).matches()
                && !new SpecNames(current).mentioned(m.group(2)).isEmpty()) {
            return probe(capitalize(m.group(1)) + " can " + m.group(2) + ".", clause);
        }
        if (lower.startsWith("add ") || lower.startsWith("give ")) return List.of();
        // anything else is read as a sentence of a prompt, but only about the app's own entities
        if (new SpecNames(current).mentioned(clause).isEmpty()) return List.of();
        return probe(capitalize(clause) + ".", clause);
    }

    /** "add X to E (with F)", "give E X", "E have/get X (with F)": the analyst's reading of "E have X (with F)". */
    private Optional<List<SpecChange>> addition(String clause) {
        Matcher m = Pattern.compile("(?i)^(?:add|attach|include|put)\\s+(.+)$").matcher(clause);
        if (m.matches()) {
            String rest = m.group(1);
            Matcher to = Pattern.compile("(?i)\\s+(?:to|on|for|in)\\s+").matcher(rest);
            while (to.find()) {
                String thing = rest.substring(0, to.start());
                String tail = rest.substring(to.end());
                String[] parts = tail.split("(?i)\\s+(?=with\\b|that\\b|which\\b|having\\b)", 2);
                Optional<Entity> e = names.entity(parts[0]);
                if (e.isPresent()) return Optional.of(have(e.get(), thing + (parts.length > 1 ? " " + parts[1] : ""), clause));
            }
            return Optional.empty();
        }
        m = Pattern.compile("(?i)^give\\s+(.+)$").matcher(clause);
        if (m.matches()) {
            List<String> w = List.of(m.group(1).split("\\s+"));
            for (int i = Math.min(3, w.size() - 1); i >= 1; i--) {
                Optional<Entity> e = names.entity(String.join(" ", w.subList(0, i)));
                if (e.isPresent()) return Optional.of(have(e.get(), String.join(" ", w.subList(i, w.size())), clause));
            }
            return Optional.empty();
        }
        m = Pattern.compile("(?i)^(.+?)\\s+(?:also\\s+)?(?:get|gets|have|has|need|needs|should have|will have|can have|now have|now has)\\s+(.+)$")
                .matcher(clause);
        if (m.matches() && names.entity(m.group(1)).isPresent()) {
            return Optional.of(have(names.requireEntity(m.group(1)), m.group(2), clause));
        }
        return Optional.empty();
    }

    /** A field or entity asked for: behaviour the analyst would add to an existing entity for it is left out. */
    private List<SpecChange> have(Entity e, String what, String clause) {
        List<String> names = current.entities().stream().map(Entity::name).toList();
        return probe(capitalize(phrase(e)) + " have " + what.strip() + ".", clause).stream()
                .filter(c -> !(c instanceof SpecChange.AddCapability a && names.contains(a.capability().entity()))).toList();
    }

    /** The additions the analyst reads from {@code sentence}, people in "with" lists made relations to the user. */
    private List<SpecChange> probe(String sentence, String clause) {
        List<String> people = new ArrayList<>();
        String s = sentence;
        int with = s.toLowerCase(Locale.ROOT).indexOf(" with ");
        if (with >= 0) {
            String list = s.substring(with);
            Matcher p = PEOPLE.matcher(list);
            while (p.find()) people.add(p.group(1).toLowerCase(Locale.ROOT));
            list = PEOPLE.matcher(list).replaceAll("").replaceAll("(?i)\\s+with\\s*(?:,|and)?\\s*([.]?)$", "$1")
                    .replaceAll("(?i)with\\s+(?:,\\s*|and\\s+)", "with ");
            s = s.substring(0, with) + (list.isBlank() ? "." : list);
        }
        SpecNames now = new SpecNames(current);
        List<Entity> mentioned = now.mentioned(clause);
        List<SpecChange> out = AnalystProbe.additions(current, mentioned, s, clause, people);
        if (!out.isEmpty()) return out;
        // "a post's due date" that posts lack: say first that they have one, as a prompt would
        Matcher own = Pattern.compile("(?i)\\b([a-z]+(?:\\s+[a-z]+)?)(?:'s|s')\\s+([a-z]+(?:\\s+(?:date|time|day|at))?)\\b").matcher(clause);
        while (own.find()) {
            Optional<Entity> e = now.entity(own.group(1));
            if (e.isEmpty() && own.group(1).contains(" ")) e = now.entity(own.group(1).substring(own.group(1).indexOf(' ') + 1));
            if (e.isPresent() && now.field(e.get(), own.group(2)).isEmpty()) {
                String have = capitalize(phrase(e.get())) + " have a " + own.group(2).toLowerCase(Locale.ROOT) + ". ";
                out = AnalystProbe.additions(current, mentioned, have + s, clause, people);
                if (!out.isEmpty()) return out;
            }
        }
        return out;
    }

    private List<SpecChange> rename(String from, String to) {
        String target = to.strip().replaceAll("^['\"]|['\"]$", "");
        Optional<Entity> e = names.entity(from);
        SpecNames now = new SpecNames(current);
        if (e.isPresent() && now.entity(from).isPresent()) {
            String name = Inflector.pascal(singularWords(target));
            if (name.isEmpty()) return List.of();
            String old = now.entity(from).get().name();
            return List.of(new SpecChange.RenameEntity(old, name)); // apply renames it wherever the spec names it
        }
        SpecNames.Target t = now.target(from).orElseThrow(() -> new IllegalArgumentException("\"rename " + from + "\": no entity or field '"
                + from.strip() + "' in the spec; it has " + now.entityNames()));
        Field f = now.field(t.entity(), t.phrase()).orElseThrow(() -> unknownField(t.entity(), t.phrase()));
        String name = Inflector.snake(SpecNames.words(target));
        if (name.isEmpty()) return List.of();
        return List.of(new SpecChange.RenameField(t.entity().name(), f.name(), name));
    }

    private List<SpecChange> enumValues(String where, List<String> values, boolean add, String clause) {
        String w = where.replaceAll("(?i)\\b(values?|options?|states?|choices|list|statuses)\\s*$", "").strip();
        if (w.isEmpty()) w = "status";
        SpecNames now = new SpecNames(current);
        Entity entity;
        Field field;
        Optional<SpecNames.Target> t = now.target(w);
        Optional<Entity> whole = now.entity(w);
        if (whole.isPresent()) {
            entity = whole.get();
            List<Field> enums = entity.fields().stream().filter(f -> f.type() == FieldType.ENUM).toList();
            if (enums.isEmpty()) throw new IllegalArgumentException("\"" + clause + "\": " + entity.name() + " has no enum field; its fields are "
                    + SpecNames.fieldNames(entity));
            Optional<Field> status = enums.stream().filter(f -> current.capabilities(io.autonoma.core.spec.Capability.Workflow.class)
                    .stream().anyMatch(c -> c.entity().equals(entity.name()) && c.field().equals(f.name()))
                    || f.name().equals("status")).findFirst();
            if (enums.size() > 1 && status.isEmpty()) {
                throw new IllegalArgumentException("\"" + clause + "\": " + entity.name() + " has several enum fields ("
                        + String.join(", ", enums.stream().map(Field::name).toList()) + "); say which, e.g. \"add 'x' to "
                        + Naming.snake(entity.name()).replace('_', ' ') + " " + enums.get(0).name().replace('_', ' ') + "\"");
            }
            field = status.orElse(enums.get(0));
        } else if (t.isPresent() && now.field(t.get().entity(), t.get().phrase()).isPresent()) {
            entity = t.get().entity();
            field = now.field(entity, t.get().phrase()).get();
        } else {
            String fieldName = Inflector.snake(SpecNames.words(w));
            List<Entity> having = current.entities().stream().filter(e -> e.fields().stream()
                    .anyMatch(f -> f.name().equals(fieldName) && f.type() == FieldType.ENUM)).toList();
            if (having.isEmpty()) {
                throw new IllegalArgumentException("\"" + clause + "\": no enum field '" + fieldName + "' in the spec; enum fields: "
                        + String.join(", ", current.entities().stream().flatMap(e -> e.fields().stream()
                        .filter(f -> f.type() == FieldType.ENUM).map(f -> e.name() + "." + f.name())).toList()));
            }
            if (having.size() > 1) {
                throw new IllegalArgumentException("\"" + clause + "\": '" + fieldName + "' is a field of several entities ("
                        + String.join(", ", having.stream().map(Entity::name).toList()) + "); say which, e.g. \"add 'x' to "
                        + Naming.snake(having.get(0).name()).replace('_', ' ') + " " + fieldName.replace('_', ' ') + "\"");
            }
            entity = having.get(0);
            field = entity.fields().stream().filter(f -> f.name().equals(fieldName)).findFirst().orElseThrow();
        }
        if (field.type() != FieldType.ENUM) {
            throw new IllegalArgumentException("\"" + clause + "\": " + entity.name() + "." + field.name() + " is " + field.type().json()
                    + ", not an enum with values");
        }
        List<String> next = new ArrayList<>(field.enumValues());
        for (String v : values) {
            String value = Inflector.snake(List.of(v.strip()));
            if (value.isEmpty()) continue;
            if (add) {
                if (!next.contains(value)) next.add(value);
            } else if (!next.remove(value)) {
                throw new IllegalArgumentException("\"" + clause + "\": " + entity.name() + "." + field.name() + " has no value '" + value
                        + "'; its values are " + field.enumValues());
            }
        }
        if (next.isEmpty()) {
            throw new IllegalArgumentException("\"" + clause + "\": " + entity.name() + "." + field.name() + " would have no values left");
        }
        String def = field.defaultValue() != null && !next.contains(field.defaultValue()) ? next.get(0) : field.defaultValue();
        Field after = new Field(field.name(), field.type(), field.required(), field.unique(), def, next, field.maxLength(),
                field.min(), field.max(), field.description());
        if (after.equals(field)) {
            throw new IllegalArgumentException("\"" + clause + "\": " + entity.name() + "." + field.name() + " has those values already: "
                    + field.enumValues());
        }
        return List.of(new SpecChange.ChangeField(entity.name(), field, after));
    }

    private List<SpecChange> remove(String what, String clause) {
        SpecNames now = new SpecNames(current);
        Optional<Entity> e = now.entity(what);
        if (e.isPresent()) {
            String gone = e.get().name();
            List<SpecChange> out = new ArrayList<>();
            // capabilities of other entities that lean on a relation to it go with it
            current.relations().stream().filter(r -> r.to().equals(gone) && !r.from().equals(gone))
                    .forEach(r -> dependents(r).forEach(c -> addOnce(out, new SpecChange.RemoveCapability(c))));
            current.capabilities().stream().filter(c -> c instanceof io.autonoma.core.spec.Capability.Counter n && gone.equals(n.source()))
                    .forEach(c -> addOnce(out, new SpecChange.RemoveCapability(c)));
            out.add(new SpecChange.RemoveEntity(gone));
            return out;
        }
        Optional<SpecNames.Target> t = now.target(what);
        if (t.isPresent()) return removeFrom(t.get().entity(), t.get().phrase(), clause);
        throw new IllegalArgumentException("\"" + clause + "\": no entity or field '" + what.strip() + "' in the spec; it has "
                + now.entityNames());
    }

    private List<SpecChange> removeFrom(Entity entity, String what, String clause) {
        SpecNames now = new SpecNames(current);
        Entity e = now.entity(entity.name()).orElse(entity);
        Optional<Field> f = now.field(e, what);
        List<SpecChange> out = new ArrayList<>();
        if (f.isPresent()) {
            // a capability built on the field (a reminder on a due date, a workflow on a status) goes with it
            current.capabilities().stream().filter(c -> c.entity().equals(e.name()) && AnalystProbe.mentionsField(c, f.get().name()))
                    .forEach(c -> out.add(new SpecChange.RemoveCapability(c)));
            out.add(new SpecChange.RemoveField(e.name(), f.get().name()));
            return out;
        }
        Optional<Relation> r = now.relation(e, what);
        if (r.isPresent()) {
            dependents(r.get()).forEach(c -> out.add(new SpecChange.RemoveCapability(c)));
            out.add(new SpecChange.RemoveRelation(r.get()));
            return out;
        }
        throw unknownField(e, what);
    }

    /** The capabilities that need relation {@code r}: they name it, count through it, or take it as the owner. */
    private List<io.autonoma.core.spec.Capability> dependents(Relation r) {
        List<io.autonoma.core.spec.Capability> out = new ArrayList<>();
        for (io.autonoma.core.spec.Capability c : current.capabilities()) {
            boolean named = c.entity().equals(r.from()) && AnalystProbe.mentionsRelation(c, r.name());
            boolean counted = c instanceof io.autonoma.core.spec.Capability.Counter n && r.from().equals(n.source())
                    && r.to().equals(n.entity());
            boolean owner = c instanceof io.autonoma.core.spec.Capability.Ownership o
                    && o.owner(current.relations()).map(r::equals).orElse(false);
            if (named || counted || owner) out.add(c);
        }
        return out;
    }

    private static void addOnce(List<SpecChange> steps, SpecChange step) {
        if (!steps.contains(step)) steps.add(step);
    }

    private List<SpecChange> constraint(String where, String how, String clause) {
        SpecNames now = new SpecNames(current);
        SpecNames.Target t = now.target(where).orElseThrow(() -> new IllegalArgumentException("\"" + clause + "\": no entity named in '"
                + where.strip() + "'; the spec has " + now.entityNames()));
        Field f = now.field(t.entity(), t.phrase()).orElseThrow(() -> unknownField(t.entity(), t.phrase()));
        String h = how.toLowerCase(Locale.ROOT);
        Field.Builder b = Field.builder(f.name(), f.type()).required(f.required()).unique(f.unique()).defaultValue(f.defaultValue())
                .enumValues(f.enumValues()).maxLength(f.maxLength()).description(f.description());
        b.min(f.min()).max(f.max());
        if (h.startsWith("optional") || h.startsWith("not required")) {
            b.required(false);
        } else if (h.startsWith("required") || h.startsWith("mandatory")) {
            b.required(true);
        } else if (h.startsWith("unique")) {
            b.unique(true);
        } else {
            Matcher n = Pattern.compile("(\\d[\\d,]*)").matcher(h);
            if (!n.find()) {
                throw new IllegalArgumentException("\"" + clause + "\": say how many characters, e.g. \"make the "
                        + Naming.snake(t.entity().name()).replace('_', ' ') + " " + f.name().replace('_', ' ') + " longer (500 characters)\"");
            }
            if (f.type() != FieldType.STRING && f.type() != FieldType.TEXT && f.type() != FieldType.URL && f.type() != FieldType.EMAIL
                    && f.type() != FieldType.PHONE) {
                throw new IllegalArgumentException("\"" + clause + "\": " + t.entity().name() + "." + f.name() + " is "
                        + f.type().json() + "; only text fields have a length");
            }
            b.maxLength(Integer.parseInt(n.group(1).replace(",", "")));
        }
        Field after = b.build();
        if (after.equals(f)) {
            throw new IllegalArgumentException("\"" + clause + "\": " + t.entity().name() + "." + f.name() + " is " + how.strip()
                    + " already");
        }
        return List.of(new SpecChange.ChangeField(t.entity().name(), f, after));
    }

    private static IllegalArgumentException unknownField(Entity e, String phrase) {
        return new IllegalArgumentException(e.name() + " has no field or relation '" + phrase.strip() + "'; its fields are "
                + SpecNames.fieldNames(e));
    }

    private static List<String> quoted(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(s);
        while (m.find()) {
            for (int g = 1; g <= 4; g++) {
                if (m.group(g) != null) out.add(m.group(g));
            }
        }
        return out;
    }

    private static String unquote(String s) {
        return QUOTED.matcher(s).replaceAll("VALUE");
    }

    private static List<String> singularWords(String phrase) {
        List<String> w = new ArrayList<>(SpecNames.words(phrase));
        if (!w.isEmpty()) w.set(w.size() - 1, Inflector.singular(w.get(w.size() - 1)));
        return w;
    }

    /** "PurchaseOrder" → "purchase orders". */
    private static String phrase(Entity e) {
        return String.join(" ", Naming.words(Naming.pluralSnake(Naming.snake(e.name()))));
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
