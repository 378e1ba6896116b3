package io.autonoma.core.change;

import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Relation;
import java.util.List;

/** A capability with an entity or a field renamed wherever it names it (each kind names them in its own components). */
final class CapabilityRenames {

    private CapabilityRenames() {}

    static Capability entity(Capability c, String from, String to) {
        if (c instanceof Capability.Ownership o) return new Capability.Ownership(swap(o.entity(), from, to));
        if (c instanceof Capability.Workflow w) return new Capability.Workflow(swap(w.entity(), from, to), w.field(), w.transitions());
        if (c instanceof Capability.Vote v) return new Capability.Vote(swap(v.entity(), from, to), v.target(), v.voter(), v.kind(), v.value());
        if (c instanceof Capability.Ordering o) return new Capability.Ordering(swap(o.entity(), from, to), o.field(), o.parent());
        if (c instanceof Capability.ShortCode s) return new Capability.ShortCode(swap(s.entity(), from, to), s.field(), s.target());
        if (c instanceof Capability.Counter k) {
            return new Capability.Counter(swap(k.entity(), from, to), k.field(), swap(k.source(), from, to), k.sum());
        }
        if (c instanceof Capability.Limit l) {
            return new Capability.Limit(swap(l.entity(), from, to), l.parent(), l.max(), l.maxField(), l.states());
        }
        if (c instanceof Capability.Realtime r) return new Capability.Realtime(swap(r.entity(), from, to));
        if (c instanceof Capability.FileUpload f) return new Capability.FileUpload(swap(f.entity(), from, to), f.field(), f.accept());
        if (c instanceof Capability.BackgroundJob j) {
            return new Capability.BackgroundJob(swap(j.entity(), from, to), j.kind(), j.field(), j.before());
        }
        return c;
    }

    /** {@code entity.from} renamed to {@code entity.to} in {@code c}; {@code relations} resolve a limit's parent. */
    static Capability field(Capability c, String entity, String from, String to, List<Relation> relations) {
        boolean own = entity.equals(c.entity());
        if (c instanceof Capability.Workflow w && own) return new Capability.Workflow(w.entity(), swap(w.field(), from, to), w.transitions());
        if (c instanceof Capability.Vote v && own) return new Capability.Vote(v.entity(), v.target(), v.voter(), v.kind(), swap(v.value(), from, to));
        if (c instanceof Capability.Ordering o && own) return new Capability.Ordering(o.entity(), swap(o.field(), from, to), o.parent());
        if (c instanceof Capability.ShortCode s && own) {
            return new Capability.ShortCode(s.entity(), swap(s.field(), from, to), swap(s.target(), from, to));
        }
        if (c instanceof Capability.Counter k) {
            return new Capability.Counter(k.entity(), own ? swap(k.field(), from, to) : k.field(), k.source(),
                    entity.equals(k.source()) ? swap(k.sum(), from, to) : k.sum());
        }
        if (c instanceof Capability.Limit l && l.maxField() != null) {
            boolean parentIsEntity = relations.stream().anyMatch(r -> r.from().equals(l.entity()) && r.name().equals(l.parent())
                    && r.to().equals(entity));
            return parentIsEntity ? new Capability.Limit(l.entity(), l.parent(), l.max(), swap(l.maxField(), from, to), l.states()) : c;
        }
        if (c instanceof Capability.FileUpload f && own) return new Capability.FileUpload(f.entity(), swap(f.field(), from, to), f.accept());
        if (c instanceof Capability.BackgroundJob j && own) {
            return new Capability.BackgroundJob(j.entity(), j.kind(), swap(j.field(), from, to), j.before());
        }
        return c;
    }

    private static String swap(String name, String from, String to) {
        return from.equals(name) ? to : name;
    }
}
