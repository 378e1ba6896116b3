package io.autonoma.agents.pack;

import io.autonoma.core.spec.AppSpec;

/**
 * The unit of a target stack: a folder of mustache templates with its manifest ({@link PackManifest},
 * {@code pack.txt}) plus one class implementing this interface that describes it ({@link #descriptor()}) and builds
 * the templates' view of a spec ({@link #view(AppSpec)}). A {@link PackAgent} renders any pack;
 * {@code Autonoma.builder().pack(...)} adds one to the pipeline, so adding a stack (a second backend, a mobile
 * client) is one folder and one class, with no edit to the core, the agents or an engine.
 *
 * <pre>{@code
 * public final class EntityNotesPack extends AbstractTemplatePack {
 *     public EntityNotesPack() {
 *         super(PackDescriptor.builder("entity-notes").build(),                  // templates/entity-notes/
 *                 spec -> Map.of("app", spec.name(), "entities", spec.entities()));
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe; {@link #descriptor()} returns the same value every time and
 * {@link #view(AppSpec)} is a pure function of the spec (same spec, same view, same bytes). Every implementation's test
 * extends {@code TemplatePackContract} (autonoma-agents test-jar).
 */
public interface TemplatePack {

    /** What the pack is: name, folder, agent, reserved names, extension points, checks. Never null. */
    PackDescriptor descriptor();

    /**
     * The model the templates render from: names in {@code {{...}}} resolve against it (Map keys, no-arg methods,
     * fields), and a manifest's {@code each=<collection>} names one of its collections. Never null.
     */
    Object view(AppSpec spec);

    /** One line for the agent's {@code AgentFinished} event; default {@code wrote <n> files (<name> pack)}. */
    default String summary(AppSpec spec, int fileCount) {
        return "wrote " + fileCount + " files (" + descriptor().name() + " pack)";
    }
}
