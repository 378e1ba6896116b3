package io.autonoma.agents.change;

import io.autonoma.core.change.SpecDelta;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.spec.AppSpec;
import java.util.List;
import java.util.Optional;

/**
 * What a change did to an app: the delta, the spec the app has now, what happened to each file and the migration
 * written (none when the schema did not change). When {@link GenerationResult#succeeded() the generation} did not
 * succeed, nothing was written and {@code plan} is empty.
 */
public record ChangeResult(SpecDelta delta, AppSpec spec, ChangePlan plan, Optional<String> migration, GenerationResult generation) {

    /** Whether some file was changed both by the user and by the change in the same place (conflict markers written). */
    public boolean conflicted() {
        return plan.conflicted();
    }

    /** The paths left with conflict markers, to resolve by hand. */
    public List<String> conflicts() {
        return plan.steps().stream().filter(s -> s.action() == ChangePlan.Action.CONFLICT).map(ChangePlan.Step::path).toList();
    }

    public boolean succeeded() {
        return generation == null || generation.succeeded();
    }
}
