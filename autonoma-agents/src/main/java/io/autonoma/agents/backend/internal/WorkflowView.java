package io.autonoma.agents.backend.internal;

import io.autonoma.agents.naming.Naming;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.Relation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One workflow capability as the FastAPI pack places it: the actions router
 * ({@code app/routers/<entity>_actions.py}), the history model ({@code app/models/<entity>_transition.py}) and the
 * tests of every declared transition, each reached from the initial state by the shortest run of actions.
 */
public record WorkflowView(
        String name,
        String snake,
        String pluralSnake,
        String path,
        String idName,
        String idPath,
        String field,
        String initial,
        String other,
        String transitionClass,
        String transitionTablePy,
        String entityTablePy,
        List<String> actionMembers,
        List<String> stepLines,
        String routerImports,
        String ownerCheck,
        List<String> limitChecks,
        List<StepTest> stepTests,
        StepTest race,
        String actionEnum,
        String publishLine) {

    /**
     * A test of one transition: {@code walkLines} take the actions that lead from the initial state to {@code source};
     * {@code repeatIllegal} when the action cannot be taken again from where it leads, {@code allowedAfter} the actions an
     * admin may take then (as the 409 names them); {@code guardRole} a role to grant a plain user, or {@code userRefused} when
     * only admins may act.
     */
    public record StepTest(String action, String source, String target, String slug, List<String> walkLines, int historyLength,
            boolean repeatIllegal, String allowedAfter, String guardRole, boolean userRefused) {}

    static List<WorkflowView> of(AppSpec spec) {
        List<WorkflowView> out = new ArrayList<>();
        for (Capability.Workflow w : spec.capabilities(Capability.Workflow.class)) {
            out.add(of(spec, w));
        }
        return out;
    }

    private static Field stateField(AppSpec spec, Capability.Workflow w) {
        return spec.entity(w.entity()).orElseThrow().fields().stream().filter(f -> f.name().equals(w.field())).findFirst().orElseThrow();
    }

    private static WorkflowView of(AppSpec spec, Capability.Workflow w) {
        String name = w.entity();
        String snake = Naming.snake(name);
        String initial = w.initial(spec);
        List<String> states = stateField(spec, w).enumValues();
        String other = states.stream().filter(s -> !s.equals(initial)).findFirst().orElse(initial);

        List<String> members = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (Capability.Transition t : w.transitions()) {
            members.add("    " + t.action().toUpperCase(Locale.ROOT) + " = " + Py.str(t.action()));
            List<String> args = List.of(Py.tuple(8, t.from().stream().map(Py::str).toList()), Py.str(t.to()),
                    Py.tuple(8, t.roles().stream().map(Py::str).toList()));
            steps.add(Py.call(4, Py.str(t.action()) + ": Step(", args, "),"));
        }

        String idName = snake + "_id";
        Optional<Relation> owner = spec.capabilities(Capability.Ownership.class).stream().filter(o -> o.entity().equals(name))
                .findFirst().flatMap(o -> o.owner(spec));
        String ownerCheck = owner.map(r -> Py.call(4, "ensure_owner(", List.of("user", "obj." + r.name() + "_id", "_LABEL",
                idName), ")")).orElse(null);
        String transitionClass = name + "Transition";
        PyImports ri = new PyImports()
                .add("enum", "StrEnum")
                .add("typing", "Annotated")
                .add("fastapi", "APIRouter", "Path")
                .add("sqlalchemy", "select", "update")
                .add("app.crud", "get_or_404")
                .add("app.deps", "CurrentUser", "DbSession", "ReadCacheDep")
                .add("app.models." + snake, name)
                .add("app.models." + snake + "_transition", transitionClass)
                .add("app.models.user", "User")
                .add("app.schemas.common", "ERROR_RESPONSES")
                .add("app.schemas." + snake, name + "Read")
                .add("app.schemas.types", "MAX_INT")
                .add("app.workflow", "Step", "TransitionRead", "actor_name", "allowed_actions", "forbidden",
                        "not_allowed");
        if (owner.isPresent()) ri.add("app.user_refs", "ensure_owner");
        // an action that moves a row into a state a limit counts needs room under the row's parent
        List<String> limitChecks = new ArrayList<>();
        for (LimitViews.LimitView l : LimitViews.of(spec)) {
            if (!l.name().equals(name)) continue;
            ri.add("app.limits", "ensure_room", l.constant());
            limitChecks.add(Py.call(4, "await ensure_room(", List.of("session", l.constant(),
                    "{" + Py.str(w.field()) + ": step.target}", "obj"), ")"));
        }

        // a real-time entity's move is an update event, published after the commit
        String publishLine = null;
        if (spec.capabilities(Capability.Realtime.class).stream().anyMatch(c -> c.entity().equals(name))) {
            ri.add("app.realtime", "Event", "EventHubDep");
            List<String> args = new ArrayList<>(List.of("\"updated\"", Py.str(Naming.pluralKebab(name)), "obj.id"));
            owner.ifPresent(r -> args.add("obj." + r.name() + "_id"));
            publishLine = Py.call(4, "await events.publish(Event(", args, "))");
        }
        List<StepTest> tests = stepTests(w, initial);
        return new WorkflowView(name, snake, Naming.pluralSnake(name), "/api/v1/" + Naming.pluralKebab(name), idName, "/{" + idName + "}", w.field(),
                initial, other, transitionClass, Py.str(transitionTable(name)), Py.str(BackendView.table(name)), members, steps,
                ri.render(), ownerCheck, limitChecks, tests, tests.stream().filter(StepTest::repeatIllegal).findFirst().orElse(null),
                name + "Action", publishLine);
    }

    static String transitionTable(String entity) {
        return Py.bounded(Naming.snake(entity) + "_transitions");
    }

    /** The shortest run of actions from {@code initial} to each state an admin can reach. */
    private static Map<String, List<String>> paths(Capability.Workflow w, String initial) {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        paths.put(initial, List.of());
        Deque<String> queue = new ArrayDeque<>(List.of(initial));
        while (!queue.isEmpty()) {
            String state = queue.removeFirst();
            for (Capability.Transition t : w.transitions()) {
                if (!t.from().contains(state) || paths.containsKey(t.to())) continue;
                List<String> next = new ArrayList<>(paths.get(state));
                next.add(t.action());
                paths.put(t.to(), next);
                queue.addLast(t.to());
            }
        }
        return paths;
    }

    private static List<StepTest> stepTests(Capability.Workflow w, String initial) {
        Map<String, List<String>> paths = paths(w, initial);
        List<StepTest> out = new ArrayList<>();
        for (Capability.Transition t : w.transitions()) {
            Optional<String> source = t.from().stream().filter(paths::containsKey)
                    .min(java.util.Comparator.comparingInt(s -> paths.get(s).size()));
            if (source.isEmpty()) continue;
            List<String> before = paths.get(source.get());
            List<String> allowedAfter = w.transitions().stream().filter(o -> o.from().contains(t.to())).map(Capability.Transition::action).toList();
            Optional<String> appRole = t.roles().stream().filter(r -> !r.equals("admin") && !r.equals("user")).findFirst();
            boolean anyone = t.roles().isEmpty() || t.roles().contains("user");
            out.add(new StepTest(t.action(), source.get(), t.to(), slug(t.action() + "_from_" + source.get()),
                    before.stream().map(a -> "    await walk(client, admin_headers, url, " + Py.str(a) + ")").toList(), before.size() + 1,
                    !t.from().contains(t.to()), allowedAfter.isEmpty() ? "none" : String.join(", ", allowedAfter),
                    anyone ? null : appRole.orElse(null), !anyone && appRole.isEmpty()));
        }
        return out;
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** The history table as the initial migration creates it. */
    BackendView.TableView table() {
        String table = transitionTable(name);
        String fk = snake + "_id";
        List<String> cols = new ArrayList<>();
        cols.add(Py.call(8, "sa.Column(", List.of("\"id\"", "sa.Integer()", "nullable=False"), "),"));
        cols.add(Py.call(8, "sa.Column(", List.of(Py.str(fk), "sa.Integer()", "nullable=False"), "),"));
        for (String c : List.of("action", "from_state", "to_state")) {
            cols.add(Py.call(8, "sa.Column(", List.of(Py.str(c), "sa.String(length=64)", "nullable=False"), "),"));
        }
        cols.add(Py.call(8, "sa.Column(", List.of("\"actor_id\"", "sa.Integer()", "nullable=True"), "),"));
        cols.add(Py.call(8, "sa.Column(", List.of("\"created_at\"", "sa.DateTime(timezone=True)", "nullable=False"), "),"));
        cols.add(Py.call(8, "sa.Column(", List.of("\"updated_at\"", "sa.DateTime(timezone=True)", "nullable=False"), "),"));
        List<String> cons = List.of(BackendView.fk(table, fk, BackendView.table(name), "CASCADE"),
                BackendView.fk(table, "actor_id", "users", "SET NULL"),
                Py.call(8, "sa.PrimaryKeyConstraint(", List.of("\"id\"", "name=" + Py.str(Py.bounded("pk_" + table))), "),"));
        return new BackendView.TableView(Py.str(table), cols, cons,
                List.of(BackendView.index(table, "actor_id"), BackendView.index(table, fk)));
    }
}
