package io.autonoma.core.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The typed model every generated file is derived from. Hand-writable JSON (see
 * {@code /io/autonoma/core/spec/app-spec.schema.json}); validate with {@link AppSpecValidator}.
 * Lists are never null (absent means empty).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"schemaVersion"})
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"name", "description", "entities", "relations", "capabilities", "roles", "pages", "features", "notes"})
public record AppSpec(
        String name,
        String description,
        List<Entity> entities,
        List<Relation> relations,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Capability> capabilities,
        List<Role> roles,
        List<Page> pages,
        Set<Feature> features,
        List<String> notes) {

    /** Schema version written into every serialised spec. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * The generated app's own account entity (sign-up, log-in, roles). It is never declared in
     * {@link #entities()}, but relations may point at it ({@code "to": "User"}), so that "cards assigned to
     * team members" or "messages sent by users" reuse the app's users instead of a second people table.
     */
    public static final String USER_ENTITY = "User";

    public AppSpec {
        entities = entities == null ? List.of() : List.copyOf(entities);
        relations = relations == null ? List.of() : List.copyOf(relations);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
        roles = roles == null ? List.of() : List.copyOf(roles);
        pages = pages == null ? List.of() : List.copyOf(pages);
        // Sorted by declaration order so that the same spec always serialises to the same bytes.
        features = features == null || features.isEmpty() ? Set.of()
                : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(java.util.EnumSet.copyOf(features)));
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** The capabilities of one kind, in spec order. */
    public <C extends Capability> List<C> capabilities(Class<C> kind) {
        return capabilities.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The relations as a graph: references per entity, relations to the app's users, creation order. */
    @JsonIgnore
    public RelationGraph relationGraph() {
        return RelationGraph.of(this);
    }

    /**
     * The fields of {@code entityName} the server makes, never a client: its short code, its counters, its position,
     * the state of its workflow (changed only by the workflow's actions) and the keys of its uploaded files.
     */
    @JsonIgnore
    public Set<String> serverMadeFields(String entityName) {
        Set<String> out = new LinkedHashSet<>();
        for (Capability c : capabilities) {
            if (!entityName.equals(c.entity())) continue;
            if (c instanceof Capability.ShortCode s) out.add(s.field());
            if (c instanceof Capability.Counter n) out.add(n.field());
            if (c instanceof Capability.Workflow w) out.add(w.field());
            if (c instanceof Capability.Ordering o) out.add(o.field());
            if (c instanceof Capability.FileUpload f) out.add(f.field());
        }
        return out;
    }

    /**
     * The roles admins give users ({@code admin}, {@code user}, then the spec's own) when some workflow action is kept
     * for a role of the spec's own; otherwise empty (there is nothing to give).
     */
    @JsonIgnore
    public List<String> assignableRoles() {
        boolean appRole = capabilities(Capability.Workflow.class).stream().flatMap(w -> w.transitions().stream())
                .flatMap(t -> t.roles().stream()).anyMatch(r -> !r.equals("admin") && !r.equals("user"));
        if (!appRole) return List.of();
        Set<String> out = new LinkedHashSet<>(List.of("admin", "user"));
        roles.forEach(r -> out.add(r.name()));
        return List.copyOf(out);
    }

    @JsonIgnore
    public Optional<Entity> entity(String entityName) {
        return entities.stream().filter(e -> e.name().equals(entityName)).findFirst();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name).description(description);
        b.entities.addAll(entities);
        b.relations.addAll(relations);
        b.capabilities.addAll(capabilities);
        b.roles.addAll(roles);
        b.pages.addAll(pages);
        b.features.addAll(features);
        b.notes.addAll(notes);
        return b;
    }

    public static final class Builder {
        private final String name;
        private String description;
        private final List<Entity> entities = new ArrayList<>();
        private final List<Relation> relations = new ArrayList<>();
        private final List<Capability> capabilities = new ArrayList<>();
        private final List<Role> roles = new ArrayList<>();
        private final List<Page> pages = new ArrayList<>();
        private final Set<Feature> features = new LinkedHashSet<>();
        private final List<String> notes = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder description(String v) { this.description = v; return this; }
        public Builder entity(Entity e) { entities.add(e); return this; }
        public Builder relation(Relation r) { relations.add(r); return this; }
        public Builder capability(Capability c) { capabilities.add(c); return this; }
        public Builder role(Role r) { roles.add(r); return this; }
        public Builder page(Page p) { pages.add(p); return this; }
        public Builder feature(Feature f) { features.add(f); return this; }
        public Builder note(String n) { notes.add(n); return this; }

        /** Builds and validates; throws {@link InvalidSpecException} listing every problem. */
        public AppSpec build() {
            AppSpec spec = new AppSpec(name, description, entities, relations, capabilities, roles, pages, features, notes);
            AppSpecValidator.validate(spec).throwIfInvalid();
            return spec;
        }
    }
}
