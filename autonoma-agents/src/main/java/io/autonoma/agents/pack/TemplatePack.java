package io.autonoma.agents.pack;

import io.autonoma.agents.AgentIds;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.ReservedNames;
import java.util.List;
import java.util.Set;

/**
 * The unit of a target stack: a folder of mustache templates with its manifest ({@link PackManifest},
 * {@code pack.txt}) plus one class implementing this interface that describes it. A {@link PackAgent} renders
 * any pack; {@code Autonoma.builder().pack(...)} adds one to the pipeline, so adding a stack (a second backend,
 * a mobile client) is one folder and one class, with no edit to the core, the agents or an engine.
 *
 * <pre>{@code
 * public final class EntityNotesPack implements TemplatePack {
 *     public String name() { return "entity-notes"; }                      // templates/entity-notes/pack.txt
 *     public Object view(AppSpec spec) { return Map.of("entities", spec.entities()); }
 * }
 * }</pre>
 *
 * <p>Only {@link #name()} and {@link #view(AppSpec)} are required. Implementations are immutable and
 * thread-safe; {@link #view(AppSpec)} is a pure function of the spec (same spec, same view, same bytes).
 * Every implementation's test extends {@code TemplatePackContract} (autonoma-agents test-jar).
 */
public interface TemplatePack {

    /**
     * A short, stable, kebab-case name ({@code backend-fastapi}): it names the pack in messages and in the
     * reasons of its {@link #reservedNames()}. Unique among the packs in use.
     */
    String name();

    /**
     * The model the templates render from: names in {@code {{...}}} resolve against it (Map keys, no-arg methods,
     * fields), and a manifest's {@code each=<collection>} names one of its collections. Never null.
     */
    Object view(AppSpec spec);

    /**
     * The pack's folder on the class path of this class's loader, holding {@value PackManifest#FILE} and the
     * templates it names; default {@code templates/<name>}.
     */
    default String folder() {
        return "templates/" + name();
    }

    /** The id of the agent that renders the pack; default {@code AgentId.of(name())}. Unique among the pipeline's agents. */
    default AgentId agentId() {
        return AgentId.of(name());
    }

    /** The agents whose output the pack's agent waits for; default the requirements agent, which publishes the spec. */
    default Set<AgentId> dependsOn() {
        return Set.of(AgentIds.REQUIREMENTS);
    }

    /**
     * Entity and field names the generated code cannot use (its language's keywords, names its files already
     * use), each with the reason; build them with {@code ReservedNames.builder(name())}. A spec using one is
     * rejected before rendering, naming the JSON path, the pack and the reason. Default none.
     */
    default ReservedNames reservedNames() {
        return ReservedNames.none();
    }

    /** Files the pack writes for model-written code to replace, with their contracts; default none. */
    default List<ExtensionPoint> extensionPoints() {
        return List.of();
    }

    /** The generated app's own tools that verify what the pack wrote; default none. */
    default List<PackCheck> checks() {
        return List.of();
    }

    /** One line for the agent's {@code AgentFinished} event; default {@code wrote <n> files (<name> pack)}. */
    default String summary(AppSpec spec, int fileCount) {
        return "wrote " + fileCount + " files (" + name() + " pack)";
    }
}
