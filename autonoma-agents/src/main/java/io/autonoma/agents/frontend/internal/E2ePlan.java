package io.autonoma.agents.frontend.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.agents.naming.Naming;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationGraph;
import io.autonoma.core.spec.RelationKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data the generated browser test uses: entities in an order where referenced ones are
 * created first, and per field a valid value, an edit and a value the form must reject.
 * Values may hold {@code {run}} (8 base-36 characters) and {@code {rund}} (7 digits), replaced
 * per test run so unique fields stay unique across runs.
 */
public final class E2ePlan {
    /** Length of the {@code {run}} token once replaced. */
    static final int RUN_LENGTH = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private E2ePlan() {}

    public static String json(AppSpec spec) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", spec.name());
        List<Object> entities = new ArrayList<>();
        // a record is created with all its links, so after every entity it references (cycles keep spec order)
        for (Entity e : spec.relationGraph().creationOrder(RelationGraph.ALL_LINKS)) {
            entities.add(entity(spec, e));
        }
        root.put("entities", entities);
        StringBuilder out = new StringBuilder();
        write(out, root, "");
        return out.toString();
    }

    /** JSON with two-space indentation; an object or array of scalars only goes on one line. */
    private static void write(StringBuilder out, Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            boolean flat = map.values().stream().noneMatch(v -> v instanceof Map || v instanceof List);
            if (flat) {
                out.append("{ ");
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(first ? "" : ", ").append(scalar(e.getKey())).append(": ").append(scalar(e.getValue()));
                    first = false;
                }
                out.append(" }");
                return;
            }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(indent).append("  ").append(scalar(e.getKey())).append(": ");
                write(out, e.getValue(), indent + "  ");
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(indent).append("  ");
                write(out, list.get(i), indent + "  ");
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else {
            out.append(scalar(value));
        }
    }

    private static String scalar(Object v) {
        try {
            return JSON.writeValueAsString(v);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Map<String, Object> entity(AppSpec spec, Entity given) {
        // short codes and counters are made by the server: the browser test neither types nor edits them
        java.util.Set<String> serverMade = spec.serverMadeFields(given.name());
        Entity e = new Entity(given.name(), given.description(), given.fields().stream().filter(f -> !serverMade.contains(f.name())).toList());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", Naming.label(e.name()));
        m.put("pluralLabel", Naming.pluralLabel(e.name()));
        m.put("route", "/" + Naming.pluralKebab(e.name()));
        List<Object> fields = new ArrayList<>();
        String display = FrontendViews.displayField(given);
        for (Field f : e.fields()) {
            fields.add(field(f.name(), kind(f), value(e, f, f.name().equals(display))));
        }
        for (Relation r : spec.relationGraph().from(e.name())) {
            Map<String, Object> ref = new LinkedHashMap<>();
            boolean one = r.kind() == RelationKind.MANY_TO_ONE;
            ref.put("name", r.name() + (one ? "_id" : "_ids"));
            if (r.toUser()) {
                // current-user: not in the form, the server names the signed-in user; user(s): pick the second user
                ref.put("kind", !one ? "users" : r.required() ? "current-user" : "user");
            } else {
                ref.put("kind", one ? "reference" : "references");
                ref.put("target", "/" + Naming.pluralKebab(r.to()));
            }
            fields.add(ref);
        }
        m.put("fields", fields);
        if (FrontendViews.owned(spec, e.name())) {
            m.put("owned", true);
        }
        spec.capabilities(Capability.ShortCode.class).stream().filter(c -> c.entity().equals(e.name()) && c.target() != null)
                .findFirst().ifPresent(c -> {
                    Map<String, Object> link = new LinkedHashMap<>();
                    link.put("target", c.target());
                    // a visit counts: the browser sees the counter rise after following the link
                    spec.capabilities(Capability.Counter.class).stream().filter(n -> n.entity().equals(e.name()) && n.sum() == null)
                            .findFirst().ifPresent(n -> {
                                link.put("counter", n.field());
                                // the visit made a source row: the browser test deletes it before its parent
                                if (n.source() != null) link.put("source", "/" + Naming.pluralKebab(n.source()));
                            });
                    m.put("shortLink", link);
                });
        spec.capabilities(Capability.Workflow.class).stream().filter(w -> w.entity().equals(e.name())).findFirst().ifPresent(w -> {
            // the first action open from the initial state; with a role of the app's own, a manager takes it
            String initial = w.initial(spec);
            w.transitions().stream().filter(t -> t.from().contains(initial)).findFirst().ifPresent(t -> {
                Map<String, Object> flow = new LinkedHashMap<>();
                flow.put("field", w.field());
                flow.put("initial", initial);
                flow.put("action", t.action());
                flow.put("label", FrontendViews.label(t.action()));
                flow.put("to", t.to());
                boolean anyone = t.roles().isEmpty() || t.roles().contains("user");
                flow.put("role", anyone ? null : t.roles().stream().filter(r -> !r.equals("admin")).findFirst().orElse(null));
                flow.put("anyone", anyone);
                m.put("workflow", flow);
            });
        });
        // a parent filled to its limit refuses the next row on the form (a limit per user is left to the pytest suite)
        limitStep(spec, e.name()).ifPresent(l -> {
                    Relation r = l.parentRelation(spec).orElseThrow();
                    Map<String, Object> limit = new LinkedHashMap<>();
                    limit.put("parentRoute", "/" + Naming.pluralKebab(r.to()));
                    limit.put("parentLabel", Naming.label(r.name()));
                    limit.put("fk", r.name() + "_id");
                    limit.put("max", l.max());
                    limit.put("maxField", l.maxField());
                    // a workflow's state is not in the form: new rows start in its initial state
                    l.stateField(spec).filter(f -> !spec.serverMadeFields(e.name()).contains(f.name())).ifPresent(f -> {
                        Map<String, Object> state = new LinkedHashMap<>();
                        state.put("name", f.name());
                        state.put("value", l.states().get(0));
                        limit.put("state", state);
                    });
                    limit.put("usage", FrontendViews.shownLimits(spec, r.to()).contains(l));
                    m.put("limit", limit);
                });
        // a board: the browser test adds a second row and a second parent through the forms (so only without unique
        // fields, which a second row with the same values would break), then moves the row by keyboard and by mouse
        BoardView board = FrontendViews.board(spec, e.name());
        if (board != null && noUniqueFields(spec, e.name()) && noUniqueFields(spec, board.parent())) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("route", "/" + board.route() + "/board");
            b.put("parent", "/" + board.parentRoute());
            m.put("board", b);
        }
        // real time: a second browser keeps the list open while the first saves a second row through the form (so only
        // without unique fields), which must appear there within a second
        boolean realtime = spec.capabilities(Capability.Realtime.class).stream().anyMatch(c -> c.entity().equals(e.name()));
        if (realtime && noUniqueFields(spec, e.name())) {
            m.put("realtime", true);
        }
        // votes cast from the detail page: the browser test votes, reloads and sees one vote
        List<Object> votes = new ArrayList<>();
        for (FrontendViews.Tally t : FrontendViews.tallies(spec, e.name())) {
            if (!t.vote().castable(spec)) continue;
            Map<String, Object> vote = new LinkedHashMap<>();
            vote.put("segment", Naming.kebab(t.vote().entity()));
            vote.put("kind", t.vote().kind());
            vote.put("label", Naming.label(t.vote().entity()));
            vote.put("count", t.count());
            vote.put("countLabel", t.countLabel());
            if (t.average() != null) {
                vote.put("average", t.average());
                vote.put("averageLabel", t.averageLabel());
                vote.put("first", t.scores().get(Math.min(3, t.scores().size() - 1)));
                vote.put("second", t.scores().get(Math.min(1, t.scores().size() - 1)));
            }
            votes.add(vote);
        }
        if (!votes.isEmpty()) {
            m.put("votes", votes);
        }
        // files chosen in the edit form: a refused one shows the server's message, an accepted image shows on the page
        List<Object> files = new ArrayList<>();
        for (Capability.FileUpload f : spec.capabilities(Capability.FileUpload.class)) {
            if (!f.entity().equals(e.name())) continue;
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("field", f.field());
            file.put("label", Naming.label(f.field()));
            file.put("image", "image".equals(f.accept()));
            files.add(file);
        }
        if (!files.isEmpty()) {
            m.put("files", files);
        }
        // a CSV export job (the background_job capability): the browser test starts one and downloads its file
        if (spec.capabilities(Capability.BackgroundJob.class).stream()
                .anyMatch(j -> j.entity().equals(e.name()) && j.kind().equals("export"))) {
            m.put("csvExport", true);
        }
        spec.capabilities(Capability.BackgroundJob.class).stream()
                .filter(j -> j.entity().equals(e.name()) && j.kind().equals("reminder")).findFirst()
                .ifPresent(j -> m.put("reminderNote", "An e-mail reminder goes out"));
        if (FrontendViews.searchable(e) && e.fields().stream().anyMatch(f -> (f.type() == FieldType.STRING || f.type() == FieldType.TEXT
                || f.type() == FieldType.EMAIL) && String.valueOf(value(e, f, f.name().equals(display))).contains("{run}"))) {
            m.put("search", "{run}");
        }
        Map<String, Object> edit = edit(e, display);
        if (edit != null) {
            m.put("edit", edit);
        }
        Map<String, Object> invalid = invalid(e);
        if (invalid != null) {
            m.put("invalid", invalid);
        }
        return m;
    }

    /** The limit the browser test fills for rows of {@code entity}: its first limit whose parent is an entity. */
    static java.util.Optional<Capability.Limit> limitStep(AppSpec spec, String entity) {
        return spec.capabilities(Capability.Limit.class).stream().filter(l -> l.entity().equals(entity))
                .filter(l -> l.parentRelation(spec).map(r -> !r.toUser()).orElse(false)).findFirst();
    }

    static boolean anyLimitStep(AppSpec spec) {
        return spec.entities().stream().anyMatch(e -> limitStep(spec, e.name()).isPresent());
    }

    private static Map<String, Object> field(String name, String kind, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", kind);
        m.put("value", value);
        return m;
    }

    static String kind(Field f) {
        return switch (f.type()) {
            case STRING -> "text";
            case TEXT -> "textarea";
            case PHONE -> "tel";
            default -> f.type().json();
        };
    }

    /** A valid value for a new record. */
    static Object value(Entity e, Field f, boolean isDisplay) {
        int max = FrontendViews.maxLength(f);
        return switch (f.type()) {
            case STRING -> fit((isDisplay ? Naming.label(e.name()) : Naming.label(f.name())) + " {run}", max, f.unique());
            case TEXT -> fit("Created by the e2e test {run}.", max, f.unique());
            case EMAIL -> Naming.kebab(e.name()) + "-{run}@example.com";
            case URL -> "https://example.com/{run}";
            case PHONE -> f.unique() ? "+1 555 {rund}" : "+1 555 0100";
            case INTEGER -> f.unique() && f.max() == null ? "{rund}" : Ts.number(clamp(new BigDecimal(3), f));
            case DECIMAL -> money(clamp(new BigDecimal("12.50"), f));
            case BOOLEAN -> Boolean.TRUE;
            case DATE -> "2026-11-25";
            case DATETIME -> "2026-11-26T14:30";
            case TIME -> "09:30";
            case ENUM -> f.enumValues().size() > 1 ? f.enumValues().get(1) : f.enumValues().get(0);
        };
    }

    /** The change the test makes on the edit page, and the text the detail page then shows. */
    static Map<String, Object> edit(Entity e, String display) {
        List<FieldType> preference = List.of(FieldType.STRING, FieldType.TEXT, FieldType.EMAIL, FieldType.URL, FieldType.PHONE,
                FieldType.INTEGER, FieldType.DECIMAL, FieldType.DATE, FieldType.ENUM);
        List<Field> candidates = new ArrayList<>();
        e.fields().stream().filter(f -> f.name().equals(display) && f.type() == FieldType.STRING).forEach(candidates::add);
        for (FieldType t : preference) {
            e.fields().stream().filter(f -> f.type() == t && !candidates.contains(f)).forEach(candidates::add);
        }
        for (Field f : candidates) {
            FieldType t = f.type();
            {
                String value;
                String shown;
                switch (t) {
                    case STRING -> value = fit((f.name().equals(display) ? Naming.label(e.name()) : Naming.label(f.name())) + " {run} edited",
                            FrontendViews.maxLength(f), true);
                    case TEXT -> value = fit("Edited {run}", FrontendViews.maxLength(f), true);
                    case EMAIL -> value = "edited-{run}@example.com";
                    case URL -> value = "https://example.com/{run}/edited";
                    case PHONE -> value = f.unique() ? "+1 555 9{rund}" : "+1 555 0199";
                    case INTEGER -> {
                        if (f.unique() && f.max() == null) {
                            value = "1{rund}";
                        } else {
                            BigDecimal v = clamp(new BigDecimal(3), f);
                            BigDecimal up = v.add(BigDecimal.ONE);
                            BigDecimal next = f.max() == null || up.compareTo(f.max()) <= 0 ? up : v.subtract(BigDecimal.ONE);
                            if (f.min() != null && next.compareTo(f.min()) < 0) {
                                continue;
                            }
                            value = Ts.number(next);
                        }
                    }
                    case DECIMAL -> {
                        BigDecimal v = clamp(new BigDecimal("12.50"), f);
                        BigDecimal up = v.add(BigDecimal.ONE);
                        BigDecimal next = f.max() == null || up.compareTo(f.max()) <= 0 ? up : v.subtract(BigDecimal.ONE);
                        if (f.min() != null && next.compareTo(f.min()) < 0) {
                            continue;
                        }
                        value = money(next);
                    }
                    case DATE -> value = "2026-12-01";
                    case ENUM -> {
                        if (f.enumValues().size() < 2) {
                            continue;
                        }
                        value = f.enumValues().get(0);
                    }
                    default -> {
                        continue;
                    }
                }
                if (value.equals(value(e, f, f.name().equals(display)))) {
                    if (FrontendViews.maxLength(f) < RUN_LENGTH + 1) {
                        continue;
                    }
                    value = "e{run}";
                }
                shown = t == FieldType.ENUM ? Naming.label(value) : value;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", f.name());
                m.put("kind", kind(f));
                m.put("value", value);
                m.put("shown", shown);
                return m;
            }
        }
        return null;
    }

    /** A value the form must reject with a field error, or null when no field has a checkable rule. */
    static Map<String, Object> invalid(Entity e) {
        for (FieldType t : List.of(FieldType.EMAIL, FieldType.URL, FieldType.INTEGER, FieldType.DECIMAL, FieldType.PHONE,
                FieldType.STRING, FieldType.TEXT, FieldType.DATE)) {
            for (Field f : e.fields()) {
                if (f.type() != t) {
                    continue;
                }
                String bad = switch (t) {
                    case EMAIL -> "not-an-email";
                    case URL -> "not a url";
                    case PHONE -> "call me maybe";
                    case INTEGER -> f.min() != null ? Ts.number(f.min().subtract(BigDecimal.ONE))
                            : f.max() != null ? Ts.number(f.max().add(BigDecimal.ONE)) : "1.5";
                    case DECIMAL -> f.min() != null ? money(f.min().subtract(BigDecimal.ONE))
                            : f.max() != null ? money(f.max().add(BigDecimal.ONE)) : null;
                    case STRING, TEXT, DATE -> f.required() ? "" : null;
                    default -> null;
                };
                if (bad != null) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", f.name());
                    m.put("kind", kind(f));
                    m.put("value", bad);
                    return m;
                }
            }
        }
        return null;
    }

    private static BigDecimal clamp(BigDecimal v, Field f) {
        BigDecimal out = v;
        if (f.min() != null && out.compareTo(f.min()) < 0) {
            out = f.min();
        }
        if (f.max() != null && out.compareTo(f.max()) > 0) {
            out = f.max();
        }
        return out;
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.DOWN).toPlainString();
    }

    /** {@code text} cut to {@code max} characters counting {@code {run}} as its replaced length; a unique value keeps the token. */
    static String fit(String text, int max, boolean keepRun) {
        int extra = RUN_LENGTH - "{run}".length();
        if (text.length() + extra <= max) {
            return text;
        }
        if (keepRun && RUN_LENGTH <= max) {
            return "{run}";
        }
        // Too short even for the run token: a plain value cut to the limit (the caller checks it differs).
        String plain = text.replace(" {run}", "").replace("{run}", "");
        return plain.substring(0, Math.min(plain.length(), Math.max(1, max)));
    }

    private static boolean noUniqueFields(AppSpec spec, String entity) {
        return spec.entity(entity).map(e -> e.fields().stream().noneMatch(f -> f.unique())).orElse(false);
    }
}
