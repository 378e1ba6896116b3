package io.autonoma.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.AutonomaException;
import io.autonoma.core.artifact.internal.Exports;
import io.autonoma.test.ArtifactStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Lives in autonoma-test's src/test/java (not in autonoma-core) because autonoma-test depends on
 * autonoma-core: a test-scoped dependency the other way would be a module cycle. It is in core's
 * package to reach the package-private write hook of the builder.
 */
class FileSystemArtifactStoreTest extends ArtifactStoreContract {

    @TempDir
    Path tmp;

    private final AtomicInteger roots = new AtomicInteger();

    /** Every call gets its own empty root, so two stores of one test never share files. */
    @Override
    protected ArtifactStore newStore() {
        return FileSystemArtifactStore.builder().root(tmp.resolve("root" + roots.incrementAndGet())).build();
    }

    private FileSystemArtifactStore fs() {
        return (FileSystemArtifactStore) store;
    }

    private Path root() {
        return fs().root();
    }

    // ------------------------------------------------------------------ layout

    @Test
    void lays_out_latest_file_and_history_with_sidecar_metadata() throws IOException {
        Instant t = Instant.parse("2026-11-25T12:00:00Z");
        FileSystemArtifactStore s = FileSystemArtifactStore.builder().root(tmp.resolve("layout")).clock(Clock.fixed(t, ZoneOffset.UTC)).build();

        s.put("p", "a/b.txt", "one", "agent-1");
        s.put("p", "a/b.txt", "two", "agent-2");

        Path project = s.root().resolve("p");
        Path history = project.resolve(".autonoma/history/a/b.txt");
        assertThat(Files.readString(project.resolve("a/b.txt"))).isEqualTo("two");
        assertThat(Files.readString(history.resolve("v1"))).isEqualTo("one");
        assertThat(Files.readString(history.resolve("v2"))).isEqualTo("two");
        String meta = Files.readString(history.resolve("v2.json"));
        assertThat(meta).contains("\"producedBy\":\"agent-2\"", "\"createdAt\":\"2026-11-25T12:00:00Z\"",
                "\"sha256\":\"" + sha256("two".getBytes(StandardCharsets.UTF_8)) + "\"", "\"version\":2");
        assertThat(s.get("p", "a/b.txt").orElseThrow().createdAt()).isEqualTo(t);
        assertThat(s.list("p")).extracting(Artifact::path).containsExactly("a/b.txt");
    }

    @Test
    void list_and_export_never_show_the_store_metadata(@TempDir Path out) throws IOException {
        store.put("p", "x.txt", "1", "t");
        store.put("p", "x.txt", "2", "t");

        store.exportTo("p", out);

        assertThat(store.list("p")).extracting(Artifact::path).containsExactly("x.txt");
        assertThat(out.resolve(".autonoma")).doesNotExist();
        assertThat(unzip(zip("p")).keySet()).containsExactly("x.txt");
    }

    @Test
    void shell_scripts_are_executable_and_files_keep_the_umask_permissions() throws IOException {
        store.put("p", "run.sh", "#!/bin/sh\n", "t");
        store.put("p", "plain.txt", "x", "t");
        Path reference = Files.createFile(root().resolve("reference"));

        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(root().resolve("p/plain.txt"));

        assertThat(plain).isEqualTo(Files.getPosixFilePermissions(reference));
        assertThat(Files.isExecutable(root().resolve("p/run.sh"))).isTrue();
    }

    @Test
    void files_outside_project_directories_are_not_projects() throws IOException {
        Files.writeString(root().resolve("stray.txt"), "x");
        Files.createDirectories(root().resolve("empty-dir"));
        Files.createDirectories(root().resolve(".hidden/.autonoma/history"));
        store.put("p", "a", "1", "t");

        assertThat(store.projects()).containsExactly("p");
    }

    // ------------------------------------------------------------------ reopen

    @Test
    void a_new_instance_on_the_same_root_sees_the_same_files_and_versions() {
        Instant t = Instant.parse("2026-01-01T00:00:00.123456789Z");
        FileSystemArtifactStore first = FileSystemArtifactStore.builder().root(tmp.resolve("shared")).clock(Clock.fixed(t, ZoneOffset.UTC)).build();
        first.put("p1", "a.txt", "one", "x");
        first.put("p1", "a.txt", "two", "y");
        first.put("p2", "dir/b.bin", "b", "z");

        FileSystemArtifactStore reopened = FileSystemArtifactStore.builder().root(tmp.resolve("shared")).build();

        assertThat(reopened.projects()).containsExactly("p1", "p2");
        assertThat(reopened.list("p1")).containsExactlyElementsOf(first.list("p1"));
        assertThat(reopened.history("p1", "a.txt")).extracting(Artifact::text, Artifact::producedBy, Artifact::createdAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("one", "x", t), org.assertj.core.groups.Tuple.tuple("two", "y", t));
        assertThat(reopened.get("p2", "dir/b.bin").orElseThrow().sha256()).isEqualTo(first.get("p2", "dir/b.bin").orElseThrow().sha256());
        assertThat(reopened.put("p1", "a.txt", "three", "w").version()).isEqualTo(3);
        assertThat(first.get("p1", "a.txt").orElseThrow().text()).isEqualTo("three");
    }

    @Test
    void two_instances_on_one_root_share_one_version_sequence() throws Exception {
        FileSystemArtifactStore a = FileSystemArtifactStore.builder().root(tmp.resolve("twice")).build();
        FileSystemArtifactStore b = FileSystemArtifactStore.builder().root(tmp.resolve("twice")).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Artifact>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                FileSystemArtifactStore s = i % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> s.put("p", "same.txt", "x", "t")));
            }
            List<Integer> versions = new ArrayList<>();
            for (Future<Artifact> f : futures) versions.add(f.get(60, TimeUnit.SECONDS).version());

            assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ symbolic links

    @Test
    void rejects_writes_through_a_symlink_that_leaves_the_root() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        store.put("p", "ok.txt", "1", "t");
        Files.createSymbolicLink(root().resolve("p/link"), outside);

        assertThatThrownBy(() -> store.put("p", "link/evil.txt", "x", "t"))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> store.put("p", "link/deeper/evil.txt", "x", "t")).isInstanceOf(UnsafePathException.class);

        assertThat(outside).isEmptyDirectory();
        assertThat(store.list("p")).extracting(Artifact::path).containsExactly("ok.txt");
        assertThat(root().resolve("p/.autonoma/history/link")).doesNotExist();
    }

    @Test
    void rejects_a_symlink_in_the_history_that_leaves_the_root() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside-h"));
        store.put("p", "ok.txt", "1", "t");
        Files.createSymbolicLink(root().resolve("p/.autonoma/history/dir"), outside);

        assertThatThrownBy(() -> store.put("p", "dir/a.txt", "x", "t")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> store.get("p", "dir/a.txt")).isInstanceOf(UnsafePathException.class);

        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void rejects_a_project_directory_that_is_a_symlink_out_of_the_root() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside-p"));
        Files.createSymbolicLink(root().resolve("evil"), outside);

        assertThatThrownBy(() -> store.put("evil", "a.txt", "x", "t")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> store.list("evil")).isInstanceOf(UnsafePathException.class);

        assertThat(outside).isEmptyDirectory();
        assertThat(store.projects()).isEmpty();
    }

    @Test
    void refuses_a_metadata_directory_that_is_a_symlink() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside-m"));
        Files.createDirectories(root().resolve("p"));
        Files.createSymbolicLink(root().resolve("p/.autonoma"), outside);

        assertThatThrownBy(() -> store.put("p", "a.txt", "x", "t")).isInstanceOf(AutonomaException.class).hasMessageContaining("symbolic link");

        assertThat(outside).isEmptyDirectory();
        assertThat(store.projects()).isEmpty();
    }

    @Test
    void rejects_a_dangling_symlink() throws IOException {
        store.put("p", "ok.txt", "1", "t");
        Files.createSymbolicLink(root().resolve("p/dangling"), tmp.resolve("does-not-exist"));

        assertThatThrownBy(() -> store.put("p", "dangling/a.txt", "x", "t")).isInstanceOf(UnsafePathException.class);
        assertThat(tmp.resolve("does-not-exist")).doesNotExist();
    }

    @Test
    void allows_a_symlink_that_stays_inside_the_root() throws IOException {
        store.put("p", "real/a.txt", "1", "t");
        Files.createSymbolicLink(root().resolve("p/alias"), root().resolve("p/real"));

        assertThat(store.put("p", "alias/b.txt", "2", "t").version()).isEqualTo(1);
        assertThat(Files.readString(root().resolve("p/real/b.txt"))).isEqualTo("2");
    }

    @Test
    void export_refuses_a_symlink_out_of_the_target_directory(@TempDir Path out) throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside-e"));
        Files.createSymbolicLink(out.resolve("src"), outside);
        store.put("p", "src/a.txt", "x", "t");

        assertThatThrownBy(() -> store.exportTo("p", out)).isInstanceOf(UnsafePathException.class);
        assertThat(outside).isEmptyDirectory();
    }

    // ------------------------------------------------------------------ atomic writes and crashes

    /** Thrown by the hook to stand for a failure (disk full, I/O error) in the middle of a write. */
    private static IOException diskFull() {
        return new IOException("simulated: no space left on device");
    }

    /** The n-th atomic write of a put (1 = history content, 2 = metadata/commit, 3 = mirror) fails halfway. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void a_put_that_fails_mid_write_stores_nothing_and_leaves_no_temp_file(int failingWrite) throws IOException {
        AtomicInteger writes = new AtomicInteger();
        AtomicBoolean armed = new AtomicBoolean(false);
        FileSystemArtifactStore s = FileSystemArtifactStore.builder().root(tmp.resolve("failing"))
                .writeHook((tmpFile, target) -> {
                    assertThat(tmpFile.getFileName().toString()).endsWith(Exports.TEMP_SUFFIX);
                    assertThat(tmpFile.getParent()).isEqualTo(target.getParent());
                    if (armed.get() && writes.incrementAndGet() == failingWrite) throw diskFull();
                })
                .build();
        s.put("p", "a.txt", "version one", "t");
        armed.set(true);

        assertThatThrownBy(() -> s.put("p", "a.txt", "version two, never complete", "t"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("no space left");

        assertThat(s.get("p", "a.txt").orElseThrow()).extracting(Artifact::version, Artifact::text).containsExactly(1, "version one");
        assertThat(s.history("p", "a.txt")).hasSize(1);
        assertThat(Files.readString(s.root().resolve("p/a.txt"))).isEqualTo("version one");
        assertThat(tempFiles(s.root())).isEmpty();
        FileSystemArtifactStore reopened = FileSystemArtifactStore.builder().root(s.root()).build();
        assertThat(reopened.history("p", "a.txt")).extracting(Artifact::text).containsExactly("version one");
        assertThat(reopened.put("p", "a.txt", "version two", "t").version()).isEqualTo(2);
        assertThat(Files.readString(s.root().resolve("p/a.txt"))).isEqualTo("version two");
    }

    /** Stands for the process dying: no catch block and no rollback runs after it. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    /**
     * The process dies in the middle of the n-th write of a put, leaving the half-written temp file
     * behind (copied aside before the crash, because the JVM still runs finally blocks). A store
     * opened afterwards sees a consistent state and the next put works.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void a_crash_mid_write_leaves_old_or_new_version_never_a_partial_file(int crashingWrite) throws IOException {
        Path rootDir = tmp.resolve("crash");
        AtomicInteger writes = new AtomicInteger();
        AtomicBoolean armed = new AtomicBoolean(false);
        FileSystemArtifactStore s = FileSystemArtifactStore.builder().root(rootDir)
                .writeHook((tmpFile, target) -> {
                    if (armed.get() && writes.incrementAndGet() == crashingWrite) {
                        Files.copy(tmpFile, tmpFile.resolveSibling(".tcrashed" + Exports.TEMP_SUFFIX));
                        throw new SimulatedCrash();
                    }
                })
                .build();
        s.put("p", "a.txt", "version one", "t");
        armed.set(true);
        assertThatThrownBy(() -> s.put("p", "a.txt", "version two", "t")).isInstanceOf(SimulatedCrash.class);
        assertThat(tempFiles(s.root())).hasSize(1);

        FileSystemArtifactStore after = FileSystemArtifactStore.builder().root(rootDir).build();

        // Before the commit point (write 2 completes) the old version is visible; after it, the new one.
        String expected = crashingWrite == 3 ? "version two" : "version one";
        assertThat(after.get("p", "a.txt").orElseThrow().text()).isEqualTo(expected);
        assertThat(after.history("p", "a.txt")).hasSize(crashingWrite == 3 ? 2 : 1);
        assertThat(after.list("p")).extracting(Artifact::path).containsExactly("a.txt");
        assertThat(Files.readString(after.root().resolve("p/a.txt"))).isEqualTo("version one"); // mirror never partial
        Artifact next = after.put("p", "a.txt", "version three", "t");
        assertThat(next.version()).isEqualTo(crashingWrite == 3 ? 3 : 2);
        assertThat(after.history("p", "a.txt")).extracting(Artifact::text).last().isEqualTo("version three");
        assertThat(Files.readString(after.root().resolve("p/a.txt"))).isEqualTo("version three");
    }

    @Test
    void a_failed_put_below_a_path_does_not_block_a_file_there() {
        AtomicBoolean fail = new AtomicBoolean(true);
        FileSystemArtifactStore s = FileSystemArtifactStore.builder().root(tmp.resolve("blocked"))
                .writeHook((tmpFile, target) -> {
                    if (fail.get()) throw diskFull();
                })
                .build();
        assertThatThrownBy(() -> s.put("p", "a/b", "x", "t")).isInstanceOf(UncheckedIOException.class);
        fail.set(false);

        assertThat(s.put("p", "a", "now a file", "t").version()).isEqualTo(1);
        assertThat(s.list("p")).extracting(Artifact::path).containsExactly("a");
        assertThat(s.root().resolve("p/a")).isRegularFile().hasContent("now a file");
    }

    @Test
    void a_directory_the_store_does_not_know_is_not_replaced() throws IOException {
        store.put("p", "x.txt", "1", "t");
        Files.createDirectories(root().resolve("p/mine"));
        Files.writeString(root().resolve("p/mine/notes.txt"), "user data");

        assertThatThrownBy(() -> store.put("p", "mine", "x", "t")).isInstanceOf(UncheckedIOException.class);

        assertThat(root().resolve("p/mine/notes.txt")).hasContent("user data");
        assertThat(store.get("p", "mine")).isEmpty();
    }

    @Test
    void a_leftover_uncommitted_version_is_ignored_and_replaced() throws IOException {
        store.put("p", "a.txt", "one", "t");
        Path history = root().resolve("p/.autonoma/history/a.txt");
        Files.writeString(history.resolve("v2"), "half of tw");

        assertThat(store.history("p", "a.txt")).extracting(Artifact::text).containsExactly("one");
        assertThat(store.put("p", "a.txt", "two", "t").version()).isEqualTo(2);
        assertThat(newStoreOn(root()).get("p", "a.txt").orElseThrow().text()).isEqualTo("two");
    }

    @Test
    void a_concurrent_reader_never_sees_partial_content() throws Exception {
        int size = 256 * 1024;
        store.put(new ArtifactWrite("p", "big.bin", filled(size, 0), "t"));
        Path mirror = root().resolve("p/big.bin");
        AtomicBoolean done = new AtomicBoolean(false);
        AtomicReference<String> problem = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        java.util.concurrent.CountDownLatch readerRunning = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            while (!done.get() && problem.get() == null) {
                try {
                    check(Files.readAllBytes(mirror), size, "mirror", problem);
                    check(store.get("p", "big.bin").orElseThrow().content(), size, "get", problem);
                    reads.incrementAndGet();
                    readerRunning.countDown();
                } catch (NoSuchFileException e) {
                    problem.set("mirror vanished during a rename: " + e);
                } catch (Exception e) {
                    problem.set(e.toString());
                }
            }
        });
        reader.start();
        try {
            assertThat(readerRunning.await(30, TimeUnit.SECONDS)).as("reader started").isTrue();
            for (int v = 1; v <= 40; v++) {
                store.put(new ArtifactWrite("p", "big.bin", filled(size, v), "t"));
            }
        } finally {
            done.set(true);
            reader.join(30_000);
        }

        assertThat(problem.get()).isNull();
        assertThat(reads.get()).isGreaterThan(1);
        assertThat(store.get("p", "big.bin").orElseThrow().version()).isEqualTo(41);
        assertThat(tempFiles(root())).isEmpty();
    }

    @Test
    void corrupted_history_content_is_reported_not_returned() throws IOException {
        store.put("p", "a.txt", "good", "t");
        Files.writeString(root().resolve("p/.autonoma/history/a.txt/v1"), "evil");

        assertThatThrownBy(() -> store.get("p", "a.txt")).isInstanceOf(AutonomaException.class).hasMessageContaining("corrupted");
    }

    // ------------------------------------------------------------------ builder

    @Test
    void build_requires_a_root() {
        assertThatThrownBy(() -> FileSystemArtifactStore.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("root");
    }

    @Test
    void build_rejects_a_root_that_is_a_file() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");

        assertThatThrownBy(() -> FileSystemArtifactStore.builder().root(file).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a directory");
    }

    @Test
    void build_creates_a_missing_root() {
        Path missing = tmp.resolve("a/b/c");

        FileSystemArtifactStore s = FileSystemArtifactStore.builder().root(missing).build();

        assertThat(missing).isDirectory();
        assertThat(s.projects()).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    private static FileSystemArtifactStore newStoreOn(Path root) {
        return FileSystemArtifactStore.builder().root(root).build();
    }

    private static List<Path> tempFiles(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().endsWith(Exports.TEMP_SUFFIX)).toList();
        }
    }

    private static byte[] filled(int size, int value) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static void check(byte[] content, int size, String where, AtomicReference<String> problem) {
        if (content.length != size) {
            problem.set(where + ": read " + content.length + " bytes, expected " + size);
            return;
        }
        for (byte b : content) {
            if (b != content[0]) {
                problem.set(where + ": mixed content");
                return;
            }
        }
    }
}
