package io.autonoma.core.spec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The relations of an {@link AppSpec} as a graph over its entities: the spec-level facts every template
 * pack needs, computed in one place: which relations start at an entity, which point at the app's own
 * users, and in which order entities can be created.
 *
 * <p><b>Creation order</b> (one rule): an entity comes after every <em>other declared</em> entity it
 * references through a relation of the kinds that must exist when it is created. A self-reference never
 * holds an entity back (the row can point at itself or stay empty), and neither does a reference to the
 * app's users ({@code "to": "User"}): every generated app has its users before any entity. Among the
 * entities that are ready, spec order wins. When the entities left all wait for each other (a cycle),
 * the first of them in spec order goes next, so the order is always complete; {@link #cycle(Set)} says
 * whether that happened and which entities were left, for a pack that cannot build such a cycle.
 *
 * <p>Which kinds must exist depends on what is created: a table or a row with a foreign key needs the
 * targets of its {@link #FOREIGN_KEYS many-to-one} relations (a many-to-many link lives in its own
 * association table, created after every entity table); a record created with all its links, as a
 * browser test fills a form, needs the targets of {@link #ALL_LINKS every} relation.
 *
 * <p>Works on any spec, valid or not: relations naming unknown entities are ignored. Immutable.
 */
public final class RelationGraph {
    /** A row needs the rows its many-to-one relations point at (its foreign keys). */
    public static final Set<RelationKind> FOREIGN_KEYS = Set.copyOf(EnumSet.of(RelationKind.MANY_TO_ONE));
    /** A record created with all its links needs the targets of every relation. */
    public static final Set<RelationKind> ALL_LINKS = Set.copyOf(EnumSet.allOf(RelationKind.class));

    private final AppSpec spec;
    private final Map<String, List<Relation>> from = new LinkedHashMap<>();

    private RelationGraph(AppSpec spec) {
        this.spec = spec;
        for (Relation r : spec.relations()) {
            if (r != null && r.from() != null) {
                from.computeIfAbsent(r.from(), k -> new ArrayList<>()).add(r);
            }
        }
        from.replaceAll((k, v) -> List.copyOf(v));
    }

    /** The graph of {@code spec}'s relations ({@link AppSpec#relationGraph()}). */
    public static RelationGraph of(AppSpec spec) {
        return new RelationGraph(Objects.requireNonNull(spec, "spec"));
    }

    /** The relations declared on {@code entity} (its references), in spec order; empty when none. */
    public List<Relation> from(String entity) {
        return from.getOrDefault(entity, List.of());
    }

    /** The relations that point at the app's own users ({@code "to": "User"}), in spec order. */
    public List<Relation> toUsers() {
        return spec.relations().stream().filter(r -> r != null && r.toUser()).toList();
    }

    /** Whether some relation points at the app's own users. */
    public boolean hasUserRelations() {
        return !toUsers().isEmpty();
    }

    /**
     * Every entity once, in an order where each comes after the other declared entities it references through
     * relations of {@code kinds} (see the class comment for the rule, cycles included).
     *
     * @param kinds the relation kinds that must exist when an entity is created, {@link #FOREIGN_KEYS} or {@link #ALL_LINKS}
     */
    public List<Entity> creationOrder(Set<RelationKind> kinds) {
        return order(kinds).order();
    }

    /**
     * The entities left when {@link #creationOrder(Set)} met a cycle of relations of {@code kinds}, in spec order:
     * the entities on the cycle and those that wait for them. Empty when there is no such cycle.
     */
    public Optional<List<String>> cycle(Set<RelationKind> kinds) {
        return order(kinds).stuck();
    }

    private record Ordering(List<Entity> order, Optional<List<String>> stuck) {}

    private Ordering order(Set<RelationKind> kinds) {
        Objects.requireNonNull(kinds, "kinds");
        List<Entity> pending = new ArrayList<>(spec.entities().stream().filter(Objects::nonNull).toList());
        List<Entity> out = new ArrayList<>(pending.size());
        Set<String> done = new HashSet<>();
        List<String> stuck = null;
        while (!pending.isEmpty()) {
            Entity next = pending.stream().filter(e -> ready(e, kinds, done)).findFirst().orElse(null);
            if (next == null) {
                if (stuck == null) {
                    stuck = pending.stream().map(Entity::name).toList();
                }
                next = pending.get(0);
            }
            pending.remove(next);
            done.add(next.name());
            out.add(next);
        }
        return new Ordering(List.copyOf(out), Optional.ofNullable(stuck));
    }

    private boolean ready(Entity e, Set<RelationKind> kinds, Set<String> done) {
        for (Relation r : from(e.name())) {
            if (kinds.contains(r.kind()) && !r.selfReference() && !r.toUser() && !done.contains(r.to())
                    && spec.entity(r.to()).isPresent()) {
                return false;
            }
        }
        return true;
    }
}
