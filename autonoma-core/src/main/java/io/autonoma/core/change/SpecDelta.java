package io.autonoma.core.change;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.Page;
import io.autonoma.core.spec.Role;
import io.autonoma.core.spec.Relation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed difference between the spec an app was generated from and the spec it should have now: the steps
 * in an order that {@link #apply} can follow (renames, then removals, then additions and changes). Computed
 * from two specs, {@link #between} never guesses a rename (a removed and an added field stay a removal and an
 * addition, which is destructive); renames come from a change request that says so.
 */
public record SpecDelta(List<SpecChange> changes) {

    public SpecDelta {
        changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** What the delta would destroy in a database with rows, one line per destructive step. */
    public List<String> losses() {
        return changes.stream().map(SpecChange::loss).flatMap(Optional::stream).toList();
    }

    public boolean destructive() {
        return !losses().isEmpty();
    }

    /** The steps from {@code base} to {@code next}, entity by entity in the order of the specs. */
    public static SpecDelta between(AppSpec base, AppSpec next) {
        List<SpecChange> out = new ArrayList<>();
        Map<String, Entity> before = byName(base.entities());
        Map<String, Entity> after = byName(next.entities());
        List<String> gone = before.keySet().stream().filter(n -> !after.containsKey(n)).toList();
        gone.forEach(n -> out.add(new SpecChange.RemoveEntity(n)));
        // a removed entity takes its relations and capabilities with it (apply does so)
        base.relations().stream().filter(r -> !next.relations().contains(r) && !gone.contains(r.from()) && !gone.contains(r.to()))
                .forEach(r -> out.add(new SpecChange.RemoveRelation(r)));
        base.capabilities().stream().filter(c -> !next.capabilities().contains(c) && !gone.contains(c.entity()))
                .forEach(c -> out.add(new SpecChange.RemoveCapability(c)));
        for (Entity e : next.entities()) {
            Entity old = before.get(e.name());
            if (old == null) {
                out.add(new SpecChange.AddEntity(e));
                continue;
            }
            Map<String, Field> oldFields = fields(old);
            Map<String, Field> newFields = fields(e);
            oldFields.keySet().stream().filter(f -> !newFields.containsKey(f))
                    .forEach(f -> out.add(new SpecChange.RemoveField(e.name(), f)));
            for (Field f : e.fields()) {
                Field was = oldFields.get(f.name());
                if (was == null) {
                    out.add(new SpecChange.AddField(e.name(), f));
                } else if (!was.equals(f)) {
                    out.add(new SpecChange.ChangeField(e.name(), was, f));
                }
            }
        }
        next.relations().stream().filter(r -> !base.relations().contains(r)).forEach(r -> out.add(new SpecChange.AddRelation(r)));
        next.capabilities().stream().filter(c -> !base.capabilities().contains(c))
                .forEach(c -> out.add(new SpecChange.AddCapability(c)));
        return new SpecDelta(out);
    }

    /**
     * {@code base} with every step applied. A step that does not fit the spec (a field that is not there, an
     * entity that already exists) is an {@link IllegalArgumentException} that names it: nothing is half-applied.
     * The result is not validated here; callers run {@link io.autonoma.core.spec.AppSpecValidator} on it.
     */
    public AppSpec apply(AppSpec base) {
        List<Entity> entities = new ArrayList<>(base.entities());
        List<Relation> relations = new ArrayList<>(base.relations());
        List<Capability> capabilities = new ArrayList<>(base.capabilities());
        List<Page> pages = new ArrayList<>(base.pages());
        List<Role> roles = new ArrayList<>(base.roles());
        for (SpecChange c : changes) {
            if (c instanceof SpecChange.AddEntity a) {
                require(index(entities, a.entity().name()) < 0, c, "entity " + a.entity().name() + " already exists");
                entities.add(a.entity());
            } else if (c instanceof SpecChange.RemoveEntity r) {
                entities.remove(entity(entities, r.entity(), c));
                relations.removeIf(rel -> rel.from().equals(r.entity()) || rel.to().equals(r.entity()));
                capabilities.removeIf(cap -> r.entity().equals(cap.entity()));
                pages.removeIf(p -> r.entity().equals(p.entity()));
            } else if (c instanceof SpecChange.RenameEntity r) {
                Entity e = entity(entities, r.from(), c);
                require(index(entities, r.to()) < 0, c, "entity " + r.to() + " already exists");
                entities.set(entities.indexOf(e), new Entity(r.to(), e.description(), e.fields()));
                relations.replaceAll(rel -> new Relation(rename(rel.from(), r), rename(rel.to(), r), rel.kind(), rel.name(),
                        rel.required()));
                capabilities.replaceAll(cap -> CapabilityRenames.entity(cap, r.from(), r.to()));
                pages.replaceAll(p -> new Page(p.name(), p.kind(), rename(p.entity(), r), p.route()));
                roles.replaceAll(role -> new Role(role.name(), role.permissions().stream()
                        .map(perm -> perm.endsWith(":" + r.from()) ? perm.substring(0, perm.length() - r.from().length()) + r.to() : perm)
                        .toList()));
            } else if (c instanceof SpecChange.AddField a) {
                editFields(entities, a.entity(), c, fs -> {
                    require(fs.stream().noneMatch(f -> f.name().equals(a.field().name())), c, "field already exists");
                    fs.add(a.field());
                });
            } else if (c instanceof SpecChange.RemoveField r) {
                editFields(entities, r.entity(), c, fs -> require(fs.removeIf(f -> f.name().equals(r.field())), c, "no such field"));
            } else if (c instanceof SpecChange.RenameField r) {
                editFields(entities, r.entity(), c, fs -> {
                    int i = fieldIndex(fs, r.from(), c);
                    require(fs.stream().noneMatch(f -> f.name().equals(r.to())), c, "field " + r.to() + " already exists");
                    Field f = fs.get(i);
                    fs.set(i, new Field(r.to(), f.type(), f.required(), f.unique(), f.defaultValue(), f.enumValues(),
                            f.maxLength(), f.min(), f.max(), f.description()));
                });
                capabilities.replaceAll(cap -> CapabilityRenames.field(cap, r.entity(), r.from(), r.to(), relations));
            } else if (c instanceof SpecChange.ChangeField ch) {
                editFields(entities, ch.entity(), c, fs -> fs.set(fieldIndex(fs, ch.before().name(), c), ch.after()));
            } else if (c instanceof SpecChange.AddRelation a) {
                relations.add(a.relation());
            } else if (c instanceof SpecChange.RemoveRelation r) {
                require(relations.remove(r.relation()), c, "no such relation");
            } else if (c instanceof SpecChange.AddCapability a) {
                capabilities.add(a.capability());
            } else if (c instanceof SpecChange.RemoveCapability r) {
                require(capabilities.remove(r.capability()), c, "no such capability");
            }
        }
        return new AppSpec(base.name(), base.description(), entities, relations, capabilities, roles, pages,
                base.features(), base.notes());
    }

    private static String rename(String name, SpecChange.RenameEntity r) {
        return r.from().equals(name) ? r.to() : name;
    }

    private static void editFields(List<Entity> entities, String name, SpecChange c, java.util.function.Consumer<List<Field>> edit) {
        Entity e = entity(entities, name, c);
        List<Field> fields = new ArrayList<>(e.fields());
        edit.accept(fields);
        entities.set(entities.indexOf(e), new Entity(e.name(), e.description(), fields));
    }

    private static Entity entity(List<Entity> entities, String name, SpecChange c) {
        int i = index(entities, name);
        require(i >= 0, c, "no entity " + name);
        return entities.get(i);
    }

    private static int index(List<Entity> entities, String name) {
        for (int i = 0; i < entities.size(); i++) {
            if (entities.get(i).name().equals(name)) return i;
        }
        return -1;
    }

    private static int fieldIndex(List<Field> fields, String name, SpecChange c) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) return i;
        }
        throw new IllegalArgumentException("cannot " + c.describe() + ": no such field");
    }

    private static void require(boolean ok, SpecChange c, String why) {
        if (!ok) throw new IllegalArgumentException("cannot " + c.describe() + ": " + why);
    }

    private static Map<String, Entity> byName(List<Entity> entities) {
        Map<String, Entity> out = new LinkedHashMap<>();
        entities.forEach(e -> out.put(e.name(), e));
        return out;
    }

    private static Map<String, Field> fields(Entity e) {
        Map<String, Field> out = new LinkedHashMap<>();
        e.fields().forEach(f -> out.put(f.name(), f));
        return out;
    }
}
