package io.autonoma.core.spec;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks of {@link AppSpec#capabilities()} for {@link AppSpecValidator}: every name a capability uses must exist. */
final class CapabilityChecks {
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Set<String> BUILT_IN_ROLES = Set.of("admin", "user");
    private static final Set<String> VOTE_KINDS = Set.of("like", "upvote", "rating");
    private static final Set<String> ACCEPTS = Set.of("image", "any");
    private static final Set<String> JOB_KINDS = Set.of("reminder", "export", "import");

    private CapabilityChecks() {}

    static void check(AppSpec spec, List<String> p) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.capabilities().size(); i++) {
            Capability c = spec.capabilities().get(i);
            String at = "capabilities[" + i + "]";
            if (c == null) {
                p.add(at + ": is null");
                continue;
            }
            Optional<Entity> entity = c.entity() == null ? Optional.empty() : spec.entity(c.entity());
            if (entity.isEmpty()) {
                p.add(at + ".entity: unknown entity '" + c.entity() + "'; a capability applies to a declared entity");
                continue;
            }
            Entity e = entity.get();
            String key = c.type().json() + ":" + c.entity() + ":" + discriminator(c);
            if (!seen.add(key)) {
                p.add(at + ": duplicate " + c.type().json() + " capability for " + c.entity());
            }
            Check k = new Check(spec, e, at, p);
            if (c instanceof Capability.Ownership o) {
                if (o.owner(spec).isEmpty()) {
                    p.add(at + ": ownership of " + e.name() + " needs a required many-to-one relation from " + e.name()
                            + " to User that names each row's owner; add one to relations, e.g. {\"from\": \"" + e.name()
                            + "\", \"to\": \"User\", \"kind\": \"many_to_one\", \"name\": \"owner\", \"required\": true}");
                }
            } else if (c instanceof Capability.Workflow w) {
                workflow(k, w);
            } else if (c instanceof Capability.Vote v) {
                vote(k, v);
            } else if (c instanceof Capability.Ordering o) {
                k.field("field", o.field(), FieldType.INTEGER);
                if (o.parent() != null) k.manyToOne("parent", o.parent(), false);
            } else if (c instanceof Capability.ShortCode s) {
                k.field("field", s.field(), FieldType.STRING);
                if (s.target() != null) k.field("target", s.target(), FieldType.URL);
            } else if (c instanceof Capability.Counter n) {
                counter(k, n);
            } else if (c instanceof Capability.Limit l) {
                limit(k, l);
            } else if (c instanceof Capability.FileUpload f) {
                k.field("field", f.field(), FieldType.STRING, FieldType.URL);
                if (f.accept() == null || !ACCEPTS.contains(f.accept())) {
                    p.add(at + ".accept: '" + f.accept() + "' must be one of " + ACCEPTS);
                }
            } else if (c instanceof Capability.BackgroundJob b) {
                job(k, b);
            }
        }
    }

    private static String discriminator(Capability c) {
        if (c instanceof Capability.Workflow w) return w.field();
        if (c instanceof Capability.Ordering o) return o.field();
        if (c instanceof Capability.ShortCode s) return s.field();
        if (c instanceof Capability.Counter n) return n.field();
        if (c instanceof Capability.Limit l) return l.parent();
        if (c instanceof Capability.FileUpload f) return f.field();
        if (c instanceof Capability.BackgroundJob b) return b.kind() + ":" + b.field();
        return "";
    }

    private static void workflow(Check k, Capability.Workflow w) {
        Optional<Field> field = k.field("field", w.field(), FieldType.ENUM);
        if (w.transitions().isEmpty()) {
            k.problem("transitions", "a workflow needs at least one transition, e.g. {\"action\": \"approve\", "
                    + "\"from\": [\"pending\"], \"to\": \"approved\"}");
        }
        List<String> states = field.map(Field::enumValues).orElse(List.of());
        Set<String> roles = new HashSet<>(BUILT_IN_ROLES);
        k.spec.roles().forEach(r -> roles.add(r.name()));
        Set<String> actions = new HashSet<>();
        for (int t = 0; t < w.transitions().size(); t++) {
            Capability.Transition tr = w.transitions().get(t);
            String at = "transitions[" + t + "]";
            if (tr == null) {
                k.problem(at, "is null");
                continue;
            }
            if (tr.action() == null || !SNAKE.matcher(tr.action()).matches()) {
                k.problem(at + ".action", "'" + tr.action() + "' must be a snake_case verb such as approve");
            } else if (!actions.add(tr.action())) {
                k.problem(at + ".action", "duplicate action '" + tr.action() + "'");
            }
            if (tr.from().isEmpty()) {
                k.problem(at + ".from", "name the states the action starts from");
            }
            if (field.isPresent()) {
                for (int f = 0; f < tr.from().size(); f++) {
                    if (!states.contains(tr.from().get(f))) {
                        k.problem(at + ".from[" + f + "]", "'" + tr.from().get(f) + "' is not a state of " + w.field() + " " + states);
                    }
                }
                if (!states.contains(tr.to())) {
                    k.problem(at + ".to", "'" + tr.to() + "' is not a state of " + w.field() + " " + states);
                }
            }
            for (int r = 0; r < tr.roles().size(); r++) {
                if (!roles.contains(tr.roles().get(r))) {
                    k.problem(at + ".roles[" + r + "]", "unknown role '" + tr.roles().get(r) + "'; declare it in roles");
                }
            }
        }
    }

    private static void vote(Check k, Capability.Vote v) {
        k.manyToOne("target", v.target(), false);
        k.manyToOne("voter", v.voter(), true);
        if (v.kind() == null || !VOTE_KINDS.contains(v.kind())) {
            k.problem("kind", "'" + v.kind() + "' must be one of " + VOTE_KINDS);
        } else if (v.kind().equals("rating")) {
            k.field("value", v.value(), FieldType.INTEGER);
        } else if (v.value() != null) {
            k.problem("value", "only a rating keeps a value; remove it or use kind rating");
        }
    }

    private static void counter(Check k, Capability.Counter n) {
        k.field("field", n.field(), FieldType.INTEGER, FieldType.DECIMAL);
        if (n.source() == null) {
            if (n.sum() != null) k.problem("sum", "a sum needs a source entity whose rows add to the counter");
            return;
        }
        Optional<Entity> source = k.spec.entity(n.source());
        if (source.isEmpty()) {
            k.problem("source", "unknown entity '" + n.source() + "'");
            return;
        }
        if (n.link(k.spec).isEmpty()) {
            k.problem("source", n.source() + " has no many-to-one relation to " + k.entity.name() + " whose new rows could count");
        }
        if (n.sum() != null) {
            new Check(k.spec, source.get(), k.at, k.p).field("sum", n.sum(), FieldType.INTEGER, FieldType.DECIMAL);
        }
    }

    private static void limit(Check k, Capability.Limit l) {
        Optional<Relation> parent = k.manyToOne("parent", l.parent(), null);
        if ((l.max() == null) == (l.maxField() == null)) {
            k.problem("max", "give either a fixed max or a maxField of the parent, not both or neither");
        }
        if (l.max() != null && l.max() < 1) {
            k.problem("max", "must be at least 1");
        }
        if (l.maxField() != null && parent.isPresent()) {
            Optional<Entity> target = k.spec.entity(parent.get().to());
            if (target.isEmpty()) {
                k.problem("maxField", "the parent is the app's users, which have no fields; use a fixed max");
            } else {
                new Check(k.spec, target.get(), k.at, k.p).field("maxField", l.maxField(), FieldType.INTEGER);
            }
        }
        if (!l.states().isEmpty()) {
            Optional<Field> field = l.stateField(k.spec);
            List<Field> enums = k.entity.fields().stream().filter(f -> f != null && f.type() == FieldType.ENUM).toList();
            if (field.isEmpty() && enums.isEmpty()) {
                k.problem("states", "counting only some states needs an enum field (a status) on " + k.entity.name()
                        + "; add one or remove states");
            }
            // the states are values of the workflow's field, or all of one enum field
            List<Field> candidates = field.map(List::of).orElse(enums);
            String values = String.join(" or ", candidates.stream().map(f -> f.name() + " " + f.enumValues()).toList());
            boolean reported = false;
            for (int s = 0; s < l.states().size(); s++) {
                String state = l.states().get(s);
                if (!enums.isEmpty() && candidates.stream().noneMatch(f -> f.enumValues().contains(state))) {
                    k.problem("states[" + s + "]", "'" + state + "' is not a value of " + values);
                    reported = true;
                }
            }
            if (field.isEmpty() && !enums.isEmpty() && !reported) {
                k.problem("states", "the states must all be values of one enum field of " + k.entity.name() + ": " + values);
            }
        }
    }

    private static void job(Check k, Capability.BackgroundJob b) {
        if (b.kind() == null || !JOB_KINDS.contains(b.kind())) {
            k.problem("kind", "'" + b.kind() + "' must be one of " + JOB_KINDS);
            return;
        }
        if (b.kind().equals("reminder")) {
            k.field("field", b.field(), FieldType.DATE, FieldType.DATETIME);
            try {
                if (b.before() == null || Period.parse(b.before()).isNegative()) {
                    k.problem("before", "'" + b.before() + "' must be an ISO-8601 period such as P3D");
                }
            } catch (DateTimeParseException e) {
                k.problem("before", "'" + b.before() + "' must be an ISO-8601 period such as P3D");
            }
        } else if (b.field() != null || b.before() != null) {
            k.problem("kind", b.kind() + " takes no field or before");
        }
    }

    /** Checks of one capability against its entity, reporting under its path. */
    private record Check(AppSpec spec, Entity entity, String at, List<String> p) {
        void problem(String param, String message) {
            p.add(at + "." + param + ": " + message);
        }

        Optional<Field> field(String param, String name, FieldType... types) {
            if (name == null) {
                problem(param, "is required: name a field of " + entity.name());
                return Optional.empty();
            }
            Optional<Field> f = entity.fields().stream().filter(x -> x != null && name.equals(x.name())).findFirst();
            if (f.isEmpty()) {
                problem(param, "unknown field '" + name + "' of " + entity.name());
            } else if (types.length > 0 && !List.of(types).contains(f.get().type())) {
                problem(param, "field '" + name + "' of " + entity.name() + " is " + f.get().type().json() + "; it must be "
                        + String.join(" or ", List.of(types).stream().map(FieldType::json).toList()));
            }
            return f;
        }

        /** A many-to-one relation of the entity; {@code toUser} true: must point at User, false: must not, null: either. */
        Optional<Relation> manyToOne(String param, String name, Boolean toUser) {
            if (name == null) {
                problem(param, "is required: name a many-to-one relation of " + entity.name());
                return Optional.empty();
            }
            Optional<Relation> r = spec.relations().stream().filter(x -> x != null && entity.name().equals(x.from())
                    && name.equals(x.name())).findFirst();
            if (r.isEmpty() || r.get().kind() != RelationKind.MANY_TO_ONE) {
                problem(param, "'" + name + "' is not a many-to-one relation of " + entity.name());
                return Optional.empty();
            }
            boolean user = AppSpec.USER_ENTITY.equals(r.get().to());
            if (toUser != null && toUser && !user) {
                problem(param, "relation '" + name + "' must point at " + AppSpec.USER_ENTITY);
            } else if (toUser != null && !toUser && user) {
                problem(param, "relation '" + name + "' must point at a declared entity, not " + AppSpec.USER_ENTITY);
            }
            return r;
        }
    }
}
