package io.autonoma.agents.analyst;

import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.guard.PromptGuard;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.AppSpecValidator;
import java.util.Map;
import java.util.Objects;

/**
 * The pipeline's first agent ({@value #NAME}, no dependencies). If the request carries an
 * {@link AppSpec}, validates it and publishes it unchanged; otherwise reads the request's prompt with
 * an {@link OfflineRequirementsAnalyst}. Publishes the spec under {@link AgentContext#SPEC_KEY} and
 * writes it to {@value #SPEC_FILE}. Thread-safe.
 */
public final class RequirementsAnalystAgent implements Agent {
    /** The agent's name in a pipeline. */
    public static final String NAME = "requirements";
    /** The file the spec is written to. */
    public static final String SPEC_FILE = "app-spec.json";

    private final OfflineRequirementsAnalyst analyst;

    /** An agent with {@link OfflineRequirementsAnalyst#create()}. */
    public RequirementsAnalystAgent() {
        this(OfflineRequirementsAnalyst.create());
    }

    public RequirementsAnalystAgent(OfflineRequirementsAnalyst analyst) {
        this.analyst = Objects.requireNonNull(analyst, "analyst");
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @throws io.autonoma.core.spec.InvalidSpecException if the request's spec is invalid
     * @throws IllegalArgumentException if there is no spec and the prompt is blank
     * @throws PromptGuard.RejectedPromptException if the prompt is binary, too long or nothing but an attack
     */
    @Override
    public AgentResult run(AgentContext ctx) {
        AppSpec spec;
        String summary;
        if (ctx.request().spec().isPresent()) {
            spec = ctx.request().spec().get();
            AppSpecValidator.validate(spec).throwIfInvalid();
            summary = "Using the given app spec '" + spec.name() + "' (" + spec.entities().size() + " entities)";
        } else {
            ctx.cancellation().throwIfCancelled();
            // The prompt is data: neutralise text aimed at models or at the generated code first.
            PromptGuard.Result guarded = PromptGuard.defaults().check(ctx.request().prompt());
            spec = analyst.analyze(guarded.prompt());
            if (guarded.changed()) {
                ctx.log("prompt guard " + guarded.summary());
                spec = spec.toBuilder().note("Prompt guard " + guarded.summary() + ".").build();
            }
            summary = "Read the prompt into app spec '" + spec.name() + "': " + spec.entities().size() + " entities ("
                    + String.join(", ", spec.entities().stream().map(e -> e.name()).toList()) + "), "
                    + spec.relations().size() + " relations";
        }
        ctx.log(summary);
        ctx.artifacts().write(SPEC_FILE, AppSpecJson.write(spec));
        return new AgentResult(summary, Map.of(AgentContext.SPEC_KEY, spec));
    }
}
