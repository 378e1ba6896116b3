package io.autonoma.agents.backend.internal;

import io.autonoma.agents.naming.Naming;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the background_job capability places: reminders (app/reminders.py) and CSV jobs (app/jobs.py, app/routers/background_jobs.py). */
final class Jobs {
    private Jobs() {}

    /**
     * A resource whose rows jobs export or import: {@code resource} is its path segment (and the jobs' resource),
     * {@code plural} names its routes' functions, {@code stage} the router function an import creates rows with.
     */
    record JobTable(String entity, String snake, String resource, String plural, boolean export, boolean importable,
            List<String> entry) {}

    /** The reminders, the CSV tables and the import lines of app/reminders.py and app/jobs.py. */
    record View(List<String> reminders, String reminderImports, List<JobTable> tables, String jobImports) {
        boolean any() { return !reminders.isEmpty() || !tables.isEmpty(); }
    }

    static View of(AppSpec spec) {
        List<Capability.BackgroundJob> jobs = spec.capabilities(Capability.BackgroundJob.class);
        PyImports reminderImports = new PyImports().add("app.config", "Settings").add("app.mailer", "Mailer", "message")
                .add("app.models.background_job", "SentReminder").add("app.models.user", "User");
        List<String> reminders = new ArrayList<>();
        Map<String, boolean[]> kinds = new LinkedHashMap<>();
        for (Capability.BackgroundJob j : jobs) {
            Optional<Entity> e = spec.entity(j.entity());
            if (e.isEmpty()) continue;
            String snake = Naming.snake(j.entity());
            if (j.kind().equals("reminder")) {
                reminderImports.add("app.models." + snake, j.entity());
                Period p = Period.parse(j.before());
                long days = p.toTotalMonths() * 30 + p.getDays();
                String owner = owner(spec, j.entity()).map(o -> Py.str(o)).orElse("None");
                String title = e.get().fields().stream().filter(f -> f.type() == FieldType.STRING).map(Field::name)
                        .findFirst().map(Py::str).orElse("None");
                reminders.add(Py.exploded(4, "Reminder(", List.of(Py.str(Naming.label(j.entity())),
                        Py.str(Naming.pluralKebab(j.entity())), j.entity(), Py.str(j.field()), "timedelta(days=" + days + ")",
                        owner, title), "),"));
            } else {
                boolean[] k = kinds.computeIfAbsent(j.entity(), x -> new boolean[2]);
                k[j.kind().equals("export") ? 0 : 1] = true;
            }
        }
        PyImports jobImports = new PyImports().add("app.config", "Settings").add("app.models.background_job", "BackgroundJob")
                .add("app.models.user", "User").add("app.read_cache", "ReadCache").add("app.rules", "RuleViolation")
                .add("app.security", "Principal");
        List<JobTable> tables = new ArrayList<>();
        kinds.forEach((entity, k) -> {
            String snake = Naming.snake(entity);
            String resource = Naming.pluralKebab(entity);
            jobImports.add("app.models." + snake, entity).add("app.schemas." + snake, entity + "Create")
                    .add("app.routers." + snake, "stage_" + snake);
            List<String> set = new ArrayList<>();
            if (k[0]) set.add(Py.str("export"));
            if (k[1]) set.add(Py.str("import"));
            String owner = spec.capabilities(Capability.Ownership.class).stream().anyMatch(o -> o.entity().equals(entity))
                    ? owner(spec, entity).map(Py::str).orElse("None") : "None";
            String entry = Py.str(resource) + ": " + Py.exploded(0, "Table(", List.of(Py.str(resource), entity,
                    entity + "Create", "stage_" + snake, owner, "frozenset({" + String.join(", ", set) + "})"), "),");
            tables.add(new JobTable(entity, snake, resource, Naming.pluralSnake(entity), k[0], k[1],
                    entry.lines().map(l -> "    " + l).toList()));
        });
        return new View(reminders, reminderImports.render(), tables, jobImports.render());
    }

    /** The foreign key naming the row's owner: its first required many-to-one relation to the users. */
    static Optional<String> owner(AppSpec spec, String entity) {
        return spec.relations().stream().filter(r -> r.from().equals(entity) && r.kind() == RelationKind.MANY_TO_ONE
                && r.toUser() && r.required()).map(Relation::name).findFirst().map(n -> n + "_id");
    }
}
