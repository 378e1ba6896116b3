package io.autonoma.agents.extrapack;

import io.autonoma.agents.naming.Naming;
import io.autonoma.agents.pack.AbstractTemplatePack;
import io.autonoma.agents.pack.ExtensionPoint;
import io.autonoma.agents.pack.PackDescriptor;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.ReservedNames;
import java.util.List;

/**
 * A target stack of its own, as a user would add one: this class and the folder {@code templates/entity-notes/}
 * (a manifest and three templates) are all of it. It writes a markdown note per entity and an index, reserves the
 * entity name {@code Readme} (its index is {@code notes/README.md}) and offers {@code notes/custom.md} to a model.
 */
public final class EntityNotesPack extends AbstractTemplatePack {
    public static final String NAME = "entity-notes";
    /** The agent an engine that writes code adds for {@code notes/custom.md}. */
    public static final AgentId CUSTOM_NOTES = AgentId.of("custom-notes");

    /** What the templates see. */
    public record View(String app, List<Note> entities) {}

    /** One entity's note. */
    public record Note(String name, String file, List<String> fields) {}

    public EntityNotesPack() {
        super(PackDescriptor.builder(NAME)
                .reserves(ReservedNames.builder(NAME).entities("its index is notes/README.md", "Readme").build())
                .extensionPoint(ExtensionPoint.builder(CUSTOM_NOTES, "notes/custom.md")
                        .task("Write notes on the app's entities that the generated notes do not say; keep the first line.")
                        .mustKeep("<!-- custom notes")
                        .build())
                .build(), spec -> new View(spec.name(), spec.entities().stream().map(EntityNotesPack::note).toList()),
                (spec, fileCount) -> "wrote " + fileCount + " notes");
    }

    private static Note note(Entity e) {
        return new Note(e.name(), Naming.kebab(e.name()), e.fields().stream().map(f -> f.name() + ": " + f.type().json()).toList());
    }
}
