package io.autonoma.agents.analyst;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.CapabilityType;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationKind;
import io.autonoma.core.spec.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the analyst understood of a prompt, in a few lines a person reads before any file is written:
 * entities with their fields, relations, roles, capabilities (and whether the generator builds them
 * yet), the assumptions it made and how confident it is. Used by the CLI's {@code plan} and
 * {@code generate}.
 */
public final class SpecSummary {
    /**
     * The capabilities the generator builds into apps today. A spec may hold the others (the analyst
     * records them, users may write them); they are kept and reported as not built yet. Ownership: the
     * FastAPI pack's routers and tests/test_ownership.py; short codes: app/short_codes.py, the short-link
     * router and tests/test_short_codes.py; counters: app/counters.py and tests/test_counters.py; ordering:
     * app/ordering.py, the move endpoints, tests/test_ordering.py and the frontend's board pages; real time:
     * app/realtime.py (the events WebSocket), tests/test_realtime.py and the frontend's src/lib/realtime.ts; files:
     * app/files.py, the files router, tests/test_files.py; background jobs: app/worker.py (Celery), app/reminders.py,
     * app/jobs.py and their tests.
     */
    public static final Set<CapabilityType> BUILT = Set.of(CapabilityType.OWNERSHIP, CapabilityType.SHORT_CODE,
            CapabilityType.COUNTER, CapabilityType.WORKFLOW, CapabilityType.LIMIT, CapabilityType.ORDERING,
            CapabilityType.VOTE, CapabilityType.REALTIME, CapabilityType.FILE_UPLOAD, CapabilityType.BACKGROUND_JOB);

    private final AppSpec spec;

    private SpecSummary(AppSpec spec) {
        this.spec = spec;
    }

    public static SpecSummary of(AppSpec spec) {
        return new SpecSummary(spec);
    }

    /** How sure the analyst is, from its notes: {@code high}, {@code medium}, {@code low}, or {@code given} for a written spec. */
    public String confidence() {
        return spec.notes().stream().filter(n -> n.startsWith(CONFIDENCE)).findFirst()
                .map(n -> n.substring(CONFIDENCE.length()).trim().split("[ .—-]")[0].toLowerCase(Locale.ROOT)).orElse("given");
    }

    /** The note that says why the confidence is what it is, or empty. */
    public String confidenceReason() {
        return spec.notes().stream().filter(n -> n.startsWith(CONFIDENCE)).findFirst()
                .map(n -> n.substring(CONFIDENCE.length()).trim()).orElse("the spec was given, not read from a prompt");
    }

    /** Notes of the analyst prefix its confidence with this. */
    public static final String CONFIDENCE = "Confidence:";

    /** The capabilities of the spec the generator does not build yet. */
    public List<Capability> notBuilt() {
        return spec.capabilities().stream().filter(c -> !BUILT.contains(c.type())).toList();
    }

    /** The summary as lines of text, without a trailing newline. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("App '" + spec.name() + "': " + count(spec.entities().size(), "entity", "entities") + ", "
                + count(spec.relations().size(), "relation", "relations") + ", "
                + count(spec.capabilities().size(), "capability", "capabilities"));
        for (Entity e : spec.entities()) {
            List<String> fields = new ArrayList<>();
            for (Field f : e.fields()) {
                String t = f.type().json() + (f.enumValues().isEmpty() ? "" : " " + String.join("|", f.enumValues()));
                fields.add(f.name() + " (" + t + (f.required() ? "" : ", optional") + ")");
            }
            out.add("  " + e.name() + ": " + String.join(", ", fields));
        }
        if (!spec.relations().isEmpty()) {
            out.add("Relations:");
            for (Relation r : spec.relations()) {
                String to = AppSpec.USER_ENTITY.equals(r.to()) ? "the app's users" : r.to();
                out.add("  " + r.from() + "." + r.name() + (r.kind() == RelationKind.MANY_TO_MANY ? " -> many " : " -> ")
                        + to + (r.required() ? "" : " (optional)"));
            }
        }
        List<String> roles = spec.roles().stream().map(Role::name).filter(n -> !n.equals("admin") && !n.equals("user")).toList();
        if (!roles.isEmpty()) {
            out.add("Roles of the app's users: " + String.join(", ", roles));
        }
        if (!spec.capabilities().isEmpty()) {
            out.add("Capabilities:");
            for (Capability c : spec.capabilities()) {
                out.add("  " + c.type().json() + " on " + c.entity() + (BUILT.contains(c.type()) ? ""
                        : " - not built yet: kept in the spec, the app is generated without it"));
            }
        }
        List<String> assumptions = spec.notes().stream().filter(SpecSummary::isAssumption).toList();
        if (!assumptions.isEmpty()) {
            out.add("Assumptions:");
            assumptions.forEach(a -> out.add("  - " + a));
        }
        out.add("Confidence: " + confidenceReason());
        return out;
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** Notes that say what the analyst assumed rather than what it read. */
    private static boolean isAssumption(String note) {
        if (note.startsWith(CONFIDENCE)) return false;
        return note.contains("inferred") || note.contains("archetype") || note.contains("usually belongs")
                || note.contains("no entity made") || note.contains("Could not read") || note.contains("left it out")
                || note.contains("left them out") || note.contains("read it as") || note.contains("is reserved")
                || note.startsWith("Read '");
    }
}
