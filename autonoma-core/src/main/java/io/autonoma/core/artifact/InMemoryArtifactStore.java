package io.autonoma.core.artifact;

import io.autonoma.core.Sha256;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The reference {@link ArtifactStore}: every version of every file kept in memory, lost when the
 * store is garbage-collected. Thread-safe (one read-write lock); artifacts are immutable and
 * copy their content in and out. Semantics exactly as documented on {@link ArtifactStore}.
 *
 * <pre>{@code
 * ArtifactStore store = InMemoryArtifactStore.builder().clock(Clock.systemUTC()).build();
 * }</pre>
 */
public final class InMemoryArtifactStore implements ArtifactStore {
    private final Clock clock;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** project id → path → versions, oldest first. Guarded by {@link #lock}. */
    private final Map<String, TreeMap<String, List<Artifact>>> projects = new HashMap<>();

    /** A store with the system UTC clock; same as {@code builder().build()}. */
    public InMemoryArtifactStore() {
        this(Clock.systemUTC());
    }

    private InMemoryArtifactStore(Clock clock) {
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Artifact put(ArtifactWrite write) {
        Objects.requireNonNull(write, "write");
        String projectId = ArtifactPaths.requireValidProjectId(write.projectId());
        String path = ArtifactPaths.normalize(write.path());
        byte[] content = write.content();
        String sha = Sha256.hex(content);
        lock.writeLock().lock();
        try {
            TreeMap<String, List<Artifact>> files = projects.get(projectId);
            if (files != null) {
                checkNoFileDirectoryClash(files, write.path(), path);
            } else {
                files = new TreeMap<>();
            }
            List<Artifact> versions = files.get(path);
            int version = versions == null ? 1 : versions.size() + 1;
            // Build the artifact before touching the maps: if anything throws, nothing is stored.
            Artifact a = new Artifact(projectId, path, version, content, sha, write.producedBy(), clock.instant());
            files.computeIfAbsent(path, p -> new ArrayList<>()).add(a);
            projects.putIfAbsent(projectId, files);
            return a;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A path may not be a file and a directory: rejects {@code a/b} over file {@code a} and {@code a} over {@code a/b}. */
    private static void checkNoFileDirectoryClash(TreeMap<String, List<Artifact>> files, String raw, String path) {
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            String parent = path.substring(0, i);
            if (files.containsKey(parent)) {
                throw new UnsafePathException(raw, "'" + parent + "' is already a file, so it cannot be a directory");
            }
        }
        String under = files.ceilingKey(path + "/");
        if (under != null && under.startsWith(path + "/")) {
            throw new UnsafePathException(raw, "'" + path + "' is already a directory (it holds '" + under + "')");
        }
    }

    @Override
    public Optional<Artifact> get(String projectId, String path) {
        List<Artifact> versions = versions(projectId, path);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    @Override
    public List<Artifact> list(String projectId) {
        ArtifactPaths.requireValidProjectId(projectId);
        lock.readLock().lock();
        try {
            TreeMap<String, List<Artifact>> files = projects.get(projectId);
            if (files == null) return List.of();
            return files.values().stream().map(v -> v.get(v.size() - 1)).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Artifact> history(String projectId, String path) {
        return versions(projectId, path);
    }

    /** Every version of a file, oldest first (a copy); empty when there is none. */
    private List<Artifact> versions(String projectId, String path) {
        ArtifactPaths.requireValidProjectId(projectId);
        String n = ArtifactPaths.normalize(path);
        lock.readLock().lock();
        try {
            TreeMap<String, List<Artifact>> files = projects.get(projectId);
            List<Artifact> versions = files == null ? null : files.get(n);
            return versions == null ? List.of() : List.copyOf(versions);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<String> projects() {
        lock.readLock().lock();
        try {
            return projects.keySet().stream().sorted().toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryArtifactStore[" + projects().size() + " projects]";
    }

    /** Builds an {@link InMemoryArtifactStore}; every setting is optional. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The clock for {@link Artifact#createdAt()}; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Throws {@link IllegalStateException} when the clock was set to null. */
        public InMemoryArtifactStore build() {
            if (clock == null) throw new IllegalStateException("clock must not be null; leave it unset for the system UTC clock");
            return new InMemoryArtifactStore(clock);
        }
    }
}
