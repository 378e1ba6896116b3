package io.autonoma.agents.frontend.internal;

import io.autonoma.agents.naming.Naming;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds the {@link FrontendView} of an {@link AppSpec}: every decision about types, validation,
 * inputs and escaping is made here so the templates stay logic-less. Deterministic.
 */
public final class FrontendViews {
    /** Columns shown in a list page besides the id and many-to-one relations. */
    static final int MAX_LIST_COLUMNS = 6;
    /** The users directory client in {@code src/lib/api.ts} (only when some relation points at users). */
    static final String USERS_API = "usersApi";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2})?");

    private FrontendViews() {}

    public static FrontendView of(AppSpec spec) {
        Set<String> entityNames = new HashSet<>();
        spec.entities().forEach(e -> entityNames.add(e.name()));
        List<EntityView> entities = new ArrayList<>();
        for (Entity e : spec.entities()) {
            entities.add(entity(spec, e, entityNames));
        }
        String description = spec.description() == null ? "" : spec.description().strip();
        return new FrontendView(spec.name(), Ts.string(spec.name()), Ts.string(description),
                description.replaceAll("\\s+", " "), Naming.kebab(spec.name()) + "-frontend", entities,
                E2ePlan.json(spec), logoInitials(spec.name()),
                spec.relationGraph().hasUserRelations(), rolesLiteral(spec),
                E2ePlan.anyLimitStep(spec), boards(spec), realtimeLiteral(spec));
    }

    /** The query keys of the real-time resources as a TS array, or null when the app has none. */
    static String realtimeLiteral(AppSpec spec) {
        List<String> keys = spec.capabilities(Capability.Realtime.class).stream().map(c -> Ts.string(route(c.entity())))
                .distinct().toList();
        return keys.isEmpty() ? null : "[" + String.join(", ", keys) + "]";
    }

    /** The boards: one per entity ordered within a parent (the ordering capability with a parent). */
    static List<BoardView> boards(AppSpec spec) {
        List<BoardView> out = new ArrayList<>();
        for (Capability.Ordering o : spec.capabilities(Capability.Ordering.class)) {
            BoardView b = board(spec, o.entity());
            if (b != null) out.add(b);
        }
        return out;
    }

    /** The board of {@code entity}, or null when its rows are not ordered within a parent. */
    static BoardView board(AppSpec spec, String entity) {
        for (Capability.Ordering o : spec.capabilities(Capability.Ordering.class)) {
            Relation parent = o.entity().equals(entity) ? o.parentRelation(spec).orElse(null) : null;
            if (parent == null) continue;
            String parentSort = spec.capabilities(Capability.Ordering.class).stream().filter(p -> p.entity().equals(parent.to()))
                    .findFirst().map(Capability.Ordering::field).orElse("id");
            return new BoardView(entity, Naming.camel(entity), Naming.kebab(entity), route(entity), parent.to(), Naming.camel(parent.to()),
                    Naming.kebab(parent.to()), route(parent.to()), parent.name() + "_id", o.field(), parentSort);
        }
        return null;
    }

    /**
     * The brand mark's text: the first letter or digit of the app name's first two words, upper case
     * ({@code "Sales CRM"} → {@code "SC"}, {@code "inventory"} → {@code "I"}). Only {@code [A-Z0-9]}, so the
     * text needs no escaping in the SVG; {@code "A"} if the name has no such character.
     */
    static String logoInitials(String appName) {
        StringBuilder out = new StringBuilder(2);
        for (String word : (appName == null ? "" : appName).split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty() && out.length() < 2) {
                out.append(Character.toUpperCase(word.charAt(0)));
            }
        }
        return out.length() == 0 ? "A" : out.toString();
    }

    /** Backend's default maximum length of a string-like field without {@code maxLength}. */
    static int maxLength(Field f) {
        if (f.maxLength() != null) {
            return f.maxLength();
        }
        return switch (f.type()) {
            case STRING -> 255;
            case EMAIL -> 320;
            case URL -> 2048;
            case PHONE -> 32;
            default -> 100_000;
        };
    }

    static String label(String name) {
        return Naming.label(name);
    }

    static String apiName(String entityName) {
        return Naming.camel(Naming.pluralSnake(entityName)) + "Api";
    }

    static String route(String entityName) {
        return Naming.pluralKebab(entityName);
    }

    /** The field that names a record: name/title/label, else the first string, else the first email. */
    static String displayField(Entity e) {
        for (String preferred : List.of("name", "title", "label", "full_name", "display_name", "subject")) {
            for (Field f : e.fields()) {
                if (f.name().equals(preferred) && f.type() == FieldType.STRING) {
                    return f.name();
                }
            }
        }
        for (FieldType t : List.of(FieldType.STRING, FieldType.EMAIL)) {
            for (Field f : e.fields()) {
                if (f.type() == t) {
                    return f.name();
                }
            }
        }
        return null;
    }

    /** The entity config's {@code shortLink}: the backend's redirect path (app/routers/short_links.py) and the code field. */
    static String shortLinkLiteral(AppSpec spec, String entity) {
        return spec.capabilities(Capability.ShortCode.class).stream().filter(c -> c.entity().equals(entity) && c.target() != null)
                .findFirst().map(c -> "{ path: " + Ts.string("/r/" + route(entity)) + ", field: " + Ts.string(c.field()) + " }")
                .orElse("null");
    }

    /**
     * The entity config's {@code workflow}: the state field and each action with the states it starts from, where it
     * leads and the roles it is kept for (the detail page offers only what the state and the user's role allow).
     */
    static String workflowLiteral(AppSpec spec, String entity) {
        return spec.capabilities(Capability.Workflow.class).stream().filter(w -> w.entity().equals(entity)).findFirst().map(w -> {
            List<String> steps = new ArrayList<>();
            for (Capability.Transition t : w.transitions()) {
                steps.add("{ action: " + Ts.string(t.action()) + ", label: " + Ts.string(label(t.action())) + ", from: "
                        + strings(t.from()) + ", to: " + Ts.string(t.to()) + ", roles: " + strings(t.roles()) + " }");
            }
            return "{ field: " + Ts.string(w.field()) + ", steps: [" + String.join(", ", steps) + "] }";
        }).orElse("null");
    }

    /** The roles admins may give ({@code ["admin", "user", "manager"]}), or null when there is none to give. */
    static String rolesLiteral(AppSpec spec) {
        List<String> roles = spec.assignableRoles();
        return roles.isEmpty() ? null : strings(roles);
    }

    private static String strings(List<String> values) {
        return "[" + String.join(", ", values.stream().map(Ts::string).toList()) + "]";
    }

    /**
     * The limits on rows under a record of {@code entity} that its page shows as "n of max" (the limit capability), as
     * a TS array of {@code LimitMeta}, or null: limits whose parent is {@code entity}, of rows everyone may list (the
     * count of an owned entity's rows would be the reader's own only).
     */
    static String limitsLiteral(AppSpec spec, String entity) {
        List<String> items = new ArrayList<>();
        for (Capability.Limit l : shownLimits(spec, entity)) {
            String label = Naming.pluralLabel(l.entity()) + (l.states().isEmpty() ? "" : " (" + String.join(", ", l.states()) + ")");
            String state = l.stateField(spec).map(f -> "{ field: " + Ts.string(f.name()) + ", values: ["
                    + String.join(", ", l.states().stream().map(Ts::string).toList()) + "] }").orElse("null");
            items.add("{ label: " + Ts.string(label) + ", queryKey: " + Ts.string(route(l.entity())) + ", list: "
                    + apiName(l.entity()) + ".list, parentFilter: " + Ts.string(l.parent() + "_id") + ", max: "
                    + (l.max() == null ? "null" : l.max()) + ", maxField: " + (l.maxField() == null ? "null" : Ts.string(l.maxField()))
                    + ", state: " + state + " }");
        }
        return items.isEmpty() ? null : "[" + String.join(", ", items) + "]";
    }

    /** The API clients {@link #limitsLiteral} names, for the detail page's import; null when none. */
    static String limitsApiImport(AppSpec spec, String entity) {
        TreeSet<String> apis = new TreeSet<>();
        shownLimits(spec, entity).forEach(l -> apis.add(apiName(l.entity())));
        return apis.isEmpty() ? null : String.join(", ", apis);
    }

    static List<Capability.Limit> shownLimits(AppSpec spec, String entity) {
        return spec.capabilities(Capability.Limit.class).stream().filter(l -> !owned(spec, l.entity())
                && l.parentRelation(spec).map(r -> !r.toUser() && r.to().equals(entity)).orElse(false)).toList();
    }

    /** Whether the rows of {@code entity} belong to their owner (the ownership capability, with its owner reference). */
    static boolean owned(AppSpec spec, String entity) {
        return spec.capabilities(Capability.Ownership.class).stream().anyMatch(o -> o.entity().equals(entity) && o.owner(spec).isPresent());
    }

    static boolean searchable(Entity e) {
        return e.fields().stream().anyMatch(f -> f.type() == FieldType.STRING || f.type() == FieldType.TEXT || f.type() == FieldType.EMAIL);
    }

    private static EntityView entity(AppSpec spec, Entity e, Set<String> entityNames) {
        String name = e.name();
        List<EnumView> enums = new ArrayList<>();
        List<PropertyView> properties = new ArrayList<>();
        List<FieldView> form = new ArrayList<>();
        TreeSet<String> apiImports = new TreeSet<>();
        List<String> enumImports = new ArrayList<>();
        apiImports.add(apiName(name));
        int listed = 0;
        boolean onlyText = e.fields().stream().allMatch(f -> f.type() == FieldType.TEXT);
        Map<String, Capability.FileUpload> fileFields = new LinkedHashMap<>();
        spec.capabilities(Capability.FileUpload.class).stream().filter(c -> c.entity().equals(name))
                .forEach(c -> fileFields.put(c.field(), c));
        List<String> files = fileFields.values().stream().map(c -> "{ field: " + Ts.string(c.field()) + ", label: "
                + Ts.string(label(c.field())) + ", path: " + Ts.string("/api/v1/" + route(name)) + ", segment: "
                + Ts.string(Naming.kebab(c.field())) + ", image: " + "image".equals(c.accept()) + " }").toList();
        for (Field f : e.fields()) {
            String enumConst = null;
            String enumType = null;
            if (f.type() == FieldType.ENUM) {
                String base = name + Naming.pascal(f.name());
                enumType = entityNames.contains(base) ? base + "Value" : base;
                enumConst = Naming.snake(name).toUpperCase(Locale.ROOT) + "_" + f.name().toUpperCase(Locale.ROOT) + "_VALUES";
                List<String> values = new ArrayList<>();
                f.enumValues().forEach(v -> values.add(Ts.string(v)));
                enums.add(new EnumView(enumConst, enumType, "[" + String.join(", ", values) + "]"));
                // the form schema validates only what the form sends (a workflow's state is the server's)
                if (!spec.serverMadeFields(name).contains(f.name())) enumImports.add(enumConst);
            }
            String base = switch (f.type()) {
                case INTEGER -> "number";
                case BOOLEAN -> "boolean";
                case ENUM -> enumType;
                default -> "string";
            };
            // a stored file's key is null until a file is uploaded
            String type = f.required() && !fileFields.containsKey(f.name()) ? base : base + " | null";
            String doc = f.description() == null ? null : Ts.comment(f.description());
            if (f.type() == FieldType.DECIMAL) {
                doc = (doc == null ? "" : doc + " ") + "Decimal as a string, e.g. \"12.50\".";
            }
            boolean serverMade = spec.serverMadeFields(name).contains(f.name());
            // short codes and counters are made by the server: shown, never typed in (optional in the API's input type)
            properties.add(new PropertyView(f.name(), type, type, doc == null || doc.isEmpty() ? null : doc, serverMade));
            // a stored file's key is not shown as text: the form has a file input, the detail page the file
            if (fileFields.containsKey(f.name())) continue;
            // long text is left out of tables, unless the entity has nothing else to show
            boolean inList = (f.type() != FieldType.TEXT || onlyText) && listed < MAX_LIST_COLUMNS;
            if (inList) {
                listed++;
            }
            FieldView fv = field(f, enumConst, inList);
            form.add(serverMade ? new FieldView(fv.name(), fv.zod(), fv.labelLiteral(), fv.kind(), fv.required(), fv.extras(), fv.inList(),
                    fv.sortable(), fv.initial(), false) : fv);
        }
        for (Relation r : spec.relationGraph().from(name)) {
            // The app's own users have no pages: their names come from the users directory (usersApi).
            boolean toUser = r.toUser();
            String targetLiteral;
            String targetLabel;
            String targetPlural;
            if (toUser) {
                apiImports.add(USERS_API);
                targetLabel = label(AppSpec.USER_ENTITY);
                targetPlural = Naming.pluralLabel(AppSpec.USER_ENTITY);
                targetLiteral = "{ api: " + USERS_API + ", label: " + Ts.string(targetLabel) + ", route: null, displayField: \"name\" }";
            } else {
                Entity target = spec.entity(r.to()).orElseThrow();
                String targetApi = apiName(target.name());
                apiImports.add(targetApi);
                String display = displayField(target);
                targetLabel = label(target.name());
                targetPlural = Naming.pluralLabel(target.name());
                targetLiteral = "{ api: " + targetApi + ", label: " + Ts.string(targetLabel)
                        + ", route: \"/" + route(target.name()) + "\", displayField: " + (display == null ? "null" : Ts.string(display)) + " }";
            }
            if (r.kind() == RelationKind.MANY_TO_ONE) {
                String key = r.name() + "_id";
                String type = r.required() ? "number" : "number | null";
                // A required reference to a user is filled in by the server (the current user): not a form field.
                boolean serverFilled = toUser && r.required();
                properties.add(new PropertyView(key, type, type, "Id of the " + Ts.comment(targetLabel.toLowerCase(Locale.ROOT)) + " ("
                        + r.name() + ")." + (serverFilled ? " Left out on create: the current user." : ""), serverFilled));
                form.add(new FieldView(key, "f.reference({ required: " + r.required() + " })", Ts.string(label(r.name())), "reference",
                        r.required(), List.of("target: " + targetLiteral), true, false, "\"\"", !serverFilled));
            } else {
                String key = r.name() + "_ids";
                properties.add(new PropertyView(key, "number[]", "number[]", "Ids of the linked "
                        + Ts.comment(targetPlural.toLowerCase(Locale.ROOT)) + ".", false));
                form.add(new FieldView(key, "f.references()", Ts.string(label(r.name())), "references", false,
                        List.of("target: " + targetLiteral), false, false, "[]", true));
            }
        }
        List<PropertyView> tallies = new ArrayList<>();
        List<EntityView.VoteControlView> votes = new ArrayList<>();
        for (Tally t : tallies(spec, name)) {
            String votePlural = Naming.pluralLabel(t.vote().entity()).toLowerCase(Locale.ROOT);
            tallies.add(new PropertyView(t.count(), "number", "number", "How many " + Ts.comment(votePlural) + " it has.", false));
            form.add(new FieldView(t.count(), "", Ts.string(t.countLabel()), "integer", false, List.of(), true, false, "\"\"", false));
            if (t.average() != null) {
                tallies.add(new PropertyView(t.average(), "number | null", "number | null", "The average "
                        + Ts.comment(t.vote().value().replace('_', ' ')) + " of its " + Ts.comment(votePlural) + ", null without any.", false));
                form.add(new FieldView(t.average(), "", Ts.string(t.averageLabel()), "decimal", false, List.of(), true, false, "\"\"", false));
            }
            if (t.vote().castable(spec)) {
                String scores = t.scores().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
                votes.add(new EntityView.VoteControlView(Naming.camel(name) + Naming.pascal(t.vote().entity()) + "Vote",
                        "{ path: " + Ts.string("/api/v1/" + route(name)) + ", segment: " + Ts.string(Naming.kebab(t.vote().entity()))
                                + ", kind: " + Ts.string(t.vote().kind()) + ", label: " + Ts.string(label(t.vote().entity()))
                                + ", scores: [" + scores + "] }",
                        "The signed-in user's " + Ts.comment(label(t.vote().entity()).toLowerCase(Locale.ROOT)) + " of a "
                                + Ts.comment(label(name).toLowerCase(Locale.ROOT)) + ": one each, cast from its detail page."));
            }
        }
        String display = displayField(e);
        String description = e.description() == null || e.description().isBlank() ? null : e.description().strip();
        return new EntityView(name, Naming.camel(name), Naming.kebab(name), route(name), apiName(name),
                "/api/v1/" + route(name), Ts.string(label(name)), Ts.string(Naming.pluralLabel(name)),
                description == null ? null : Ts.string(description), description == null ? null : Ts.comment(description),
                display == null ? "null" : Ts.string(display), searchable(e), enums, properties, form, List.copyOf(apiImports), enumImports,
                owned(spec, name), shortLinkLiteral(spec, name), workflowLiteral(spec, name),
                limitsLiteral(spec, name), limitsApiImport(spec, name),
                board(spec, name) == null ? null : "/" + route(name) + "/board",
                tallies, votes, files, csvJobsLiteral(spec, name), reminderNoteLiteral(spec, name));
    }

    /** "An e-mail reminder goes out 3 days before the due date.": the detail page's note on reminders, else null. */
    private static String reminderNoteLiteral(AppSpec spec, String name) {
        return spec.capabilities(Capability.BackgroundJob.class).stream()
                .filter(j -> j.entity().equals(name) && j.kind().equals("reminder")).findFirst().map(j -> {
                    java.time.Period p = java.time.Period.parse(j.before());
                    long days = p.toTotalMonths() * 30 + p.getDays();
                    String when = days == 0 ? "on" : days + (days == 1 ? " day" : " days") + " before";
                    return Ts.string("An e-mail reminder goes out " + when + " the " + j.field().replace('_', ' ') + ".");
                }).orElse(null);
    }

    /** The list page's CSV jobs ({@code CsvJobsMeta}) when the entity is exported or imported, else null. */
    private static String csvJobsLiteral(AppSpec spec, String name) {
        List<String> kinds = spec.capabilities(Capability.BackgroundJob.class).stream()
                .filter(j -> j.entity().equals(name)).map(Capability.BackgroundJob::kind).toList();
        if (!kinds.contains("export") && !kinds.contains("import")) return null;
        return "{ path: " + Ts.string("/api/v1/" + route(name)) + ", queryKey: " + Ts.string(route(name)) + ", label: "
                + Ts.string(Naming.pluralLabel(name).toLowerCase(Locale.ROOT)) + ", exportable: " + kinds.contains("export")
                + ", importable: " + kinds.contains("import") + " }";
    }

    /**
     * A vote's tallies on its target (the fields the backend adds to the target's reads) and, for a rating, the
     * scores the detail page offers: from the value field's bounds, at least 1, five when it has no maximum.
     */
    record Tally(Capability.Vote vote, String count, String countLabel, String average, String averageLabel, List<Integer> scores) {}

    static List<Tally> tallies(AppSpec spec, String entity) {
        List<Tally> out = new ArrayList<>();
        for (Capability.Vote v : spec.capabilities(Capability.Vote.class)) {
            if (v.targetRelation(spec).filter(r -> r.to().equals(entity)).isEmpty()) continue;
            String count = Naming.snake(v.entity()) + "_count";
            if (v.value() == null) {
                out.add(new Tally(v, count, Naming.pluralLabel(v.entity()), null, null, List.of()));
                continue;
            }
            Field value = spec.entity(v.entity()).orElseThrow().fields().stream().filter(f -> f.name().equals(v.value()))
                    .findFirst().orElseThrow();
            int lo = value.min() == null ? 1 : Math.max(1, value.min().intValue());
            if (value.max() != null && value.max().intValue() < lo) lo = value.min() == null ? value.max().intValue() : value.min().intValue();
            int hi = value.max() == null ? lo + 4 : Math.min(value.max().intValue(), lo + 9);
            List<Integer> scores = new ArrayList<>();
            for (int i = lo; i <= hi; i++) scores.add(i);
            out.add(new Tally(v, count, Naming.pluralLabel(v.entity()), "average_" + v.value(), "Average " + label(v.value()).toLowerCase(Locale.ROOT),
                    scores));
        }
        return out;
    }

    private static FieldView field(Field f, String enumConst, boolean inList) {
        boolean req = f.required();
        List<String> extras = new ArrayList<>();
        String kind;
        String zod;
        String textOpts = "{ required: " + req + ", maxLength: " + maxLength(f) + " }";
        String numOpts = "{ required: " + req + (f.min() == null ? "" : ", min: " + Ts.number(f.min()))
                + (f.max() == null ? "" : ", max: " + Ts.number(f.max())) + " }";
        switch (f.type()) {
            case STRING -> { kind = "text"; zod = "f.text(" + textOpts + ")"; }
            case TEXT -> { kind = "textarea"; zod = "f.text(" + textOpts + ")"; }
            case EMAIL -> { kind = "email"; zod = "f.email(" + textOpts + ")"; }
            case URL -> { kind = "url"; zod = "f.url(" + textOpts + ")"; }
            case PHONE -> { kind = "tel"; zod = "f.phone(" + textOpts + ")"; }
            case INTEGER -> { kind = "integer"; zod = "f.integer(" + numOpts + ")"; }
            case DECIMAL -> { kind = "decimal"; zod = "f.decimal(" + numOpts + ")"; }
            case BOOLEAN -> { kind = "boolean"; zod = "f.boolean()"; }
            case DATE -> { kind = "date"; zod = "f.date({ required: " + req + " })"; }
            case DATETIME -> { kind = "datetime"; zod = "f.datetime({ required: " + req + " })"; }
            case TIME -> { kind = "time"; zod = "f.time({ required: " + req + " })"; }
            case ENUM -> { kind = "enum"; zod = "f.enumeration(" + enumConst + ", { required: " + req + " })"; }
            default -> throw new IllegalStateException("unhandled field type " + f.type());
        }
        if (f.description() != null && !f.description().isBlank()) {
            extras.add("description: " + Ts.string(f.description().strip()));
        }
        if (f.maxLength() != null && (f.type() == FieldType.STRING || f.type() == FieldType.TEXT || f.type() == FieldType.EMAIL
                || f.type() == FieldType.URL || f.type() == FieldType.PHONE)) {
            extras.add("maxLength: " + f.maxLength());
        }
        if (f.type() == FieldType.INTEGER || f.type() == FieldType.DECIMAL) {
            if (f.min() != null) {
                extras.add("min: " + Ts.number(f.min()));
            }
            if (f.max() != null) {
                extras.add("max: " + Ts.number(f.max()));
            }
            extras.add(f.type() == FieldType.INTEGER ? "step: \"1\"" : "step: \"0.01\"");
        }
        if (f.type() == FieldType.ENUM) {
            List<String> options = new ArrayList<>();
            for (String v : f.enumValues()) {
                options.add("{ value: " + Ts.string(v) + ", label: " + Ts.string(label(v)) + " }");
            }
            extras.add("options: [" + String.join(", ", options) + "]");
        }
        return new FieldView(f.name(), zod, Ts.string(label(f.name())), kind, req, extras, inList, true, initial(f), true);
    }

    /** The form value of a new record: the spec's default where the input can show it. */
    static String initial(Field f) {
        String d = f.defaultValue();
        switch (f.type()) {
            case BOOLEAN:
                return String.valueOf("true".equalsIgnoreCase(d == null ? "" : d.strip()));
            case ENUM:
                if (d != null && f.enumValues().contains(d.strip())) {
                    return Ts.string(d.strip());
                }
                return f.required() && !f.enumValues().isEmpty() ? Ts.string(f.enumValues().get(0)) : "\"\"";
            case DATETIME:
                return "\"\"";
            case DATE:
                return d != null && DATE.matcher(d.strip()).matches() ? Ts.string(d.strip()) : "\"\"";
            case TIME:
                return d != null && TIME.matcher(d.strip()).matches() ? Ts.string(d.strip().substring(0, 5)) : "\"\"";
            case INTEGER:
            case DECIMAL:
                try {
                    return d == null ? "\"\"" : Ts.string(new BigDecimal(d.strip()).toPlainString());
                } catch (NumberFormatException e) {
                    return "\"\"";
                }
            default:
                return d == null ? "\"\"" : Ts.string(d);
        }
    }
}
