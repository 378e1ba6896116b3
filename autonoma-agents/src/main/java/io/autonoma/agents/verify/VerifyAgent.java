package io.autonoma.agents.verify;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.OutputKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The verify stage: after every other agent, writes the project's files into a temporary directory and runs the app's
 * own checks there with a {@link Verifier}. Each check is published as a {@code CheckFinished} event (check, status,
 * counts, duration, the excerpt of the first failures or why it was not verified) as it finishes. A failing check does not fail the run: the app is still written, and the results are this
 * agent's output ({@link #RESULTS}) for the caller to act on (the CLI exits with its own code).
 */
public final class VerifyAgent implements Agent {
    public static final String NAME = "verify";
    /** The results of every check, in the order they ran. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final OutputKey<List<CheckResult>> RESULTS = (OutputKey) OutputKey.of("verify-results", List.class);

    private final Set<String> after;
    private final Verifier verifier;

    public VerifyAgent(Collection<AgentId> after, Verifier verifier) {
        this.after = AgentId.names(after);
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> dependsOn() {
        return after;
    }

    @Override
    public AgentResult run(AgentContext ctx) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Artifact a : ctx.artifacts().list()) {
            files.put(a.path(), a.content());
        }
        List<CheckResult> results = verifier.verifyFiles(files, r -> ctx.checked(r.check(), r.status().name().toLowerCase(Locale.ROOT),
                r.counts(), r.durationMillis(), r.excerpt(), r.isolation()));
        long failed = results.stream().filter(r -> r.status() == CheckResult.Status.FAILED).count();
        long notVerified = results.stream().filter(r -> r.status() == CheckResult.Status.NOT_VERIFIED).count();
        String summary = results.size() - failed - notVerified + " of " + results.size() + " checks passed"
                + (failed > 0 ? ", " + failed + " failed" : "") + (notVerified > 0 ? ", " + notVerified + " not verified" : "");
        return AgentResult.of(summary, RESULTS.name(), List.copyOf(results));
    }
}
