package io.autonoma.spring.generation;

import io.autonoma.core.pipeline.GenerationRequest;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link Generations} sends runs instead of running them in this JVM: a queue shared by every instance of the
 * application (the starter's {@code io.autonoma.spring.jobs.GenerationJobs}, on db-scheduler and PostgreSQL). Runs are
 * found by id from any instance; what it returns for a run on another instance is a {@link Generation#replica}.
 */
public interface GenerationQueue {

    /**
     * Queues the run of {@code request} (its project id is also the run id) for {@code owner}.
     *
     * @throws QuotaExceededException when the owner is at one of its limits (nothing queued)
     */
    Generation submit(String owner, String source, String promptNote, GenerationRequest request);

    /** The run {@code id} when {@code owner} asked for it; empty for another owner's or an unknown id. */
    Optional<Generation> find(String owner, String id);

    /** The owner's runs, oldest first. */
    List<Generation> list(String owner);

    /** Who asked for the run that made project {@code projectId}. */
    Optional<String> projectOwner(String projectId);

    /**
     * The queue's state for a health check (e.g. its engine, queue depth, jobs running here); throws when the queue
     * cannot be reached. {@code "up" -> false} marks it down.
     */
    default java.util.Map<String, Object> health() {
        return java.util.Map.of("up", true);
    }
}
