package io.autonoma.spring.generation;

import java.util.List;

/**
 * {@link Generations#accept} refused a {@link ChangeProposal}: the project changed since it was proposed (a file of its
 * plan has a new version, or its generation record has) or a run of the project is in progress. Nothing was written;
 * the proposal is forgotten: propose the change again.
 */
public final class ProposalConflictException extends RuntimeException {
    private final String projectId;
    private final List<String> moved;

    public ProposalConflictException(String projectId, List<String> moved, String message) {
        super(message);
        this.projectId = projectId;
        this.moved = List.copyOf(moved);
    }

    public String projectId() {
        return projectId;
    }

    /** The paths whose store version moved since the proposal (empty when a run in progress was the reason). */
    public List<String> moved() {
        return moved;
    }
}
