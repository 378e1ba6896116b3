package io.autonoma.agents.pack;

import java.util.Objects;

/**
 * A {@link TemplatePack} whose descriptor is fixed when it is made: a subclass passes it to the constructor and
 * implements {@link #view(io.autonoma.core.spec.AppSpec)} (and, if it likes, {@link #summary}).
 *
 * <pre>{@code
 * public final class EntityNotesPack extends AbstractTemplatePack {
 *     public EntityNotesPack() { super(PackDescriptor.builder("entity-notes").build()); }   // templates/entity-notes/
 *     public Object view(AppSpec spec) { return Map.of("app", spec.name(), "entities", spec.entities()); }
 * }
 * }</pre>
 */
public abstract class AbstractTemplatePack implements TemplatePack {
    private final PackDescriptor descriptor;

    protected AbstractTemplatePack(PackDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    @Override
    public final PackDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + descriptor.name() + "]";
    }
}
