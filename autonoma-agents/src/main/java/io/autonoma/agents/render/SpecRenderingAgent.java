package io.autonoma.agents.render;

import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An agent whose files are a pure function of the app spec: {@link #render(AppSpec)} says what to
 * write, this class reads the spec from the context, writes the files (checking for cancellation
 * between them) and reports. Subclasses decide the files and the summary.
 */
public abstract class SpecRenderingAgent implements Agent {
    private final String name;
    private final Set<String> dependsOn;

    protected SpecRenderingAgent(AgentId id, AgentId... dependsOn) {
        this.name = Objects.requireNonNull(id, "id").name();
        this.dependsOn = AgentId.names(dependsOn);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> dependsOn() {
        return dependsOn;
    }

    /** The files for {@code spec}: project-relative path → content, in a stable order. */
    public abstract Map<String, String> render(AppSpec spec);

    /** One line for the AgentFinished event. */
    protected abstract String summary(AppSpec spec, int fileCount);

    @Override
    public final AgentResult run(AgentContext ctx) {
        AppSpec spec = ctx.spec().orElseThrow(() -> new AutonomaException(
                "the " + name + " agent needs an app spec: run the requirements agent first or pass a spec"));
        Map<String, String> files = render(spec);
        for (Map.Entry<String, String> file : files.entrySet()) {
            ctx.cancellation().throwIfCancelled();
            ctx.artifacts().write(file.getKey(), file.getValue());
        }
        return AgentResult.of(summary(spec, files.size()));
    }
}
