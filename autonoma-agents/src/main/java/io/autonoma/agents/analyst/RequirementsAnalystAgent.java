package io.autonoma.agents.analyst;

import io.autonoma.agents.AgentIds;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.guard.PromptGuard;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.AppSpecValidator;
import java.util.Objects;
import java.util.Optional;

/**
 * The pipeline's first agent ({@link AgentIds#REQUIREMENTS}, no dependencies). If the request carries an
 * {@link AppSpec}, validates it and publishes it unchanged; otherwise reads the request's prompt with
 * an {@link OfflineRequirementsAnalyst}. Publishes the spec under {@link AgentContext#SPEC} and
 * writes it to {@value #SPEC_FILE}. Thread-safe.
 *
 * <p>The prompt is data and was checked once, at the request boundary ({@code Autonoma}, with
 * {@link PromptGuard#apply}); what the guard removed ({@link PromptGuard#note}) is logged and noted in
 * the spec. A pipeline assembled without {@code Autonoma} should apply a {@link PromptGuard} to its
 * requests the same way.
 */
public final class RequirementsAnalystAgent implements Agent {
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
        return AgentIds.REQUIREMENTS.name();
    }

    /**
     * @throws io.autonoma.core.spec.InvalidSpecException if the request's spec is invalid
     * @throws IllegalArgumentException if there is no spec and the prompt is blank or too long
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
            spec = analyst.analyze(ctx.request().prompt());
            Optional<String> guarded = PromptGuard.note(ctx.request());
            if (guarded.isPresent()) {
                ctx.log("prompt guard " + guarded.get());
                spec = spec.toBuilder().note("Prompt guard " + guarded.get() + ".").build();
            }
            summary = "Read the prompt into app spec '" + spec.name() + "': " + spec.entities().size() + " entities ("
                    + String.join(", ", spec.entities().stream().map(e -> e.name()).toList()) + "), "
                    + spec.relations().size() + " relations";
        }
        ctx.log(summary);
        ctx.artifacts().write(SPEC_FILE, AppSpecJson.write(spec));
        return AgentResult.of(summary, AgentContext.SPEC, spec);
    }
}
