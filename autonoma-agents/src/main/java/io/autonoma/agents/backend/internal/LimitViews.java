package io.autonoma.agents.backend.internal;

import io.autonoma.agents.naming.Naming;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.Relation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the FastAPI pack places for the {@code limit} capability: {@code app/limits.py}, router hooks, {@code tests/test_limits.py}. */
final class LimitViews {
    private LimitViews() {}

    /**
     * One limit: at most {@code max} (or the parent's {@code maxField}) rows of {@code name} per parent, named by
     * {@code fk}; a parent {@code toUser} is the app's users. {@code constant} names its {@code Limit} in app/limits.py
     * ({@code definition}). With a {@code stateField}, rows in {@code counted} count and rows in {@code free} (if any
     * value is not counted) do not. {@code fill} and {@code race}: the limit the tests give the parent they fill.
     */
    record LimitView(String key, String constant, String definition, String name, String snake, String path, String fk,
            boolean toUser, String parent, String parentSnake, String parentPath, String parentLabel, String maxField,
            int fill, int race, String stateField, String counted, String free, String parentLine, String stateLine,
            String freeAction, String freeTarget, boolean byActions) {
        /** The requests the race test sends at once: 20 more than the limit lets through. */
        public int requests() { return race + 20; }
        public boolean hasParentEntity() { return !toUser; }
        /** Rows change state by PATCH: the test moves them in and out of the counted states itself. */
        public boolean hasFree() { return free != null && !byActions; }
        /** The state is a workflow's: an action ({@code freeAction}) takes a new row out of the counted states. */
        public boolean hasFreeAction() { return byActions && freeAction != null; }
    }

    static List<LimitView> of(AppSpec spec) {
        List<LimitView> out = new ArrayList<>();
        for (Capability.Limit l : spec.capabilities(Capability.Limit.class)) {
            Optional<Relation> parent = l.parentRelation(spec);
            if (parent.isEmpty()) continue;
            Relation r = parent.get();
            String key = Naming.snake(l.entity()) + "_per_" + r.name();
            String constant = key.toUpperCase(Locale.ROOT);
            String fk = r.name() + "_id";
            Optional<Field> state = l.stateField(spec);
            String noun = Naming.pluralLabel(l.entity()).toLowerCase(Locale.ROOT) + state.map(f -> " with "
                    + Naming.label(f.name()).toLowerCase(Locale.ROOT) + " " + String.join(" or ", l.states())).orElse("");
            String parentLabel = Naming.label(r.name());
            List<String> args = new ArrayList<>(List.of(l.entity(), Py.str(fk), r.toUser() ? AppSpec.USER_ENTITY : r.to(),
                    Py.str(parentLabel), Py.str(noun)));
            if (l.maxField() != null) {
                args.add("max_field=" + Py.str(l.maxField()));
            } else {
                args.add("maximum=" + l.max());
            }
            String counted = null;
            String free = null;
            // a workflow's state is the server's: new rows start in its initial state and only actions move them
            Optional<Capability.Workflow> flow = state.flatMap(f -> spec.capabilities(Capability.Workflow.class).stream()
                    .filter(w -> w.entity().equals(l.entity()) && w.field().equals(f.name())).findFirst());
            String freeAction = null;
            String freeTarget = null;
            if (state.isPresent()) {
                Field f = state.get();
                counted = l.states().get(0);
                free = f.enumValues().stream().filter(v -> !l.states().contains(v)).findFirst().orElse(null);
                args.add("state=" + Py.str(f.name()));
                args.add("states=" + Py.tuple(4, l.states().stream().map(Py::str).toList()));
                String initial = flow.map(w -> w.initial(spec)).orElse(f.defaultValue());
                if (initial != null) args.add("initial=" + Py.str(initial));
                if (flow.isPresent() && l.states().contains(initial)) {
                    Optional<Capability.Transition> leaving = flow.get().transitions().stream()
                            .filter(t -> t.from().contains(initial) && !l.states().contains(t.to())).findFirst();
                    freeAction = leaving.map(Capability.Transition::action).orElse(null);
                    freeTarget = leaving.map(Capability.Transition::to).orElse(null);
                }
            }
            String definition = Py.call(0, constant + " = Limit(", args, ")");
            int fill;
            int race;
            if (l.maxField() != null) {
                Field mf = spec.entity(r.to()).orElseThrow().fields().stream().filter(f -> f.name().equals(l.maxField()))
                        .findFirst().orElseThrow();
                int room = roomLeftByUserLimits(spec, l);
                fill = clamp(Math.min(2, room), mf);
                race = clamp(Math.min(5, room), mf);
            } else {
                fill = l.max();
                race = l.max();
            }
            String parentPath = r.toUser() ? null : "/api/v1/" + Naming.pluralKebab(r.to());
            String parentLine = l.maxField() == null ? null : "    payload[" + Py.str(l.maxField()) + "] = limit";
            String stateLine = state.map(f -> "    payload[" + Py.str(f.name()) + "] = " + Py.str(l.states().get(0))).orElse(null);
            out.add(new LimitView(key, constant, definition, l.entity(), Naming.snake(l.entity()),
                    "/api/v1/" + Naming.pluralKebab(l.entity()), fk, r.toUser(), r.toUser() ? null : r.to(),
                    r.toUser() ? null : Naming.snake(r.to()), parentPath, parentLabel, l.maxField(), fill, race,
                    state.map(Field::name).orElse(null), counted, free, parentLine, stateLine, freeAction, freeTarget,
                    flow.isPresent()));
        }
        return out;
    }

    /**
     * The most rows one user may hold in {@code l}'s counted states under the entity's other limits per user: the
     * tests of a limit per parent row make all their rows as one user, who must not reach a limit of their own first.
     */
    private static int roomLeftByUserLimits(AppSpec spec, Capability.Limit l) {
        int room = Integer.MAX_VALUE;
        for (Capability.Limit other : spec.capabilities(Capability.Limit.class)) {
            if (other == l || !other.entity().equals(l.entity()) || other.max() == null) continue;
            if (other.parentRelation(spec).map(Relation::toUser).orElse(false)) {
                room = Math.min(room, Math.max(1, other.max() - 1));
            }
        }
        return room;
    }

    private static int clamp(int value, Field f) {
        BigDecimal v = BigDecimal.valueOf(value);
        if (f.min() != null && v.compareTo(f.min()) < 0) v = f.min();
        if (f.max() != null && v.compareTo(f.max()) > 0) v = f.max();
        return v.intValue();
    }

    /** The router lines of {@code entity}: room is checked on create and on an update that moves a row into a limit. */
    static void hooks(AppSpec spec, String entity, PyImports imports, List<String> create, List<String> update) {
        for (LimitView l : of(spec)) {
            if (!l.name().equals(entity)) continue;
            imports.add("app.limits", "ensure_room", l.constant());
            create.add(Py.call(4, "await ensure_room(", List.of("session", l.constant(), "data"), ")"));
            update.add(Py.call(4, "await ensure_room(", List.of("session", l.constant(), "data", "obj"), ")"));
        }
    }

    /**
     * The sample value of a limit's state field in the generic tests, when it would count: a state that does not, so
     * that the generic tests (which make many rows as one user) never fill a parent.
     */
    static Optional<String> uncountedSample(AppSpec spec, Entity e, Field f, String sample) {
        for (LimitView l : of(spec)) {
            if (l.name().equals(e.name()) && f.name().equals(l.stateField()) && l.free() != null
                    && spec.capabilities(Capability.Limit.class).stream().anyMatch(c -> c.entity().equals(e.name())
                            && c.states().stream().map(Py::str).anyMatch(sample::equals))) {
                return Optional.of(Py.str(l.free()));
            }
        }
        return Optional.empty();
    }

    /** {@code app/limits.py}'s imports: the models it names. */
    static String moduleImports(AppSpec spec) {
        PyImports imports = new PyImports()
                .add("dataclasses", "dataclass")
                .add("typing", "Any")
                .add("fastapi", "HTTPException", "status")
                .add("sqlalchemy", "func", "select", "update")
                .add("sqlalchemy.ext.asyncio", "AsyncSession")
                .add("app.models.base", "Base");
        for (Capability.Limit l : spec.capabilities(Capability.Limit.class)) {
            imports.add("app.models." + Naming.snake(l.entity()), l.entity());
            l.parentRelation(spec).ifPresent(r -> imports.add(r.toUser() ? "app.models.user" : "app.models." + Naming.snake(r.to()),
                    r.toUser() ? AppSpec.USER_ENTITY : r.to()));
        }
        return imports.render();
    }

    /** {@code tests/test_limits.py}'s imports. */
    static String testImports(AppSpec spec) {
        PyImports imports = new PyImports()
                .addModule("asyncio")
                .add("typing", "Any")
                .addModule("pytest")
                .add("fastapi", "FastAPI")
                .add("httpx", "AsyncClient")
                .add("sqlalchemy", "func", "select")
                .add("tests", "resources");
        for (Capability.Limit l : spec.capabilities(Capability.Limit.class)) {
            imports.add("app.models." + Naming.snake(l.entity()), l.entity());
        }
        return imports.render();
    }
}
