package io.autonoma.spring.generation;

import io.autonoma.agents.Autonoma;
import io.autonoma.agents.change.ChangePlan;
import io.autonoma.agents.change.ChangeRequest;
import io.autonoma.agents.change.ChangeResult;
import io.autonoma.agents.change.GenerationRecord;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.ArtifactWrite;
import io.autonoma.core.guard.PromptGuard;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.spec.AppSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts runs through the application's {@link Autonoma} and remembers them by id, so that status,
 * events (with replay for late subscribers), files and cancellation are available to anyone holding
 * the id (the REST API, your own controllers, a scheduled job). Thread-safe.
 *
 * <ul>
 *   <li>Each run gets a fresh random id, which is also its project id in the store.</li>
 *   <li>Prompts pass the request boundary of {@link Autonoma#request(String)}: empty, oversized or
 *       binary prompts throw {@link PromptGuard.RejectedPromptException}; injection attempts and markup
 *       are removed. The engine, budget and prompt limit are the {@link Autonoma}'s.</li>
 *   <li>At most {@code maxConcurrentRuns} runs at once; one more throws {@link TooManyRunsException}.</li>
 *   <li>At most {@code maxRetainedRuns} finished runs are remembered; the oldest are forgotten first
 *       (their files stay in the store).</li>
 *   <li>A successful generation keeps its record (what {@link Autonoma#export} writes as
 *       {@code .autonoma/generation.json}) in the store, in the project {@link #recordProject(String)};
 *       {@link #change} applies a change to a stored project against it; {@link #propose} works one out without
 *       writing it, to {@link #accept} (or {@link #discard}) once it has been looked at.</li>
 * </ul>
 */
public final class Generations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    /** The owner of runs started without one (an API that is not secured, your own code). */
    public static final String ANONYMOUS = "anonymous";

    private final Autonoma autonoma;
    private final int maxConcurrentRuns;
    private final int maxRetainedRuns;
    private final List<RunResultListener> resultListeners;
    private final GenerationQueue queue;
    private final Semaphore slots;
    private final Clock clock = Clock.systemUTC();
    private final LinkedHashMap<String, Generation> runs = new LinkedHashMap<>();
    private final Object changeLock = new Object();
    private final int maxProposals;
    private final java.time.Duration proposalTtl;
    // proposals waiting to be accepted or discarded, oldest first
    private final LinkedHashMap<String, Prepared> proposals = new LinkedHashMap<>();
    // who owns each project a run of this application made (kept when the run is forgotten: ids are small)
    private final Map<String, String> projectOwners = new java.util.concurrent.ConcurrentHashMap<>();

    private Generations(Builder b) {
        this.autonoma = b.autonoma;
        this.maxConcurrentRuns = b.maxConcurrentRuns;
        this.maxRetainedRuns = b.maxRetainedRuns;
        this.resultListeners = List.copyOf(b.resultListeners);
        this.queue = b.queue;
        this.maxProposals = b.maxProposals;
        this.proposalTtl = b.proposalTtl;
        this.slots = new Semaphore(b.maxConcurrentRuns);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Autonoma autonoma() {
        return autonoma;
    }

    public Pipeline pipeline() {
        return autonoma.pipeline();
    }

    /**
     * Starts a run from the prompt as the request boundary cleaned it.
     *
     * @throws PromptGuard.RejectedPromptException when the prompt is empty, too long or binary
     * @throws TooManyRunsException when the concurrency limit is reached
     */
    public Generation start(String prompt) {
        return start(ANONYMOUS, prompt);
    }

    /** Starts a run from a ready spec (the analyst only validates it). */
    public Generation start(AppSpec spec) {
        return start(ANONYMOUS, spec);
    }

    /** As {@link #start(String)}, owned by {@code owner}: only {@link #find(String, String)} with that owner sees it. */
    public Generation start(String owner, String prompt) {
        return start(owner, "prompt", autonoma.request(prompt));
    }

    /** As {@link #start(AppSpec)}, owned by {@code owner}. */
    public Generation start(String owner, AppSpec spec) {
        return start(owner, "spec", autonoma.request(Objects.requireNonNull(spec, "spec")));
    }

    private Generation start(String owner, String source, GenerationRequest checked) {
        Objects.requireNonNull(owner, "owner");
        if (queue != null) {
            String id = UUID.randomUUID().toString();
            GenerationRequest request = checked.toBuilder().projectId(id).build();
            return queue.submit(owner, source, PromptGuard.note(request).orElse(""), request);
        }
        if (!slots.tryAcquire()) {
            throw new TooManyRunsException(maxConcurrentRuns);
        }
        String id = UUID.randomUUID().toString();
        GenerationRequest request = checked.toBuilder().projectId(id).build();
        Generation generation = new Generation(id, owner, clock.instant(), source, PromptGuard.note(request).orElse(""));
        projectOwners.put(id, owner);
        synchronized (runs) {
            runs.put(id, generation);
        }
        RunHandle handle;
        try {
            handle = autonoma.start(request, e -> {
                if (e instanceof GenerationEvent.RunFinished f && "succeeded".equals(f.status())) {
                    keepRecord(id); // before the run shows as succeeded: no edit can have been saved yet
                }
                generation.onEvent(e);
            });
        } catch (RuntimeException e) {
            slots.release();
            synchronized (runs) {
                runs.remove(id);
            }
            throw e;
        }
        generation.attach(handle);
        handle.result().whenComplete((result, error) -> ended(generation, request, result, error));
        return generation;
    }

    /**
     * Changes a project of the store as {@link Autonoma#change} changes an app on disk: the project's latest files are
     * exported into a temporary directory with the project's kept record ({@link #recordProject(String)}: what the
     * generator last wrote, so edits saved into the store since then count as the user's; a project without one is
     * changed against its {@code app-spec.json} regenerated), the change is applied there, and every file it created,
     * updated, merged or left with conflict markers is put back into the project as a new version of that path (so
     * each file keeps its history); the new record is kept. Nothing is deleted: paths the new spec no longer
     * generates are reported in {@link ProjectChange#noLongerGenerated()}. The change's run is remembered like a
     * generation (source {@code "change"}, its events replayed to subscribers), so it is listed and its status and
     * events are served by id. Changes run one at a time (each takes a run slot too) and block until done. It works
     * the change out as {@link #propose} does and writes it as {@link #accept} does, in one step (a failed generation's
     * run is remembered too).
     *
     * @throws TooManyRunsException when the concurrency limit is reached
     * @throws io.autonoma.agents.change.DestructiveChangeException when the change would drop data and the request
     *     does not allow it (nothing written)
     * @throws IllegalArgumentException when the project holds no files, has no app-spec.json, or the request cannot
     *     be read (nothing written)
     * @throws io.autonoma.core.spec.InvalidSpecException when the changed spec is invalid (nothing written)
     */
    public ProjectChange change(String projectId, ChangeRequest request) {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(request, "request");
        if (!slots.tryAcquire()) {
            throw new TooManyRunsException(maxConcurrentRuns);
        }
        try {
            synchronized (changeLock) {
                return apply(prepare(projectId, request, false).proposal());
            }
        } finally {
            slots.release();
            evict();
        }
    }

    /**
     * Works a change of a project of the store out as {@link #change} does, and writes nothing into the project: the
     * answer shows the delta, what would happen to each file (with its unified diff) and the conflicts, to
     * {@link #accept} or {@link #discard} by its {@link ChangeProposal#id()}. A proposal with something to write
     * ({@link ChangeProposal.Status#READY}, {@link ChangeProposal.Status#CONFLICTED}) is kept in memory, at most
     * {@code maxProposals} of them (the oldest forgotten first) for {@code proposalTtl} each; one that changes nothing
     * or whose generation failed is not kept (its id is null, and no run is remembered). Proposals run one at a time
     * with changes, each taking a run slot, and block until done.
     *
     * @throws TooManyRunsException when the concurrency limit is reached
     * @throws io.autonoma.agents.change.DestructiveChangeException when the change would drop data and the request
     *     does not allow it
     * @throws IllegalArgumentException when the project holds no files, has no app-spec.json, or the request cannot
     *     be read
     * @throws io.autonoma.core.spec.InvalidSpecException when the changed spec is invalid
     */
    public ChangeProposal propose(String projectId, ChangeRequest request) {
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(request, "request");
        if (!slots.tryAcquire()) {
            throw new TooManyRunsException(maxConcurrentRuns);
        }
        try {
            Prepared prepared;
            synchronized (changeLock) {
                prepared = prepare(projectId, request, true);
            }
            ChangeProposal.Status status = prepared.proposal().status();
            if (status != ChangeProposal.Status.READY && status != ChangeProposal.Status.CONFLICTED) {
                return prepared.proposal();
            }
            ChangeProposal p = prepared.proposal();
            ChangeProposal kept = new ChangeProposal(UUID.randomUUID().toString(), p.projectId(), p.owner(), p.result(), p.events(),
                    p.createdAt(), p.generationRecord(), p.baseVersions(), p.files());
            synchronized (proposals) {
                expire();
                proposals.put(kept.id(), new Prepared(kept, prepared.recordVersion()));
                Iterator<Prepared> it = proposals.values().iterator();
                while (proposals.size() > maxProposals && it.hasNext()) {
                    it.next();
                    it.remove();
                }
            }
            return kept;
        } finally {
            slots.release();
        }
    }

    /**
     * Writes a {@link #propose proposed} change into its project exactly as {@link #change} would have (new versions of
     * the files it creates, updates, merges or leaves with conflict markers; the new record kept; the change
     * remembered as a run) and forgets the proposal. Refused, with nothing written and the proposal forgotten, when
     * the store's version of a path of the plan (or of the project's record) moved since the proposal, e.g. a file
     * saved by the user or another change accepted, or when a run of the project is in progress.
     *
     * @throws java.util.NoSuchElementException when no proposal has this id (accepted, discarded, expired or never kept)
     * @throws ProposalConflictException when the project changed since the proposal or a run of it is in progress
     * @throws TooManyRunsException when the concurrency limit is reached
     */
    public ProjectChange accept(String proposalId) {
        Objects.requireNonNull(proposalId, "proposalId");
        if (!slots.tryAcquire()) {
            throw new TooManyRunsException(maxConcurrentRuns);
        }
        try {
            synchronized (changeLock) {
                Prepared prepared;
                synchronized (proposals) {
                    expire();
                    prepared = proposals.remove(proposalId);
                }
                if (prepared == null) {
                    throw new java.util.NoSuchElementException("no proposal '" + proposalId
                            + "' (accepted, discarded or expired): propose the change again");
                }
                ChangeProposal p = prepared.proposal();
                String projectId = p.projectId();
                ArtifactStore store = pipeline().store();
                if (running(p.owner(), projectId)) {
                    throw new ProposalConflictException(projectId, List.of(), "a run of project '" + projectId
                            + "' is in progress: the project changed since the proposal; propose the change again once it has ended");
                }
                List<String> moved = new ArrayList<>();
                p.baseVersions().forEach((path, version) -> {
                    if (store.get(projectId, path).map(Artifact::version).orElse(0) != version.intValue()) {
                        moved.add(path);
                    }
                });
                String recordProject = recordProject(projectId);
                if (recordProject != null
                        && store.get(recordProject, RECORD_FILE).map(Artifact::version).orElse(0) != prepared.recordVersion()) {
                    moved.add(recordProject + "/" + RECORD_FILE);
                }
                if (!moved.isEmpty()) {
                    Collections.sort(moved);
                    throw new ProposalConflictException(projectId, moved, "project '" + projectId + "' changed since the proposal ("
                            + String.join(", ", moved) + " " + (moved.size() == 1 ? "has" : "have") + " a new version); "
                            + "nothing was written: propose the change again");
                }
                return apply(p);
            }
        } finally {
            slots.release();
            evict();
        }
    }

    /** Forgets a proposal without writing it; false when no proposal has this id. */
    public boolean discard(String proposalId) {
        if (proposalId == null) return false;
        synchronized (proposals) {
            expire();
            return proposals.remove(proposalId) != null;
        }
    }

    /** The kept proposal with this id; empty when it is unknown, accepted, discarded or expired. Null-safe. */
    public Optional<ChangeProposal> proposal(String proposalId) {
        if (proposalId == null) return Optional.empty();
        synchronized (proposals) {
            expire();
            return Optional.ofNullable(proposals.get(proposalId)).map(Prepared::proposal);
        }
    }

    /** Whether a run of the project is in progress here (or, with a queue, the run that made it). */
    private boolean running(String owner, String projectId) {
        boolean here;
        synchronized (runs) {
            here = runs.values().stream().anyMatch(g -> g.projectId().equals(projectId) && !g.finished());
        }
        return here || find(owner, projectId).filter(g -> !g.finished()).isPresent();
    }

    private void expire() {
        Instant oldest = clock.instant().minus(proposalTtl);
        proposals.values().removeIf(p -> p.proposal().createdAt().isBefore(oldest));
    }

    /** A proposal and the version of the project's record it was worked out against (0: none). */
    private record Prepared(ChangeProposal proposal, int recordVersion) {}

    /**
     * Runs the change in a temporary directory holding the project's latest files and its record; writes nothing into
     * the project. With {@code diffs}, notes each plan path's store version and the diff of each written or deleted file.
     */
    private Prepared prepare(String projectId, ChangeRequest request, boolean diffs) {
        ArtifactStore store = pipeline().store();
        Path dir;
        try {
            dir = Files.createTempDirectory("autonoma-change-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the change", e);
        }
        try {
            // read before the export: an edit saved in between moves a version and makes accept refuse, never lose it
            Map<String, Artifact> before = new java.util.HashMap<>();
            if (diffs) {
                store.list(projectId).forEach(a -> before.put(a.path(), a));
            }
            String recordProject = recordProject(projectId);
            Optional<Artifact> record = recordProject == null ? Optional.empty() : store.get(recordProject, RECORD_FILE);
            if (store.exportTo(projectId, dir) == 0) {
                throw new IllegalArgumentException("project '" + projectId + "' holds no files");
            }
            if (record.isPresent()) {
                Path file = dir.resolve(GenerationRecord.PATH);
                Files.createDirectories(file.getParent());
                Files.write(file, record.get().content());
            }
            Instant createdAt = clock.instant();
            List<GenerationEvent> events = Collections.synchronizedList(new ArrayList<>());
            ChangeResult result = autonoma.change(dir, request, events::add);
            byte[] produced = null;
            Path producedRecord = dir.resolve(GenerationRecord.PATH);
            if (result.generation() != null && result.succeeded() && Files.isRegularFile(producedRecord)) {
                produced = Files.readAllBytes(producedRecord);
            }
            Map<String, Integer> versions = new LinkedHashMap<>();
            List<ChangeProposal.ProposedFile> files = new ArrayList<>();
            if (diffs && result.succeeded()) {
                for (ChangePlan.Step step : result.plan().steps()) {
                    Artifact was = before.get(step.path());
                    versions.put(step.path(), was == null ? 0 : was.version());
                    boolean deletes = step.action() == ChangePlan.Action.DELETE;
                    if (step.action().writes() || deletes) {
                        String old = was == null ? "" : new String(was.content(), StandardCharsets.UTF_8);
                        String now = deletes ? "" : step.content();
                        files.add(new ChangeProposal.ProposedFile(step.path(), step.action(),
                                io.autonoma.agents.change.FileDiff.unified(step.path(), old, now, 3)));
                    }
                }
            }
            List<GenerationEvent> seen;
            synchronized (events) {
                seen = List.copyOf(events);
            }
            return new Prepared(new ChangeProposal(null, projectId, projectOwner(projectId).orElse(ANONYMOUS), result, seen, createdAt,
                    produced, versions, files), record.map(Artifact::version).orElse(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare project '" + projectId + "' for the change: " + e.getMessage(), e);
        } finally {
            deleteTree(dir);
        }
    }

    /** Writes what {@link #prepare} worked out into the project, keeps the new record and remembers the change's run. */
    private ProjectChange apply(ChangeProposal p) {
        ArtifactStore store = pipeline().store();
        String projectId = p.projectId();
        ChangeResult result = p.result();
        List<ProjectChange.FileChange> files = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        if (result.succeeded()) {
            for (ChangePlan.Step step : result.plan().steps()) {
                int version;
                if (step.action().writes()) {
                    version = store.put(projectId, step.path(), step.content(), "change").version();
                } else {
                    version = store.get(projectId, step.path()).map(Artifact::version).orElse(0);
                }
                if (step.action() == ChangePlan.Action.DELETE || step.action() == ChangePlan.Action.KEEP_REMOVED) {
                    gone.add(step.path());
                }
                files.add(new ProjectChange.FileChange(step.path(), step.action(), version));
            }
        }
        String recordProject = recordProject(projectId);
        byte[] record = p.generationRecord();
        if (result.generation() != null && result.succeeded() && recordProject != null && record != null) {
            keep(store, recordProject, record);
        }
        Optional<Generation> run = Optional.ofNullable(result.generation())
                .map(r -> remember(r, projectId, p.createdAt(), p.events()));
        return new ProjectChange(projectId, result, run, files, gone);
    }

    /**
     * The project where the generation record of {@code projectId} is kept ({@value #RECORD_FILE}, one version per
     * generation or change), or null when the id is too long to derive one. Records cannot live in the project
     * itself: the store reserves {@code .autonoma/}.
     */
    public static String recordProject(String projectId) {
        String p = projectId + RECORD_PROJECT_SUFFIX;
        return ArtifactPaths.isValidProjectId(p) ? p : null;
    }

    /** The suffix of {@link #recordProject(String)}. */
    public static final String RECORD_PROJECT_SUFFIX = ".autonoma-record";
    /** The file of a record project. */
    public static final String RECORD_FILE = "generation.json";

    private void keepRecord(String projectId) {
        keepRecord(autonoma, projectId);
    }

    /**
     * Keeps what a successful generation of {@code projectId} wrote as the project's record (what {@link Autonoma#export}
     * writes), for {@link #change}. Call it before the run shows as succeeded (a {@link GenerationQueue} does).
     */
    public static void keepRecord(Autonoma autonoma, String projectId) {
        ArtifactStore store = autonoma.pipeline().store();
        String recordProject = recordProject(projectId);
        if (recordProject == null || store.get(projectId, "app-spec.json").isEmpty()) {
            return;
        }
        try {
            autonoma.record(projectId).ifPresent(r -> keep(store, recordProject, r.toJson().getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            log.info("no generation record kept for project {} (a change of it will regenerate its app-spec.json as the base): {}",
                    projectId, e.toString());
        }
    }

    private static void keep(ArtifactStore store, String recordProject, byte[] bytes) {
        boolean same = store.get(recordProject, RECORD_FILE).map(a -> java.util.Arrays.equals(a.content(), bytes)).orElse(false);
        if (!same) {
            store.put(new ArtifactWrite(recordProject, RECORD_FILE, bytes, "autonoma"));
        }
    }

    /** The change's run as a finished {@link Generation}: its own events (not those of the base's regeneration). */
    private Generation remember(GenerationResult r, String projectId, Instant createdAt, List<GenerationEvent> events) {
        Generation g = new Generation(r.runId(), projectId, projectOwner(projectId).orElse(ANONYMOUS), createdAt, "change", "");
        List<GenerationEvent> own;
        synchronized (events) {
            own = events.stream().filter(e -> r.runId().equals(e.runId())).toList();
        }
        own.forEach(g::onEvent);
        g.finish(r);
        synchronized (runs) {
            runs.put(g.id(), g);
        }
        for (RunResultListener l : resultListeners) {
            try {
                l.onResult(r);
            } catch (RuntimeException e) {
                log.warn("result listener {} failed for change {}", l, g.id(), e);
            }
        }
        return g;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("cannot delete {}", p, e);
                }
            });
        } catch (IOException e) {
            log.warn("cannot delete the change's temporary directory {}", dir, e);
        }
    }

    private void ended(Generation generation, GenerationRequest request, GenerationResult result, Throwable error) {
        try {
            GenerationResult r = result != null ? result
                    : new GenerationResult(generation.id(), request.projectId(), GenerationResult.Status.FAILED, Optional.empty(),
                            List.of(), Map.of(), Optional.empty(), Optional.of(String.valueOf(error)), java.time.Duration.ZERO, 0, 0);
            generation.finish(r);
            for (RunResultListener l : resultListeners) {
                try {
                    l.onResult(r);
                } catch (RuntimeException e) {
                    log.warn("result listener {} failed for generation {}", l, generation.id(), e);
                }
            }
        } finally {
            slots.release();
            evict();
        }
    }

    private void evict() {
        synchronized (runs) {
            long finished = runs.values().stream().filter(Generation::finished).count();
            Iterator<Generation> it = runs.values().iterator();
            while (finished > maxRetainedRuns && it.hasNext()) {
                if (it.next().finished()) {
                    it.remove();
                    finished--;
                }
            }
        }
    }

    /** The run with this id, or empty when it is unknown or was forgotten. Null-safe. */
    public Optional<Generation> find(String id) {
        if (id == null) return Optional.empty();
        synchronized (runs) {
            return Optional.ofNullable(runs.get(id));
        }
    }

    /** The run with this id when {@code owner} started it (or owns the project it changed); empty otherwise. */
    public Optional<Generation> find(String owner, String id) {
        Optional<Generation> here = find(id).filter(g -> g.owner().equals(owner));
        return here.isPresent() || queue == null ? here : queue.find(owner, id);
    }

    /** Who owns a project a run of this application made; empty for a project it did not make (or made before a restart). */
    public Optional<String> projectOwner(String projectId) {
        if (projectId == null) return Optional.empty();
        Optional<String> here = Optional.ofNullable(projectOwners.get(projectId));
        return here.isPresent() || queue == null ? here : queue.projectOwner(projectId);
    }

    /** The runs of {@code owner}, oldest first: remembered here, and with a {@link GenerationQueue} those of every instance. */
    public List<Generation> list(String owner) {
        List<Generation> here = list().stream().filter(g -> g.owner().equals(owner)).toList();
        if (queue == null) return here;
        List<Generation> all = new ArrayList<>(queue.list(owner));
        all.addAll(here);
        all.sort(Comparator.comparing(Generation::createdAt));
        return List.copyOf(all);
    }

    /** The queue runs are sent to, when there is one. */
    public Optional<GenerationQueue> queue() {
        return Optional.ofNullable(queue);
    }

    /** Every run remembered by this instance, oldest first (with a {@link GenerationQueue}: the changes made here). */
    public List<Generation> list() {
        synchronized (runs) {
            return List.copyOf(new ArrayList<>(runs.values()));
        }
    }

    /** Cancels every run in progress. */
    @Override
    public void close() {
        list().forEach(Generation::cancel);
    }

    /** Builds {@link Generations}; {@link #build()} validates. */
    public static final class Builder {
        private Autonoma autonoma;
        private int maxConcurrentRuns = 4;
        private int maxRetainedRuns = 200;
        private final List<RunResultListener> resultListeners = new ArrayList<>();
        private GenerationQueue queue;
        private int maxProposals = 100;
        private java.time.Duration proposalTtl = java.time.Duration.ofHours(1);

        private Builder() {}

        /** How many {@link Generations#propose proposals} are kept at most; the oldest is forgotten first. Default 100. */
        public Builder maxProposals(int v) { this.maxProposals = v; return this; }

        /** How long a {@link Generations#propose proposal} is kept before it expires. Default one hour. */
        public Builder proposalTtl(java.time.Duration v) { this.proposalTtl = Objects.requireNonNull(v, "proposalTtl"); return this; }

        /**
         * Sends generations to a queue shared by every instance instead of running them in this JVM ({@code maxConcurrentRuns}
         * then bounds changes only; the queue has its own limits). Default none.
         */
        public Builder queue(GenerationQueue v) { this.queue = v; return this; }

        /** Required: what runs the generations (engine, store, budget, prompt limit). */
        public Builder autonoma(Autonoma v) { this.autonoma = v; return this; }
        public Builder maxConcurrentRuns(int v) { this.maxConcurrentRuns = v; return this; }
        public Builder maxRetainedRuns(int v) { this.maxRetainedRuns = v; return this; }
        public Builder resultListener(RunResultListener v) { resultListeners.add(Objects.requireNonNull(v)); return this; }

        /** @throws IllegalArgumentException when no Autonoma is set or a limit is out of range */
        public Generations build() {
            if (autonoma == null) throw new IllegalArgumentException("Generations needs an Autonoma; call autonoma(...)");
            if (maxConcurrentRuns < 1) throw new IllegalArgumentException("maxConcurrentRuns must be at least 1, was " + maxConcurrentRuns);
            if (maxRetainedRuns < 0) throw new IllegalArgumentException("maxRetainedRuns must be 0 or more, was " + maxRetainedRuns);
            if (maxProposals < 0) throw new IllegalArgumentException("maxProposals must be 0 or more, was " + maxProposals);
            if (proposalTtl.isNegative()) throw new IllegalArgumentException("proposalTtl must not be negative, was " + proposalTtl);
            return new Generations(this);
        }
    }
}
