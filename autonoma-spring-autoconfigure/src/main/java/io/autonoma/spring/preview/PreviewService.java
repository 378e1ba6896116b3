package io.autonoma.spring.preview;

import io.autonoma.agents.preview.DependencyCache;
import io.autonoma.agents.preview.FastApiPreviewLauncher;
import io.autonoma.agents.preview.Preview;
import io.autonoma.agents.preview.PreviewLauncher;
import io.autonoma.agents.preview.PreviewSupervisor;
import io.autonoma.agents.preview.TooManyPreviewsException;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.ArtifactStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live previews of the projects of the store, one per project: {@link #start} exports the project's current files into
 * {@code <root>/<projectId>} (wiped first), has the {@link Preparer} install what it needs on a worker thread, then
 * runs it under a {@link PreviewSupervisor} (loopback ports, at most {@code maxRunning}, stopped when idle, a dead
 * process reported). Starting a project's preview again replaces the one it has (how a page shows a change).
 * {@link #status} answers where one stands ({@link PreviewStatus}: preparing, starting, running once the app answers,
 * failed or stopped) and counts as activity; {@link #subscribe} follows its log lines and state changes. Thread-safe;
 * {@link #close()} stops every preview.
 */
public final class PreviewService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PreviewService.class);
    private static final int LOG_LINES = 500;
    private static final int STATUS_LOG_LINES = 50;
    private static final PreviewLauncher UNPREPARED = new PreviewLauncher() {
        @Override
        public List<String> ports() {
            throw new IllegalStateException("previews of the service are started with the launcher their preparation made");
        }

        @Override
        public List<Process> processes(Path directory, Map<String, Integer> ports) {
            throw new IllegalStateException("previews of the service are started with the launcher their preparation made");
        }

        @Override
        public String url(Map<String, Integer> ports) {
            throw new IllegalStateException("previews of the service are started with the launcher their preparation made");
        }
    };

    /** Follows one preview: its log lines (those so far first), then each state it reaches. Must not block. */
    public interface Listener {
        void log(String line);

        /** The preview's state changed (and once when subscribing); after an ended one nothing more comes. */
        void state(PreviewStatus status);
    }

    private final ArtifactStore store;
    private final Path root;
    private final Preparer preparer;
    private final int maxRunning;
    private final PreviewSupervisor supervisor;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> projectLocks = new ConcurrentHashMap<>();
    private final ExecutorService preparing;
    private final ScheduledExecutorService monitor;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * {@code root}: where each project's files are exported to run ({@code <root>/<projectId>}); {@code maxRunning}:
     * previews prepared or running at once; {@code idleTimeout}: a preview without {@link #status} this long is stopped.
     */
    public PreviewService(ArtifactStore store, Path root, Preparer preparer, int maxRunning, Duration idleTimeout) {
        this.store = Objects.requireNonNull(store, "store");
        this.root = Objects.requireNonNull(root, "root");
        this.preparer = Objects.requireNonNull(preparer, "preparer");
        this.maxRunning = maxRunning;
        this.supervisor = PreviewSupervisor.builder().launcher(UNPREPARED).maxRunning(maxRunning).idleTimeout(idleTimeout)
                .checkInterval(Duration.ofMillis(500)).build();
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "autonoma-preview-prepare-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.preparing = pool;
        this.monitor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "autonoma-preview-monitor");
            t.setDaemon(true);
            return t;
        });
        monitor.scheduleWithFixedDelay(this::watch, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Previews prepared or running at once, at most. */
    public int maxRunning() {
        return maxRunning;
    }

    /**
     * Starts the preview of {@code projectId} from its current files, replacing the one it has (stopped first); answers
     * at once ({@code preparing}): exporting, installing and starting happen on a worker thread.
     *
     * @throws TooManyPreviewsException when {@code maxRunning} previews of other projects are prepared or running
     */
    public PreviewStatus start(String projectId) {
        return start(projectId, true);
    }

    /**
     * As {@link #start(String)}; {@code keepData}: whether the preview's data (the backend's SQLite database and secret
     * key, see {@link FastApiPreviewLauncher#DATABASE_FILE}) left by the project's previous preview is kept, so that
     * its rows and sessions survive a restart on changed files (the new Alembic revisions migrate it), or wiped.
     */
    public PreviewStatus start(String projectId, boolean keepData) {
        ArtifactPaths.requireValidProjectId(projectId);
        Entry fresh;
        Entry old;
        synchronized (this) {
            long others = entries.values().stream().filter(e -> !e.projectId.equals(projectId) && !e.status(false).ended()).count();
            if (others >= maxRunning) {
                throw new TooManyPreviewsException(maxRunning);
            }
            fresh = new Entry(projectId, clock.instant());
            old = entries.put(projectId, fresh);
        }
        if (old != null) {
            old.cancelNoWait(); // its processes are stopped by the preparation, before its directory is wiped
            fresh.log("[preview] restarting: the previous preview of this project is stopped");
        }
        fresh.log("[preview] preparing the project's current files");
        fresh.log(keepData ? "[preview] keeping the data of the project's previous preview, if any" : "[preview] starting on empty data");
        preparing.execute(() -> prepareAndRun(fresh, old, keepData));
        return fresh.status(false);
    }

    /** Where the preview of {@code projectId} stands, probing whether it answers yet; counts as activity. Empty when it has none. */
    public Optional<PreviewStatus> status(String projectId) {
        Entry e = entries.get(projectId);
        if (e == null) {
            return Optional.empty();
        }
        Preview p = e.preview;
        if (p != null) {
            supervisor.touch(p.id());
        }
        PreviewStatus s = e.status(true);
        e.publish(s);
        return Optional.of(s);
    }

    /** Stops the preview of {@code projectId} (its processes are gone when this returns) and forgets it; false when it has none. */
    public boolean stop(String projectId) {
        Entry e = entries.remove(projectId);
        if (e == null) {
            return false;
        }
        e.cancel();
        e.publish(e.status(false));
        return true;
    }

    /** Follows the preview of {@code projectId}: see {@link Listener}. The handle stops following it. Empty when it has none. */
    public Optional<Runnable> subscribe(String projectId, Listener listener) {
        Entry e = entries.get(projectId);
        return e == null ? Optional.empty() : Optional.of(e.subscribe(listener));
    }

    /** Stops every preview and the service's threads. */
    @Override
    public void close() {
        monitor.shutdownNow();
        preparing.shutdownNow();
        entries.values().forEach(Entry::cancelNoWait);
        supervisor.close();
        entries.values().forEach(e -> e.publish(e.status(false)));
        entries.clear();
    }

    // ------------------------------------------------------------------ preparation

    private void prepareAndRun(Entry e, Entry old, boolean keepData) {
        ReentrantLock lock = projectLocks.computeIfAbsent(e.projectId, k -> new ReentrantLock());
        lock.lock();
        try {
            if (old != null) {
                old.cancel(); // its processes gone before its directory is wiped
            }
            if (e.cancelled) {
                return;
            }
            Path dir = ArtifactPaths.resolveInside(root, e.projectId);
            // a name no project id can have (ids start with a letter or digit)
            Path kept = root.resolve("." + e.projectId + ".data");
            if (Files.exists(kept, LinkOption.NOFOLLOW_LINKS) && !DependencyCache.deleteTree(kept)) {
                throw new IllegalStateException("cannot clear " + kept + " for the preview");
            }
            int keptFiles = keepData ? moveData(dir.resolve("backend"), kept) : 0;
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !DependencyCache.deleteTree(dir)) {
                throw new IllegalStateException("cannot wipe " + dir + " for the preview");
            }
            int files = store.exportTo(e.projectId, dir);
            if (files == 0) {
                throw new IllegalStateException("project '" + e.projectId + "' holds no files yet (is its generation still running?)");
            }
            e.log("[preview] " + files + " files exported into " + dir);
            if (keptFiles > 0) {
                moveData(kept, dir.resolve("backend"));
                e.log("[preview] the previous preview's data kept (its database is migrated to the new files)");
            }
            DependencyCache.deleteTree(kept);
            PreviewLauncher launcher = preparer.prepare(dir, e::log);
            Preview p;
            synchronized (e) {
                if (e.cancelled) {
                    return;
                }
                p = supervisor.start(e.projectId, dir, launcher);
                e.preview = p;
            }
            e.log("[preview] started; waiting for " + p.url() + " to answer");
            p.subscribe(e::log);
            e.publish(e.status(false));
        } catch (Exception | LinkageError x) {
            String reason = x.getMessage() == null ? x.toString() : x.getMessage();
            if (!e.cancelled) {
                log.info("preview of {} failed: {}", e.projectId, reason);
            }
            e.fail(reason);
        } finally {
            lock.unlock();
        }
    }

    /** Moves the preview's data files (the SQLite database with its journals, the secret key) from one directory to another. */
    private static int moveData(Path from, Path to) throws java.io.IOException {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int n = 0;
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                boolean data = name.startsWith(FastApiPreviewLauncher.DATABASE_FILE) || name.equals(FastApiPreviewLauncher.SECRET_KEY_FILE);
                if (data && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                    Files.move(f, to.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    n++;
                }
            }
        }
        return n;
    }

    /** Reports state changes to subscribers, probing the previews that are starting. */
    private void watch() {
        try {
            for (Entry e : entries.values()) {
                if (e.hasListeners() || (e.preview != null && !e.ready)) {
                    e.publish(e.status(true));
                }
            }
        } catch (RuntimeException x) {
            log.warn("watching previews failed", x);
        }
    }

    /** Whether {@code url} (loopback) answers within 2 s with a status {@code ok} accepts. */
    private boolean answers(String url, java.util.function.IntPredicate ok) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return ok.test(r.statusCode());
        } catch (java.io.IOException x) {
            return false;
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ------------------------------------------------------------------ one preview

    private final class Entry {
        final String projectId;
        final Instant startedAt;
        final ArrayDeque<String> logs = new ArrayDeque<>();
        final List<Follower> followers = new CopyOnWriteArrayList<>();
        volatile boolean cancelled;
        volatile Preview preview;
        volatile String failure;
        volatile boolean ready;

        Entry(String projectId, Instant startedAt) {
            this.projectId = projectId;
            this.startedAt = startedAt;
        }

        void log(String line) {
            List<Follower> now;
            synchronized (logs) {
                if (logs.size() == LOG_LINES) logs.removeFirst();
                logs.addLast(line);
                now = List.copyOf(followers);
            }
            now.forEach(f -> f.listener.log(line));
        }

        Runnable subscribe(Listener listener) {
            Follower f = new Follower(listener);
            PreviewStatus now = status(false);
            synchronized (logs) {
                logs.forEach(listener::log);
                followers.add(f);
                f.offer(now);
            }
            return () -> followers.remove(f);
        }

        boolean hasListeners() {
            return !followers.isEmpty();
        }

        void publish(PreviewStatus s) {
            for (Follower f : followers) {
                f.offer(s);
            }
        }

        void fail(String reason) {
            failure = reason;
            log("[preview] failed: " + reason);
            Preview p = preview;
            if (p != null) supervisor.stop(p.id());
            publish(status(false));
        }

        /** Stops it: a preparation in progress does not start it, running processes are killed (waited for). */
        void cancel() {
            Preview p;
            synchronized (this) {
                cancelled = true;
                p = preview;
            }
            if (p != null) supervisor.stop(p.id());
            publish(status(false));
        }

        void cancelNoWait() {
            synchronized (this) {
                cancelled = true;
            }
        }

        PreviewStatus status(boolean probe) {
            Preview p = preview;
            String state;
            String reason = null;
            if (failure != null) {
                state = PreviewStatus.FAILED;
                reason = failure;
            } else if (p == null) {
                state = cancelled ? PreviewStatus.STOPPED : PreviewStatus.PREPARING;
                reason = cancelled ? "stopped" : null;
            } else {
                switch (p.state()) {
                    case RUNNING -> {
                        if (!ready && probe) ready = probe(p);
                        state = ready ? PreviewStatus.RUNNING : PreviewStatus.STARTING;
                    }
                    case FAILED -> {
                        state = PreviewStatus.FAILED;
                        reason = p.reason();
                    }
                    default -> {
                        state = PreviewStatus.STOPPED;
                        reason = p.reason();
                    }
                }
            }
            boolean running = state.equals(PreviewStatus.RUNNING);
            List<String> last;
            synchronized (logs) {
                last = logs.stream().skip(Math.max(0, logs.size() - STATUS_LOG_LINES)).toList();
            }
            return new PreviewStatus(projectId, state, running, p == null ? null : p.url(), p == null ? null : backendUrl(p),
                    reason, startedAt, last);
        }

        /** The frontend answers (any status below 500) and the backend's health is 200. */
        private boolean probe(Preview p) {
            String backend = backendUrl(p);
            return answers(p.url(), code -> code < 500) && (backend == null || answers(backend + "/health", code -> code == 200));
        }
    }

    private static String backendUrl(Preview p) {
        Integer port = p.ports().get("backend");
        return port == null ? null : "http://127.0.0.1:" + port;
    }

    /** One subscriber, told each state once. */
    private static final class Follower {
        final Listener listener;
        private String last;
        private boolean ended;

        Follower(Listener listener) {
            this.listener = listener;
        }

        /** Tells the listener {@code s} unless it told it this state already, or an ended one. */
        synchronized void offer(PreviewStatus s) {
            if (ended || s.state().equals(last)) return;
            last = s.state();
            ended = s.ended();
            listener.state(s);
        }
    }
}
