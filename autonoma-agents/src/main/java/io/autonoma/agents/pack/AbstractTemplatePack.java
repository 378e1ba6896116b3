package io.autonoma.agents.pack;

import io.autonoma.core.spec.AppSpec;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A {@link TemplatePack} made of its parts: the descriptor, the function that builds the view, and optionally the
 * summary line. A pack class is then its constructor.
 *
 * <pre>{@code
 * public final class EntityNotesPack extends AbstractTemplatePack {
 *     public EntityNotesPack() {
 *         super(PackDescriptor.builder("entity-notes").build(),                  // templates/entity-notes/
 *                 spec -> Map.of("app", spec.name(), "entities", spec.entities()),
 *                 (spec, files) -> "wrote " + files + " notes");
 *     }
 * }
 * }</pre>
 */
public abstract class AbstractTemplatePack implements TemplatePack {
    private final PackDescriptor descriptor;
    private final Function<AppSpec, ?> view;
    private final BiFunction<AppSpec, Integer, String> summary;

    /** A pack with the default summary line. */
    protected AbstractTemplatePack(PackDescriptor descriptor, Function<AppSpec, ?> view) {
        this(descriptor, view, null);
    }

    /** @param summary the agent's summary line from the spec and the number of files written */
    protected AbstractTemplatePack(PackDescriptor descriptor, Function<AppSpec, ?> view, BiFunction<AppSpec, Integer, String> summary) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
        this.view = Objects.requireNonNull(view, "view");
        this.summary = summary;
    }

    @Override
    public final PackDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Object view(AppSpec spec) {
        return view.apply(spec);
    }

    @Override
    public final String summary(AppSpec spec, int fileCount) {
        return summary == null ? TemplatePack.super.summary(spec, fileCount) : summary.apply(spec, fileCount);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + descriptor.name() + "]";
    }
}
