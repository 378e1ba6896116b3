package io.autonoma.agents.architecture.internal;

import io.autonoma.agents.naming.Naming;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Feature;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.util.List;
import java.util.stream.Collectors;

/** Logic-less view of an AppSpec for the documentation templates (markdown). */
public record DocsView(String name, String slug, String description, List<EntityView> entities, List<RelView> relations,
        List<String> notes, String features, List<String> userRelations, List<String> owned, List<String> shortCodes,
        List<String> counters, List<String> workflows, List<String> limits,
        List<String> orderings, List<String> votes, List<String> realtime, List<String> files, List<String> graphql,
        String graphqlExample, List<String> jobs) {

    /** Whether the server pushes some entity's writes to the browsers (the {@code realtime} capability). */
    public boolean hasRealtime() {
        return !realtime.isEmpty();
    }

    /** Whether some entity has background jobs (the {@code background_job} capability). */
    public boolean hasJobs() {
        return !jobs.isEmpty();
    }

    /** Whether some entity has a workflow (the {@code workflow} capability). */
    public boolean hasWorkflows() {
        return !workflows.isEmpty();
    }

    /** Whether some entity has a limit per parent (the {@code limit} capability). */
    public boolean hasLimits() {
        return !limits.isEmpty();
    }

    /** Whether some entity keeps its rows in order (the {@code ordering} capability). */
    public boolean hasOrderings() {
        return !orderings.isEmpty();
    }

    /** Whether some field holds an uploaded file (the {@code file_upload} capability). */
    public boolean hasFiles() {
        return !files.isEmpty();
    }

    /** Whether some entity keeps votes (the {@code vote} capability). */
    public boolean hasVotes() {
        return !votes.isEmpty();
    }

    /** Whether some entity keeps a counter (the {@code counter} capability). */
    public boolean hasCounters() {
        return !counters.isEmpty();
    }

    /** Whether some entity's rows get short codes from the server (the {@code short_code} capability). */
    public boolean hasShortCodes() {
        return !shortCodes.isEmpty();
    }

    /** Whether some entity's rows belong to their owner (the {@code ownership} capability). */
    public boolean hasOwnership() {
        return !owned.isEmpty();
    }

    /** Whether the app has the {@code graphql} feature; {@code graphql} then lists each resource's query fields. */
    public boolean hasGraphql() {
        return !graphql.isEmpty();
    }

    public boolean hasNotes() {
        return !notes.isEmpty();
    }

    /** Whether some relation points at the app's own users: the docs then describe the users table and directory. */
    public boolean hasUserRelations() {
        return !userRelations.isEmpty();
    }

    public static DocsView of(AppSpec spec) {
        boolean graphql = spec.features().contains(Feature.GRAPHQL);
        List<EntityView> entities = spec.entities().stream().map(e -> EntityView.of(e, spec)).toList();
        List<RelView> rels = spec.relations().stream().map(RelView::of).toList();
        List<String> userRelations = spec.relationGraph().toUsers().stream()
                .map(r -> RelView.of(r).description() + " (`" + r.name() + (r.kind() == RelationKind.MANY_TO_ONE ? "_id" : "_ids") + "`)")
                .toList();
        List<String> owned = spec.capabilities(Capability.Ownership.class).stream()
                .flatMap(o -> o.owner(spec).stream().map(r -> o.entity() + ": each row belongs to the user its `" + r.name()
                        + "_id` names"))
                .toList();
        return new DocsView(spec.name(), Naming.kebab(spec.name()), md(spec.description()), entities, rels,
                spec.notes().stream().map(DocsView::md).toList(),
                spec.features().stream().map(f -> f.json()).collect(Collectors.joining(", ")), userRelations, owned,
                spec.capabilities(Capability.ShortCode.class).stream().map(c -> c.entity() + ": each row gets a unique code from the"
                        + " server in `" + c.field() + "`" + (c.target() == null ? "" : "; `GET /r/" + Naming.pluralKebab(c.entity())
                        + "/<code>` redirects to its `" + c.target() + "` without signing in")).toList(),
                spec.capabilities(Capability.Counter.class).stream().map(c -> c.entity() + ".`" + c.field() + "` grows by "
                        + (c.sum() == null ? "one" : "the `" + c.sum() + "`") + (c.source() == null ? " per visit of its short link"
                        : " of each " + c.source() + " that points at it")).toList(),
                spec.capabilities(Capability.Workflow.class).stream().flatMap(w -> w.transitions().stream().map(t -> w.entity()
                        + ".`" + w.field() + "`: `" + t.action() + "` moves " + String.join(" or ", t.from()) + " to " + t.to()
                        + (t.roles().isEmpty() ? " (anyone signed in)" : " (" + String.join(", ", t.roles()) + ")"))).toList(),
                spec.capabilities(Capability.Limit.class).stream().map(l -> limit(spec, l)).toList(),
                spec.capabilities(Capability.Ordering.class).stream().map(o -> o.entity() + " rows keep their order in `" + o.field()
                        + "`" + o.parentRelation(spec).map(r -> " within their " + r.to() + " (`" + r.name() + "_id`); board page `/"
                        + Naming.pluralKebab(o.entity()) + "/board`").orElse("") + "; `POST /api/v1/" + Naming.pluralKebab(o.entity())
                        + "/{id}/move` moves one").toList(),
                spec.capabilities(Capability.Vote.class).stream().flatMap(v -> v.targetRelation(spec).stream().map(t -> vote(spec, v, t)))
                        .toList(),
                spec.capabilities(Capability.Realtime.class).stream().map(r -> r.entity() + ": each created, updated or deleted row"
                        + " is announced as `{\"type\": …, \"resource\": \"" + Naming.pluralKebab(r.entity()) + "\", \"id\": …}`"
                        + (spec.capabilities(Capability.Ownership.class).stream().anyMatch(o -> o.entity().equals(r.entity()))
                        ? " to its owner and the admins" : " to every signed-in user")).toList(),
                spec.capabilities(Capability.FileUpload.class).stream().map(f -> f.entity() + ".`" + f.field() + "`: "
                        + ("image".equals(f.accept()) ? "an image (PNG, JPEG, GIF or WebP)" : "any file") + "; POST `/api/v1/"
                        + Naming.pluralKebab(f.entity()) + "/{id}/" + Naming.kebab(f.field()) + "` (multipart, field `upload`) "
                        + "uploads it, GET downloads it").toList(),
                graphql ? spec.entities().stream().map(e -> e.name() + ": `" + Naming.pluralSnake(e.name()) + "(page, size, sort, q, "
                        + "filters)` and `" + Naming.snake(e.name()) + "(id)`").toList() : List.of(),
                graphql && !spec.entities().isEmpty() ? Naming.pluralSnake(spec.entities().get(0).name()) : null,
                spec.capabilities(Capability.BackgroundJob.class).stream().map(DocsView::job).toList());
    }

    /** One background job in a sentence: a reminder's date and window, or an export or import and its endpoint. */
    private static String job(Capability.BackgroundJob j) {
        String path = "/api/v1/" + Naming.pluralKebab(j.entity());
        return switch (j.kind()) {
            case "reminder" -> j.entity() + ": an e-mail reminder " + j.before() + " (ISO-8601 period) before `" + j.field()
                    + "`, to the row's owner (else the admins), once per row and date";
            case "export" -> j.entity() + ": CSV export of the rows the user who starts it may read (`POST " + path + "/export`)";
            default -> j.entity() + ": CSV import, one row per line through the create checks (`POST " + path + "/import`)";
        };
    }

    /** One vote capability in a sentence: who votes on what, and the tallies the target's reads carry. */
    private static String vote(AppSpec spec, Capability.Vote v, Relation target) {
        String count = "`" + Naming.snake(v.entity()) + "_count`";
        String tallies = v.value() == null ? count : count + " and `average_" + v.value() + "`";
        String how = !v.castable(spec) ? "through its own form"
                : "at `/api/v1/" + Naming.pluralKebab(target.to()) + "/{id}/" + Naming.kebab(v.entity()) + "`"
                        + ("rating".equals(v.kind()) ? " (POST `{\"value\": <score>}` again to change it, `null` to withdraw it)"
                        : " (POST `{\"voted\": true}`, `false` to withdraw it)");
        return v.entity() + ": one " + v.kind() + " per user and " + target.to() + " (`" + target.name() + "_id`, `" + v.voter()
                + "_id`), cast " + how + "; each " + target.to() + " shows " + tallies;
    }

    private static String limit(AppSpec spec, Capability.Limit l) {
        String parent = l.parentRelation(spec).map(r -> r.toUser() ? "user (`" + r.name() + "_id`)" : r.to() + " (`" + r.name() + "_id`)")
                .orElse(l.parent());
        String max = l.maxField() == null ? String.valueOf(l.max()) : "its `" + l.maxField() + "`";
        String states = l.stateField(spec).map(f -> ", counting those whose `" + f.name() + "` is " + l.states().stream()
                .map(s -> "`" + s + "`").collect(Collectors.joining(" or "))).orElse("");
        return "at most " + max + " " + l.entity() + " rows per " + parent + states;
    }

    /** Markdown-safe single line: no HTML, no line breaks, no table pipes. */
    static String md(String s) {
        if (s == null) return "";
        return s.replace("\r", " ").replace("\n", " ").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|").replace("`", "'").strip();
    }

    public record EntityView(String name, String table, String path, String label, List<FieldView> fields, String upper) {
        static EntityView of(Entity e, AppSpec spec) {
            List<FieldView> fields = new java.util.ArrayList<>(e.fields().stream().map(FieldView::of).toList());
            for (Relation r : spec.relationGraph().from(e.name())) {
                if (r.kind() == RelationKind.MANY_TO_ONE) {
                    String references = !r.toUser() ? "references " + r.to()
                            : "references one of the app's users (table `users`)" + (r.required() ? "; defaults to the current user" : "");
                    fields.add(new FieldView(r.name() + "_id", "integer", r.required() ? "yes" : "no", "no", references, "int"));
                }
            }
            return new EntityView(e.name(), Naming.pluralSnake(e.name()), "/api/v1/" + Naming.pluralKebab(e.name()),
                    Naming.label(e.name()), fields, Naming.snake(e.name()).toUpperCase(java.util.Locale.ROOT));
        }
    }

    public record FieldView(String name, String type, String required, String unique, String constraints, String mermaidType) {
        static FieldView of(Field f) {
            StringBuilder c = new StringBuilder();
            if (!f.enumValues().isEmpty()) c.append("one of ").append(String.join(", ", f.enumValues())).append("; ");
            if (f.min() != null) c.append("min ").append(f.min().toPlainString()).append("; ");
            if (f.max() != null) c.append("max ").append(f.max().toPlainString()).append("; ");
            if (f.maxLength() != null) c.append("max length ").append(f.maxLength()).append("; ");
            if (f.defaultValue() != null) c.append("default ").append(md(f.defaultValue())).append("; ");
            String cs = c.length() == 0 ? "" : c.substring(0, c.length() - 2);
            String mt = switch (f.type()) {
                case INTEGER -> "int";
                case DECIMAL -> "decimal";
                case BOOLEAN -> "boolean";
                case DATE -> "date";
                case DATETIME -> "datetime";
                case TIME -> "time";
                default -> "string";
            };
            return new FieldView(f.name(), f.type().json(), f.required() ? "yes" : "no", f.unique() ? "yes" : "no", cs, mt);
        }
    }

    public record RelView(String fromUpper, String toUpper, String name, String cardinality, String description) {
        static RelView of(Relation r) {
            boolean m2o = r.kind() == RelationKind.MANY_TO_ONE;
            String description;
            if (!r.toUser()) {
                description = m2o ? "each " + r.from() + " belongs to " + (r.required() ? "one " : "at most one ") + r.to()
                        : r.from() + " and " + r.to() + " are linked many-to-many";
            } else if (!m2o) {
                description = r.from() + " records are linked many-to-many to the app's users";
            } else if (r.required()) {
                description = "each " + r.from() + " names one of the app's users as " + Naming.label(r.name()).toLowerCase(java.util.Locale.ROOT)
                        + ": the user who creates it unless an admin names another";
            } else {
                description = "each " + r.from() + " may name one active user of the app as "
                        + Naming.label(r.name()).toLowerCase(java.util.Locale.ROOT);
            }
            return new RelView(Naming.snake(r.from()).toUpperCase(java.util.Locale.ROOT),
                    Naming.snake(r.to()).toUpperCase(java.util.Locale.ROOT), r.name(),
                    m2o ? (r.required() ? "}o--||" : "}o--o|") : "}o--o{", description);
        }
    }
}
