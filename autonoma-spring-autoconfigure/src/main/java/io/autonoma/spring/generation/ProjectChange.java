package io.autonoma.spring.generation;

import io.autonoma.agents.change.ChangePlan;
import io.autonoma.agents.change.ChangeResult;
import java.util.List;
import java.util.Optional;

/**
 * What {@link Generations#change} did to a project in the store.
 *
 * @param projectId the project changed
 * @param result what {@link io.autonoma.agents.Autonoma#change} decided: delta, new spec, plan, migration, generation
 * @param run the change's run, remembered like a generation ({@link Generation#source()} {@code "change"}); empty when
 *     the request changed nothing (no run was needed)
 * @param files every path of the plan with its action and the store version it has now (a new version for
 *     {@code CREATE}, {@code UPDATE}, {@code MERGE} and {@code CONFLICT}; 0 for a path the project does not hold)
 * @param noLongerGenerated paths the new spec no longer generates ({@code DELETE}, {@code KEEP_REMOVED}): an
 *     {@link io.autonoma.core.artifact.ArtifactStore} deletes nothing, so they stay in the project; remove them from
 *     your copy
 */
public record ProjectChange(String projectId, ChangeResult result, Optional<Generation> run, List<FileChange> files,
                            List<String> noLongerGenerated) {

    public ProjectChange {
        files = List.copyOf(files);
        noLongerGenerated = List.copyOf(noLongerGenerated);
    }

    /** One path of the plan: what the change did to it and the version the store holds now. */
    public record FileChange(String path, ChangePlan.Action action, int version) {}

    /** Whether a file was written with conflict markers. */
    public boolean conflicted() {
        return result.conflicted();
    }
}
