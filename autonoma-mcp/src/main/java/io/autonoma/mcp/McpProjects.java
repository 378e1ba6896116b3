package io.autonoma.mcp;

import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationResult;
import java.util.concurrent.CompletableFuture;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The projects the MCP tools made, each with its owner: a client sees and changes only its owner's projects (a project
 * of another owner is "unknown", exactly like one that does not exist). Shared by the per-owner servers of one
 * {@link AutonomaMcp}; kept in memory, the oldest finished runs forgotten beyond {@code maxRuns} (their files stay in
 * the store).
 */
public final class McpProjects {

    /** One run of a project: the generation or the latest change, its events so far and, once it ended, its result. */
    public static final class Run {
        private final String projectId;
        private final String owner;
        private final String runId;
        private final CompletableFuture<GenerationResult> result;
        private final Runnable cancel;
        private final Instant started;
        private final List<GenerationEvent> events;
        private final Set<String> deleted = ConcurrentHashMap.newKeySet();

        Run(String projectId, String owner, String runId, CompletableFuture<GenerationResult> result, Runnable cancel,
                List<GenerationEvent> events, Instant started) {
            this.projectId = projectId;
            this.owner = owner;
            this.runId = runId;
            this.result = result;
            this.cancel = cancel;
            this.events = events;
            this.started = started;
        }

        public String projectId() { return projectId; }
        public String owner() { return owner; }
        public String runId() { return runId; }
        public Instant started() { return started; }

        /** Asks the run to stop (nothing when it has ended). */
        public void cancel() {
            cancel.run();
        }

        /** The events so far, in order (a copy). */
        public List<GenerationEvent> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        void add(GenerationEvent e) {
            events.add(e);
        }

        /** The result once the run ended. */
        public Optional<GenerationResult> result() {
            return result.isDone() ? Optional.of(result.join()) : Optional.empty();
        }

        /** Paths a change removed from the app (the store keeps their history; listings leave them out). */
        public Set<String> deleted() {
            return Set.copyOf(deleted);
        }

        void markDeleted(List<String> paths) {
            deleted.addAll(paths);
        }
    }

    private final int maxRuns;
    private final Map<String, Run> byProject = new LinkedHashMap<>();

    public McpProjects(int maxRuns) {
        if (maxRuns < 1) throw new IllegalArgumentException("maxRuns must be at least 1, was " + maxRuns);
        this.maxRuns = maxRuns;
    }

    public McpProjects() {
        this(200);
    }

    /**
     * Records a run of {@code projectId} (a new project, or a change of one {@code owner} owns) as its latest;
     * {@code events} is the list the run's listener appends to; {@code deleted} the paths no longer part of the app.
     */
    public synchronized Run add(String projectId, String owner, String runId, CompletableFuture<GenerationResult> result,
            Runnable cancel, List<GenerationEvent> events, Instant started, List<String> deleted) {
        Run existing = byProject.get(projectId);
        if (existing != null && !existing.owner.equals(owner)) {
            throw new IllegalArgumentException("project '" + projectId + "' belongs to another owner");
        }
        Run run = new Run(projectId, owner, runId, result, cancel, events, started);
        run.markDeleted(deleted);
        byProject.remove(projectId);
        byProject.put(projectId, run);
        if (byProject.size() > maxRuns) {
            byProject.values().stream().filter(r -> r.result.isDone()).findFirst()
                    .ifPresent(oldest -> byProject.remove(oldest.projectId));
        }
        return run;
    }

    /** The project's latest run when {@code owner} owns it. */
    public synchronized Optional<Run> project(String owner, String projectId) {
        Run r = byProject.get(projectId);
        return r != null && r.owner.equals(owner) ? Optional.of(r) : Optional.empty();
    }

    /** The run with this id when {@code owner} owns it. */
    public synchronized Optional<Run> run(String owner, String runId) {
        return byProject.values().stream().filter(r -> r.owner.equals(owner) && r.runId().equals(runId)).findFirst();
    }

    /** The owner's projects, oldest first. */
    public synchronized List<Run> list(String owner) {
        return byProject.values().stream().filter(r -> r.owner.equals(owner)).toList();
    }
}
