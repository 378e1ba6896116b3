package io.autonoma.spring.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.autonoma.agents.Autonoma;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.pipeline.RunStore;
import io.autonoma.spring.generation.Generation;
import io.autonoma.spring.generation.GenerationQueue;
import io.autonoma.spring.generation.Generations;
import io.autonoma.spring.generation.QuotaExceededException;
import io.autonoma.store.PostgresJobs;
import io.autonoma.store.PostgresRunEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generation as jobs shared by every instance of the application on one PostgreSQL: a {@link GenerationQueue} on
 * <a href="https://github.com/kagkarlsson/db-scheduler">db-scheduler</a>.
 *
 * <ul>
 *   <li><b>Submit</b> ({@link #submit}): the user's quotas are checked, the job row ({@link PostgresJobs}) and the
 *       db-scheduler task are written in one transaction, and the run's request is recorded in the {@link RunStore}
 *       ({@code PostgresRuns}), all before the API answers. Any instance with a free worker picks the task up.</li>
 *   <li><b>Execute</b>: the picking instance runs {@link Autonoma#resume}: the recorded request with the run's
 *       checkpoints, so a first start and a restart are the same code path. An instance that dies (even
 *       {@code kill -9}) stops sending heartbeats; after {@code heartbeat × missedHeartbeats} another instance revives the
 *       task and the run continues from its checkpoints: finished agents are not run again, their model calls not
 *       re-spent.</li>
 *   <li><b>Events</b>: every event is stored by the run recorder and announced with NOTIFY; a client on any instance
 *       gets a {@link Generation#replica} fed from the stored events (replay, then live), in order, across restarts of
 *       the run ({@code seq} numbers the run's whole stream).</li>
 *   <li><b>Cancel</b> from any instance: a waiting job leaves the queue; a running one is flagged and its instance
 *       cancels it within a second.</li>
 * </ul>
 * Thread-safe. {@link #start()} starts the scheduler and the event listener; {@link #close()} stops them (runs still
 * going after the shutdown wait are cancelled here and queued again for another instance).
 */
public final class GenerationJobs implements GenerationQueue, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GenerationJobs.class);

    /** The db-scheduler task name of generation jobs. */
    public static final String TASK = "autonoma-generation";

    /** Told about jobs this instance runs (for metrics). */
    public interface Observer {
        /** Job {@code runId} started here after waiting {@code waited} in the queue; {@code start} > 1 for a revived job. */
        default void started(String runId, Duration waited, int start) {}

        /** Job {@code runId} ended here with {@code status} after running {@code took}. */
        default void finished(String runId, String status, Duration took) {}
    }

    private final Autonoma autonoma;
    private final RunStore runs;
    private final PostgresJobs jobs;
    private final PostgresRunEvents events;
    private final PostgresJobs.Limits limits;
    private final Duration retryAfter;
    private final String instance;
    private final int threads;
    private final List<Observer> observers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Scheduler scheduler;
    private final AtomicInteger runningHere = new AtomicInteger();
    private final Map<String, View> views;
    private volatile AutoCloseable listening;

    private static final class View {
        final Generation.Replica replica;
        PostgresRunEvents.Page page = PostgresRunEvents.Page.START;

        View(Generation.Replica replica) {
            this.replica = replica;
        }
    }

    private GenerationJobs(Builder b) {
        this.autonoma = b.autonoma;
        this.runs = b.autonoma.runs().orElseThrow(() -> new IllegalArgumentException(
                "GenerationJobs needs an Autonoma that records runs in PostgreSQL (Autonoma.builder().runs(PostgresRuns...))"));
        this.jobs = PostgresJobs.create(b.dataSource);
        this.events = PostgresRunEvents.create(b.dataSource, b.storeOwnerId);
        this.limits = b.limits;
        this.retryAfter = b.retryAfter;
        this.instance = b.instance;
        this.threads = b.threads;
        this.observers.addAll(b.observers);
        int maxViews = b.maxViews;
        this.views = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, View> eldest) {
                return size() > maxViews;
            }
        };
        OneTimeTask<Void> task = Tasks.oneTime(TASK)
                // a job whose instance stopped or died keeps its place in the queue (its first execution time), so the next
                // free worker resumes it before jobs submitted after it
                .onFailure((complete, ops) -> ops.reschedule(complete, complete.getExecution().executionTime))
                .onDeadExecution((complete, ops) -> {
                    log.info("job {} lost its instance ({}); queued again at its place", complete.getExecution().taskInstance.getId(),
                            complete.getExecution().pickedBy);
                    ops.reschedule(complete, complete.getExecution().executionTime);
                })
                .execute(this::execute);
        this.scheduler = Scheduler.create(b.dataSource, task)
                .tableName(PostgresJobs.TASKS_TABLE)
                .schedulerName(new SchedulerName.Fixed(instance))
                .threads(b.threads)
                .pollingInterval(b.pollingInterval)
                .heartbeatInterval(b.heartbeat)
                .missedHeartbeatsLimit(b.missedHeartbeats)
                .shutdownMaxWait(b.shutdownWait)
                .enableImmediateExecution()
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts executing jobs and listening for events of runs on other instances. */
    public synchronized GenerationJobs start() {
        if (listening == null) {
            listening = events.listen(this::refreshIfViewed, this::refreshOpenViews, Duration.ofSeconds(1));
            scheduler.start();
        }
        return this;
    }

    /** Tells {@code observer} about the jobs this instance runs from now on. */
    public void observe(Observer observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** This instance's name in the job table ({@code instance}) and db-scheduler's {@code picked_by}. */
    public String instance() { return instance; }

    /** Worker threads of this instance (jobs it runs at once). */
    public int threads() { return threads; }

    /** Jobs running on this instance now. */
    public int runningHere() { return runningHere.get(); }

    /** Jobs waiting for an instance, over all instances. */
    public int queued() { return jobs.queued(); }

    /** Whether the job engine is started and not shutting down. */
    public boolean schedulerRunning() {
        return scheduler.getSchedulerState().isStarted() && !scheduler.getSchedulerState().isShuttingDown();
    }

    @Override
    public Map<String, Object> health() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("up", schedulerRunning());
        h.put("engine", "db-scheduler");
        h.put("instance", instance);
        h.put("scheduler", scheduler.getSchedulerState().isShuttingDown() ? "shutting down"
                : scheduler.getSchedulerState().isStarted() ? "started" : "not started");
        h.put("threads", threads);
        h.put("runningHere", runningHere());
        h.put("queued", queued());
        h.put("running", jobs.running());
        return h;
    }

    /** The job rows (owner, status, instance, starts, usage). */
    public PostgresJobs jobs() { return jobs; }

    // ------------------------------------------------------------------ GenerationQueue

    @Override
    public Generation submit(String owner, String source, String promptNote, GenerationRequest request) {
        Objects.requireNonNull(owner, "owner");
        String runId = request.projectId();
        GenerationRequest recorded = request.toBuilder().option(CheckpointStore.RUN_ID_OPTION, runId).build();
        Optional<PostgresJobs.Rejection> rejected = jobs.submit(runId, owner, source, promptNote, TASK, limits, retryAfter,
                () -> runs.started(runId, recorded));
        if (rejected.isPresent()) {
            throw new QuotaExceededException(rejected.get().reason(), rejected.get().retryAfter());
        }
        scheduler.triggerCheckForDueExecutions();
        return find(owner, runId).orElseThrow(() -> new IllegalStateException("job " + runId + " vanished after it was queued"));
    }

    @Override
    public Optional<Generation> find(String owner, String id) {
        return jobs.find(id).filter(j -> j.owner().equals(owner)).map(j -> {
            View v = view(j);
            refresh(v, j.runId());
            if (!v.replica.generation().finished()) {
                // the job ended without its RunFinished event (it never ran, or the event was lost): end it from the row
                jobs.find(id).filter(PostgresJobs.Job::ended).ifPresent(ended -> {
                    refresh(v, j.runId());
                    if (!v.replica.generation().finished()) v.replica.finish(result(ended));
                });
            }
            return v.replica.generation();
        });
    }

    @Override
    public List<Generation> list(String owner) {
        List<Generation> out = new ArrayList<>();
        for (PostgresJobs.Job j : jobs.list(owner, 500)) {
            View v = view(j);
            if (!v.replica.generation().finished()) {
                refresh(v, j.runId());
                if (!v.replica.generation().finished() && j.ended()) v.replica.finish(result(j));
            }
            out.add(v.replica.generation());
        }
        return out;
    }

    @Override
    public Optional<String> projectOwner(String projectId) {
        return jobs.find(projectId).map(PostgresJobs.Job::owner);
    }

    private View view(PostgresJobs.Job j) {
        synchronized (views) {
            return views.computeIfAbsent(j.runId(), id -> new View(Generation.replica(id, j.owner(), j.createdAt(), j.source(),
                    j.promptNote(), () -> cancel(id))));
        }
    }

    private boolean cancel(String runId) {
        PostgresJobs.Cancel c = jobs.cancel(runId, TASK);
        if (c == PostgresJobs.Cancel.CANCELLED_WHILE_QUEUED) {
            // the run never started: its stream still ends, for clients on every instance
            runs.listener().onEvent(new GenerationEvent.RunFinished(runId, SYNTHETIC_SEQ, Instant.now(), "cancelled",
                    "cancelled before it started", 0));
        }
        return c == PostgresJobs.Cancel.CANCELLED_WHILE_QUEUED || c == PostgresJobs.Cancel.REQUESTED;
    }

    // seq of an event written for a run that did not write it itself: above any seq a run reaches
    private static final long SYNTHETIC_SEQ = 1L << 40;

    private void refreshIfViewed(String runId) {
        View v;
        synchronized (views) {
            v = views.get(runId);
        }
        if (v != null && !v.replica.generation().finished()) refresh(v, runId);
    }

    private void refreshOpenViews() {
        List<Map.Entry<String, View>> open;
        synchronized (views) {
            open = views.entrySet().stream().filter(e -> !e.getValue().replica.generation().finished()).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        }
        open.forEach(e -> refresh(e.getValue(), e.getKey()));
    }

    private void refresh(View v, String runId) {
        synchronized (v) {
            PostgresRunEvents.Page page = events.read(runId, v.page);
            page.events().forEach(v.replica::accept);
            v.page = page;
        }
    }

    private static GenerationResult result(PostgresJobs.Job j) {
        GenerationResult.Status s = switch (j.status()) {
            case "succeeded" -> GenerationResult.Status.SUCCEEDED;
            case "cancelled" -> GenerationResult.Status.CANCELLED;
            default -> GenerationResult.Status.FAILED;
        };
        Duration took = j.startedAt().flatMap(a -> j.finishedAt().map(f -> Duration.between(a, f))).orElse(Duration.ZERO);
        return new GenerationResult(j.runId(), j.runId(), s, Optional.empty(), List.of(), Map.of(), Optional.empty(),
                j.message().isEmpty() ? Optional.empty() : Optional.of(j.message()), took, j.tokens(), j.costMicros());
    }

    // ------------------------------------------------------------------ execution

    /** Thrown to db-scheduler when this instance stops mid-run: the task is queued again for another instance. */
    private static final class Requeue extends RuntimeException {
        Requeue(String message) {
            super(message, null, false, false);
        }
    }

    private void execute(TaskInstance<Void> task, ExecutionContext context) {
        String runId = task.getId();
        Optional<PostgresJobs.Job> started = jobs.started(runId, instance);
        if (started.isEmpty()) {
            log.info("job {} has already ended; nothing to run", runId);
            return;
        }
        PostgresJobs.Job job = started.get();
        Instant t0 = Instant.now();
        runningHere.incrementAndGet();
        try {
            observers.forEach(o -> o.started(runId, job.starts() == 1 ? Duration.between(job.createdAt(), t0) : Duration.ZERO, job.starts()));
            if (job.cancelRequested()) {
                end(runId, "cancelled", "cancelled before it started", 0, 0, t0, true);
                return;
            }
            if (job.starts() > 1) {
                log.info("job {} revived on {} (start {}): resuming from its checkpoints", runId, instance, job.starts());
            }
            RunHandle handle;
            try {
                handle = autonoma.resume(runId, e -> {
                    if (e instanceof GenerationEvent.RunFinished f && "succeeded".equals(f.status())) {
                        Generations.keepRecord(autonoma, runId);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("job {} could not start: {}", runId, e.toString());
                end(runId, "failed", "could not start: " + e.getMessage(), 0, 0, t0, true);
                return;
            }
            GenerationResult r = await(handle, runId);
            String status = r.status().name().toLowerCase(java.util.Locale.ROOT);
            end(runId, status, r.error().orElse(""), r.tokensSpent(), r.costMicros(), t0, false);
        } finally {
            runningHere.decrementAndGet();
        }
    }

    private GenerationResult await(RunHandle handle, String runId) {
        boolean cancelling = false;
        while (true) {
            try {
                return handle.result().get(500, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!cancelling && jobs.cancelRequested(runId)) {
                    cancelling = true;
                    handle.cancel();
                }
            } catch (InterruptedException e) {
                // the instance stops and its shutdown wait is over: stop the run here, another instance resumes it
                handle.cancel();
                try {
                    handle.result().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // it ends as cancelled or not at all; the checkpoints are what the next start uses
                }
                Thread.currentThread().interrupt();
                throw new Requeue("instance " + instance + " stopped while job " + runId + " ran; queued again");
            } catch (ExecutionException e) {
                throw new IllegalStateException("run " + runId + " ended exceptionally", e.getCause());
            }
        }
    }

    private void end(String runId, String status, String message, long tokens, long cost, Instant t0, boolean announce) {
        if (announce) {
            runs.listener().onEvent(new GenerationEvent.RunFinished(runId, SYNTHETIC_SEQ, Instant.now(), status, message, 0));
        }
        if (jobs.finished(runId, status, message, tokens, cost)) {
            Duration took = Duration.between(t0, Instant.now());
            observers.forEach(o -> o.finished(runId, status, took));
        }
    }

    /** Stops the event listener and the scheduler (waiting up to the shutdown wait for jobs running here). */
    @Override
    public synchronized void close() {
        AutoCloseable l = listening;
        listening = null;
        if (l != null) {
            try {
                l.close();
            } catch (Exception e) {
                log.debug("stopping the event listener", e);
            }
        }
        scheduler.stop();
    }

    /** Builds {@link GenerationJobs}; {@link #build()} validates. */
    public static final class Builder {
        private Autonoma autonoma;
        private DataSource dataSource;
        private String storeOwnerId;
        private PostgresJobs.Limits limits = PostgresJobs.Limits.NONE;
        private Duration retryAfter = Duration.ofSeconds(10);
        private String instance = defaultInstance();
        private int threads = 2;
        private Duration pollingInterval = Duration.ofSeconds(1);
        private Duration heartbeat = Duration.ofSeconds(2);
        private int missedHeartbeats = 4;
        private Duration shutdownWait = Duration.ofSeconds(30);
        private int maxViews = 1000;
        private final List<Observer> observers = new ArrayList<>();

        private Builder() {}

        /** Required: runs the jobs; must record runs in PostgreSQL ({@code PostgresRuns} on {@link #dataSource}). */
        public Builder autonoma(Autonoma v) { this.autonoma = v; return this; }
        /** Required: the database of the job queue, the runs and the store (Autonoma's schema migrated). */
        public Builder dataSource(DataSource v) { this.dataSource = v; return this; }
        /** Required: the store's tenant the runs are recorded under ({@code autonoma.store.owner-id}). */
        public Builder storeOwnerId(String v) { this.storeOwnerId = v; return this; }
        /** Per-user limits; default none. */
        public Builder limits(PostgresJobs.Limits v) { this.limits = Objects.requireNonNull(v); return this; }
        /** What a user at the concurrent-runs limit is told to wait; default 10 s. */
        public Builder retryAfter(Duration v) { this.retryAfter = v; return this; }
        /** This instance's name; default host name and process id. */
        public Builder instance(String v) { this.instance = v; return this; }
        /** Jobs this instance runs at once; default 2. */
        public Builder threads(int v) { this.threads = v; return this; }
        /** How often an idle instance looks for due jobs; default 1 s (a submit on the same instance starts at once). */
        public Builder pollingInterval(Duration v) { this.pollingInterval = v; return this; }
        /** How often a running job proves its instance alive; default 2 s. */
        public Builder heartbeat(Duration v) { this.heartbeat = v; return this; }
        /** Missed heartbeats after which a job counts as dead and is revived elsewhere; default 4. */
        public Builder missedHeartbeats(int v) { this.missedHeartbeats = v; return this; }
        /** How long {@link #close()} waits for jobs running here; default 30 s. */
        public Builder shutdownWait(Duration v) { this.shutdownWait = v; return this; }
        /** Runs of other instances kept as replicas in memory; default 1000. */
        public Builder maxViews(int v) { this.maxViews = v; return this; }
        public Builder observer(Observer v) { observers.add(Objects.requireNonNull(v)); return this; }

        /** @throws IllegalArgumentException when something required is missing or a value is out of range */
        public GenerationJobs build() {
            if (autonoma == null) throw new IllegalArgumentException("GenerationJobs needs an Autonoma; call autonoma(...)");
            if (dataSource == null) throw new IllegalArgumentException("GenerationJobs needs the PostgreSQL DataSource; call dataSource(...)");
            if (storeOwnerId == null || storeOwnerId.isBlank()) throw new IllegalArgumentException("GenerationJobs needs the store's owner id; call storeOwnerId(...)");
            if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            if (missedHeartbeats < 1) throw new IllegalArgumentException("missedHeartbeats must be at least 1, was " + missedHeartbeats);
            if (maxViews < 1) throw new IllegalArgumentException("maxViews must be at least 1, was " + maxViews);
            for (Duration d : List.of(retryAfter, pollingInterval, heartbeat, shutdownWait)) {
                if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("durations must be positive, was " + d);
            }
            if (instance == null || instance.isBlank()) throw new IllegalArgumentException("instance must not be blank");
            return new GenerationJobs(this);
        }

        private static String defaultInstance() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
            return host + ":" + ProcessHandle.current().pid();
        }
    }
}
