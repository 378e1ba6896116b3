package io.autonoma.agents.pack;

import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecValidator;
import io.autonoma.core.spec.InvalidSpecException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one agent that renders a {@link TemplatePack}: named by the pack's {@link PackDescriptor#agentId()}, after its
 * {@link PackDescriptor#dependsOn()}, it reads the spec from the context, checks it against the names the pack
 * reserves, renders the pack and writes the files in manifest order (checking for cancellation between them).
 * Its files are a pure function of the spec. Thread-safe.
 */
public final class PackAgent implements Agent {
    private final TemplatePack pack;
    private final TemplateRenderer renderer;
    private final String name;
    private final Set<String> dependsOn;

    /** An agent for {@code pack} with a renderer of its own. */
    public PackAgent(TemplatePack pack) {
        this(pack, new TemplateRenderer());
    }

    /** An agent for {@code pack} sharing {@code renderer} (and its caches) with others. */
    public PackAgent(TemplatePack pack, TemplateRenderer renderer) {
        this.pack = Objects.requireNonNull(pack, "pack");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        PackDescriptor d = Objects.requireNonNull(pack.descriptor(), () -> "template pack " + pack.getClass().getName() + " has no descriptor");
        this.name = d.agentId().name();
        this.dependsOn = AgentId.names(d.dependsOn().toArray(AgentId[]::new));
    }

    /** The pack this agent renders. */
    public TemplatePack pack() {
        return pack;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> dependsOn() {
        return dependsOn;
    }

    /**
     * The pack's files for {@code spec}: project-relative path → content, in manifest order.
     *
     * @throws InvalidSpecException when the spec uses a name the pack reserves (each problem names its JSON path)
     * @throws InvalidPackException when the pack itself is broken (manifest, templates, paths)
     */
    public Map<String, String> render(AppSpec spec) {
        Objects.requireNonNull(spec, "spec");
        AppSpecValidator.checkReservedNames(spec, pack.descriptor().reservedNames()).throwIfInvalid();
        return renderer.render(pack, spec);
    }

    @Override
    public AgentResult run(AgentContext ctx) {
        AppSpec spec = ctx.spec().orElseThrow(() -> new AutonomaException(
                "the " + name + " agent needs an app spec: run the requirements agent first or pass a spec"));
        Map<String, String> files = render(spec);
        for (Map.Entry<String, String> file : files.entrySet()) {
            ctx.cancellation().throwIfCancelled();
            ctx.artifacts().write(file.getKey(), file.getValue());
        }
        return AgentResult.of(pack.summary(spec, files.size()));
    }

    @Override
    public String toString() {
        return "PackAgent[" + name + ": " + pack.descriptor().name() + "]";
    }
}
