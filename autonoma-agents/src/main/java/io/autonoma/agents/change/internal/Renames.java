package io.autonoma.agents.change.internal;

import io.autonoma.core.spec.Capability;

/**
 * A capability with an entity or field renamed: {@code SpecDelta.apply} renames an entity in relations only, so the
 * reader re-adds the capabilities that name what a rename renames.
 */
final class Renames {
    private Renames() {}

    /** {@code c} with entity {@code from} named {@code to} (its own entity, and a counter's source). */
    static Capability entity(Capability c, String from, String to) {
        if (c instanceof Capability.Counter n) {
            return new Capability.Counter(swap(n.entity(), from, to), n.field(), swap(n.source(), from, to), n.sum());
        }
        if (!c.entity().equals(from)) return c;
        if (c instanceof Capability.Ownership) return new Capability.Ownership(to);
        if (c instanceof Capability.Workflow w) return new Capability.Workflow(to, w.field(), w.transitions());
        if (c instanceof Capability.Vote v) return new Capability.Vote(to, v.target(), v.voter(), v.kind(), v.value());
        if (c instanceof Capability.Ordering o) return new Capability.Ordering(to, o.field(), o.parent());
        if (c instanceof Capability.ShortCode s) return new Capability.ShortCode(to, s.field(), s.target());
        if (c instanceof Capability.Limit l) return new Capability.Limit(to, l.parent(), l.max(), l.maxField(), l.states());
        if (c instanceof Capability.Realtime) return new Capability.Realtime(to);
        if (c instanceof Capability.FileUpload u) return new Capability.FileUpload(to, u.field(), u.accept());
        if (c instanceof Capability.BackgroundJob j) return new Capability.BackgroundJob(to, j.kind(), j.field(), j.before());
        return c;
    }

    /** {@code c} with field {@code from} of {@code entity} named {@code to}. */
    static Capability field(Capability c, String entity, String from, String to) {
        if (c instanceof Capability.Counter n && entity.equals(n.source())) {
            c = new Capability.Counter(n.entity(), n.field(), n.source(), swap(n.sum(), from, to));
        }
        if (!c.entity().equals(entity)) return c;
        if (c instanceof Capability.Workflow w) return new Capability.Workflow(entity, swap(w.field(), from, to), w.transitions());
        if (c instanceof Capability.Vote v) return new Capability.Vote(entity, v.target(), v.voter(), v.kind(), swap(v.value(), from, to));
        if (c instanceof Capability.Ordering o) return new Capability.Ordering(entity, swap(o.field(), from, to), o.parent());
        if (c instanceof Capability.ShortCode s) {
            return new Capability.ShortCode(entity, swap(s.field(), from, to), swap(s.target(), from, to));
        }
        if (c instanceof Capability.Counter n) return new Capability.Counter(entity, swap(n.field(), from, to), n.source(), n.sum());
        if (c instanceof Capability.Limit l) {
            return new Capability.Limit(entity, l.parent(), l.max(), swap(l.maxField(), from, to), l.states());
        }
        if (c instanceof Capability.FileUpload u) return new Capability.FileUpload(entity, swap(u.field(), from, to), u.accept());
        if (c instanceof Capability.BackgroundJob j) {
            return new Capability.BackgroundJob(entity, j.kind(), swap(j.field(), from, to), j.before());
        }
        return c;
    }

    private static String swap(String value, String from, String to) {
        return from.equals(value) ? to : value;
    }
}
