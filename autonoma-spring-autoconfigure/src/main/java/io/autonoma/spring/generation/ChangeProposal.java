package io.autonoma.spring.generation;

import io.autonoma.agents.change.ChangePlan;
import io.autonoma.agents.change.ChangeResult;
import io.autonoma.core.pipeline.GenerationEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A change of a stored project worked out but not written: what {@link Generations#propose} answers, kept in memory
 * until {@link Generations#accept} writes it into the store, {@link Generations#discard} forgets it, or it expires.
 * Accepting requires that the store's version of every path of the plan is still {@link #baseVersions() the one it had}.
 *
 * @param id random id to accept or discard it by; null when nothing was kept ({@link Status#UNCHANGED},
 *     {@link Status#FAILED})
 * @param projectId the project the change is for
 * @param owner who owns the project ({@link Generations#projectOwner}, {@link Generations#ANONYMOUS} when unknown):
 *     authorise accepting and discarding against it
 * @param result what {@link io.autonoma.agents.Autonoma#change} decided: delta, new spec, plan, migration, generation
 * @param events the events of the change while it ran (replayed by the run an accepted change becomes)
 * @param createdAt when the change started
 * @param generationRecord the generation record the change produced ({@code .autonoma/generation.json}), kept for the
 *     project when accepted; null when there is none (unchanged, failed)
 * @param baseVersions the store version of every path of the plan when the change read the project (0: absent)
 * @param files the steps of the plan that write or delete a file, with the unified diff of the store's content
 *     (empty for a new file) against the proposed one (empty for a deleted file); steps that leave a file as it is
 *     ({@code KEEP}, {@code KEEP_REMOVED}, {@code KEEP_DELETED}) are not listed
 */
public record ChangeProposal(String id, String projectId, String owner, ChangeResult result, List<GenerationEvent> events,
                             Instant createdAt, byte[] generationRecord, Map<String, Integer> baseVersions,
                             List<ProposedFile> files) {

    public ChangeProposal {
        events = List.copyOf(events);
        generationRecord = generationRecord == null ? null : generationRecord.clone();
        baseVersions = Map.copyOf(baseVersions);
        files = List.copyOf(files);
    }

    /** A copy of the generation record's bytes; null when there is none. */
    @Override
    public byte[] generationRecord() {
        return generationRecord == null ? null : generationRecord.clone();
    }

    /** What accepting would do. */
    public enum Status {
        /** Files to write, none with conflict markers. */
        READY,
        /** Files to write, some of them with conflict markers ({@link ChangeResult#conflicts()}). */
        CONFLICTED,
        /** The request changes nothing: nothing to accept. */
        UNCHANGED,
        /** The generation failed: nothing to accept ({@link ChangeProposal#error()} says why). */
        FAILED
    }

    /** One step of the plan that writes or deletes a file: its unified diff ({@code io.autonoma.agents.change.FileDiff}). */
    public record ProposedFile(String path, ChangePlan.Action action, String diff) {}

    public Status status() {
        if (result.generation() == null) return Status.UNCHANGED;
        if (!result.succeeded()) return Status.FAILED;
        return result.conflicted() ? Status.CONFLICTED : Status.READY;
    }

    /** Why the generation failed; empty unless {@link Status#FAILED}. */
    public Optional<String> error() {
        return status() != Status.FAILED ? Optional.empty()
                : Optional.of(result.generation().error().orElse("the generation failed"));
    }

    /**
     * Paths the new spec no longer generates ({@code DELETE}, {@code KEEP_REMOVED}): accepting deletes nothing (the
     * store cannot), so they stay in the project, as {@link ProjectChange#noLongerGenerated()} says.
     */
    public List<String> noLongerGenerated() {
        return result.plan().steps().stream()
                .filter(s -> s.action() == ChangePlan.Action.DELETE || s.action() == ChangePlan.Action.KEEP_REMOVED)
                .map(ChangePlan.Step::path).toList();
    }

    @Override
    public String toString() {
        return "ChangeProposal[" + id + " of " + projectId + ", " + status() + ", " + files.size() + " files]";
    }
}
