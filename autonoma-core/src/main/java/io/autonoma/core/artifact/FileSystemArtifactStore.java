package io.autonoma.core.artifact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.artifact.internal.Exports;
import io.autonoma.core.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link ArtifactStore} on a local file system; survives restarts. Semantics exactly as
 * documented on {@link ArtifactStore}. Build with {@code builder().root(dir).build()}.
 *
 * <p>Layout under the root:
 * <pre>
 * &lt;root&gt;/&lt;projectId&gt;/&lt;path&gt;                                   latest content (a mirror for people and tools)
 * &lt;root&gt;/&lt;projectId&gt;/.autonoma/history/&lt;path&gt;/v&lt;N&gt;            content of version N
 * &lt;root&gt;/&lt;projectId&gt;/.autonoma/history/&lt;path&gt;/v&lt;N&gt;.json       sha256, size, producedBy, createdAt of version N
 * &lt;root&gt;/&lt;projectId&gt;/.autonoma/lock                             cross-process lock for puts
 * </pre>
 *
 * <p>Durability: a put writes {@code vN}, then {@code vN.json}, then the mirror, each to a temp file
 * in the same directory, fsynced and atomically renamed. {@code vN.json} is the commit point:
 * reads use only committed versions of the history, so a crash at any moment leaves either the
 * old or the new version visible, never a partial file. After a crash the mirror may lag one
 * version behind until the next put of that path, and a temp file ending in
 * {@code .autonoma-tmp} may remain (ignored by every read). A put that fails with an exception
 * removes what it wrote, so no version is stored.
 *
 * <p>Concurrency: puts to one project are serialised by a lock shared by every instance in the JVM
 * on the same root plus a file lock for other processes; reads take no lock. The store does not
 * follow symbolic links that leave the root (such paths throw {@link UnsafePathException}); it
 * assumes no hostile process can rewrite directories under the root while it runs.
 *
 * <p>Files put into the mirror behind the store's back are not seen: the history is the source of truth.
 */
public final class FileSystemArtifactStore implements ArtifactStore {
    private static final String META = ArtifactPaths.RESERVED_DIR;
    private static final Pattern VERSION_META = Pattern.compile("v([1-9][0-9]{0,8})\\.json");
    private static final Map<Path, ReentrantLock> PROJECT_LOCKS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Clock clock;
    private final Exports.WriteHook writeHook;

    private FileSystemArtifactStore(Path root, Clock clock, Exports.WriteHook writeHook) {
        this.root = root;
        this.clock = clock;
        this.writeHook = writeHook;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The real path of the root directory. */
    public Path root() {
        return root;
    }

    // ---------------------------------------------------------------- writes

    @Override
    public Artifact put(ArtifactWrite write) {
        Objects.requireNonNull(write, "write");
        String projectId = ArtifactPaths.requireValidProjectId(write.projectId());
        String path = ArtifactPaths.normalize(write.path());
        byte[] content = write.content();
        String sha = Sha256.hex(content);
        Path projectDir = projectDir(projectId);
        ReentrantLock jvmLock = PROJECT_LOCKS.computeIfAbsent(projectDir, k -> new ReentrantLock());
        jvmLock.lock();
        try {
            Path meta = projectDir.resolve(META);
            Path historyRoot = historyRoot(projectDir); // refuses symbolic links before anything is created
            Files.createDirectories(historyRoot);
            try (FileChannel lockFile = FileChannel.open(meta.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                 FileLock ignored = lockFile.lock()) {
                return putLocked(projectId, write.path(), path, content, sha, write.producedBy(), projectDir, historyRoot);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store '" + path + "' of project '" + projectId + "' under " + root + ": " + e, e);
        } finally {
            jvmLock.unlock();
        }
    }

    private Artifact putLocked(String projectId, String raw, String path, byte[] content, String sha, String producedBy,
                               Path projectDir, Path historyRoot) throws IOException {
        // Every check before the first byte is written.
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            String parent = path.substring(0, i);
            if (!committedVersions(historyRoot.resolve(parent)).isEmpty()) {
                throw new UnsafePathException(raw, "'" + parent + "' is already a file, so it cannot be a directory");
            }
        }
        Path historyDir = ArtifactPaths.resolveInside(historyRoot, path);
        Optional<String> under = firstCommittedBelow(historyRoot, historyDir);
        if (under.isPresent()) {
            throw new UnsafePathException(raw, "'" + path + "' is already a directory (it holds '" + under.get() + "')");
        }
        Path mirror = ArtifactPaths.resolveInside(projectDir, path);
        if (Files.isDirectory(mirror, LinkOption.NOFOLLOW_LINKS)) {
            // Left by a failed put of a file below it (the history says it is no directory). A
            // non-empty one is the user's: deleting fails and the put reports it.
            Files.delete(mirror);
        }
        Files.createDirectories(mirror.getParent());
        Files.createDirectories(historyDir);
        // createDirectories follows links: re-check that nothing on the way left the root.
        ArtifactPaths.resolveInside(projectDir, path);
        ArtifactPaths.resolveInside(historyRoot, path);

        TreeSet<Integer> versions = committedVersions(historyDir);
        int version = versions.isEmpty() ? 1 : versions.last() + 1;
        Instant createdAt = clock.instant();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("path", path);
        meta.put("version", version);
        meta.put("sha256", sha);
        meta.put("size", content.length);
        meta.put("producedBy", producedBy);
        meta.put("createdAt", createdAt.toString());

        Path contentFile = historyDir.resolve("v" + version);
        Path metaFile = historyDir.resolve("v" + version + ".json");
        try {
            Exports.writeAtomically(contentFile, content, writeHook);
            Exports.writeAtomically(metaFile, JSON.writeValueAsBytes(meta), writeHook); // commit point
            Exports.writeAtomically(mirror, content, writeHook);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(metaFile);
                Files.deleteIfExists(contentFile);
            } catch (IOException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        return new Artifact(projectId, path, version, content, sha, producedBy, createdAt);
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<Artifact> get(String projectId, String path) {
        Versions v = versions(projectId, path);
        return v.numbers().isEmpty() ? Optional.empty() : Optional.of(read(projectId, v.path(), v.dir(), v.numbers().last()));
    }

    @Override
    public List<Artifact> list(String projectId) {
        ArtifactPaths.requireValidProjectId(projectId);
        Path projectDir = projectDir(projectId);
        if (!Files.isDirectory(projectDir)) return List.of();
        Path historyRoot = historyRoot(projectDir);
        TreeMap<String, Path> files = new TreeMap<>();
        walkCommitted(historyRoot, historyRoot, dir -> {
            files.put(relative(historyRoot, dir), dir);
            return true;
        });
        List<Artifact> out = new ArrayList<>(files.size());
        files.forEach((p, dir) -> {
            TreeSet<Integer> versions = committedVersions(dir);
            if (!versions.isEmpty()) out.add(read(projectId, p, dir, versions.last()));
        });
        return List.copyOf(out);
    }

    @Override
    public List<Artifact> history(String projectId, String path) {
        Versions v = versions(projectId, path);
        List<Artifact> out = new ArrayList<>();
        for (int n : v.numbers()) {
            out.add(read(projectId, v.path(), v.dir(), n));
        }
        return List.copyOf(out);
    }

    /** A file's normalized path, its history directory and its committed version numbers (none when the project has no such file). */
    private record Versions(String path, Path dir, TreeSet<Integer> numbers) {}

    private Versions versions(String projectId, String path) {
        ArtifactPaths.requireValidProjectId(projectId);
        String n = ArtifactPaths.normalize(path);
        Path projectDir = projectDir(projectId);
        if (!Files.isDirectory(projectDir)) return new Versions(n, projectDir, new TreeSet<>());
        Path historyDir = ArtifactPaths.resolveInside(historyRoot(projectDir), n);
        return new Versions(n, historyDir, committedVersions(historyDir));
    }

    @Override
    public List<String> projects() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                String id = d.getFileName().toString();
                if (!ArtifactPaths.isValidProjectId(id) || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) continue;
                Path historyRoot = d.resolve(META).resolve("history");
                if (Files.isSymbolicLink(d.resolve(META)) || Files.isSymbolicLink(historyRoot)) continue;
                if (firstCommittedBelow(historyRoot, historyRoot).isPresent()) out.add(id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list projects under " + root + ": " + e, e);
        }
        out.sort(null);
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- helpers

    private Path projectDir(String projectId) {
        return ArtifactPaths.resolveInside(root, projectId);
    }

    private static Path historyRoot(Path projectDir) {
        Path meta = projectDir.resolve(META);
        Path history = meta.resolve("history");
        if (Files.isSymbolicLink(meta) || Files.isSymbolicLink(history)) {
            throw new AutonomaException("store metadata under " + projectDir + " is a symbolic link; the store refuses to follow it."
                    + " Replace " + meta + " with a real directory");
        }
        return history;
    }

    /** Versions of one history directory whose {@code vN.json} is a regular file, ascending. */
    private static TreeSet<Integer> committedVersions(Path historyDir) {
        TreeSet<Integer> out = new TreeSet<>();
        if (!Files.isDirectory(historyDir, LinkOption.NOFOLLOW_LINKS)) return out;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(historyDir)) {
            for (Path f : files) {
                Matcher m = VERSION_META.matcher(f.getFileName().toString());
                if (m.matches() && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) out.add(Integer.parseInt(m.group(1)));
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read history " + historyDir + ": " + e, e);
        }
        return out;
    }

    /** The first (any) committed file strictly below {@code dir}, as a project path. */
    private static Optional<String> firstCommittedBelow(Path historyRoot, Path dir) {
        String[] found = new String[1];
        walkCommitted(historyRoot, dir, leaf -> {
            if (leaf.equals(dir)) return true;
            found[0] = relative(historyRoot, leaf);
            return false;
        });
        return Optional.ofNullable(found[0]);
    }

    private interface LeafVisitor {
        /** Returns false to stop the walk. */
        boolean leaf(Path historyDir);
    }

    /** Visits every directory under {@code start} that holds a committed version; skips links and vanishing temp files. */
    private static void walkCommitted(Path historyRoot, Path start, LeafVisitor visitor) {
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && VERSION_META.matcher(file.getFileName().toString()).matches()) {
                        return visitor.leaf(file.getParent()) ? FileVisitResult.SKIP_SIBLINGS : FileVisitResult.TERMINATE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE; // a temp file renamed away
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read history under " + historyRoot + ": " + e, e);
        }
    }

    private static String relative(Path base, Path dir) {
        StringBuilder b = new StringBuilder();
        for (Path part : base.relativize(dir)) {
            if (b.length() > 0) b.append('/');
            b.append(part);
        }
        return b.toString();
    }

    private static Artifact read(String projectId, String path, Path historyDir, int version) {
        Path metaFile = historyDir.resolve("v" + version + ".json");
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = JSON.readValue(metaFile.toFile(), Map.class);
            byte[] content = Files.readAllBytes(historyDir.resolve("v" + version));
            String sha = Sha256.hex(content);
            if (!sha.equals(meta.get("sha256"))) {
                throw new AutonomaException("version " + version + " of '" + path + "' in project '" + projectId
                        + "' is corrupted (sha256 " + sha + " but " + meta.get("sha256") + " was stored) under " + historyDir
                        + "; restore it from a backup or delete " + metaFile + " to drop that version");
            }
            return new Artifact(projectId, path, version, content, sha, String.valueOf(meta.get("producedBy")),
                    Instant.parse(String.valueOf(meta.get("createdAt"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version " + version + " of '" + path + "' under " + historyDir + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "FileSystemArtifactStore[" + root + "]";
    }

    /** Builds a {@link FileSystemArtifactStore}; {@link #root(Path)} is required. */
    public static final class Builder {
        private Path root;
        private Clock clock = Clock.systemUTC();
        private Exports.WriteHook writeHook = Exports.WriteHook.NONE;

        private Builder() {}

        /** The directory holding one sub-directory per project; created if missing. Required. */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /** The clock for {@link Artifact#createdAt()}; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Test seam: called in the middle of every atomic write. */
        Builder writeHook(Exports.WriteHook writeHook) {
            this.writeHook = writeHook;
            return this;
        }

        /**
         * Creates the root if missing. Throws {@link IllegalStateException} when the root or the
         * clock is missing, {@link IllegalArgumentException} when the root exists but is not a
         * directory, {@link UncheckedIOException} when it cannot be created.
         */
        public FileSystemArtifactStore build() {
            if (root == null) throw new IllegalStateException("root is required: call root(Path) with the directory that holds the projects");
            if (clock == null) throw new IllegalStateException("clock must not be null; leave it unset for the system UTC clock");
            if (writeHook == null) throw new IllegalStateException("writeHook must not be null");
            if (Files.exists(root) && !Files.isDirectory(root)) {
                throw new IllegalArgumentException("root " + root + " exists but is not a directory; choose a directory");
            }
            try {
                Files.createDirectories(root);
                return new FileSystemArtifactStore(root.toRealPath(), clock, writeHook);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create store root " + root + ": " + e, e);
            }
        }
    }
}
