package io.autonoma.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.ArtifactWrite;
import io.autonoma.core.artifact.UnsafePathException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link ArtifactStore} must have, exactly as its Javadoc states. An
 * implementation's test extends this class and implements {@link #newStore()}; each test method
 * gets a fresh, empty store.
 */
public abstract class ArtifactStoreContract {

    /** Returns a new, empty store. Called once before every test. */
    protected abstract ArtifactStore newStore() throws Exception;

    protected ArtifactStore store;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    // ------------------------------------------------------------------ put / get

    @Test
    void put_returns_version_1_then_2() {
        Artifact first = store.put("p1", "a.txt", "one", "tester");
        Artifact second = store.put("p1", "a.txt", "two", "tester");

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(first.text()).isEqualTo("one");
        assertThat(second.text()).isEqualTo("two");
    }

    @Test
    void put_fills_project_normalised_path_sha256_producer_and_time() throws Exception {
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);

        Artifact a = store.put(new ArtifactWrite("p1", "./src/main.py", bytes, "backend-agent"));

        assertThat(a.projectId()).isEqualTo("p1");
        assertThat(a.path()).isEqualTo("src/main.py");
        assertThat(a.content()).isEqualTo(bytes);
        assertThat(a.sha256()).isEqualTo(sha256(bytes));
        assertThat(a.producedBy()).isEqualTo("backend-agent");
        assertThat(a.createdAt()).isNotNull();
    }

    @Test
    void put_without_producer_records_unknown() {
        Artifact a = store.put(new ArtifactWrite("p1", "a", new byte[0], null));

        assertThat(a.producedBy()).isEqualTo("unknown");
        assertThat(store.get("p1", "a")).get().extracting(Artifact::producedBy).isEqualTo("unknown");
    }

    @Test
    void put_of_null_write_throws_null_pointer() {
        assertThatThrownBy(() -> store.put(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void equivalent_spellings_of_a_path_are_one_file() {
        store.put("p1", "a/b.txt", "1", "t");
        Artifact second = store.put("p1", "./a/b.txt", "2", "t");

        assertThat(second.version()).isEqualTo(2);
        assertThat(store.get("p1", "a/./b.txt")).get().extracting(Artifact::text).isEqualTo("2");
        assertThat(store.list("p1")).extracting(Artifact::path).containsExactly("a/b.txt");
    }

    @Test
    void get_returns_the_latest_version_with_its_metadata() {
        store.put("p1", "a.txt", "one", "first");
        store.put("p1", "a.txt", "two", "second");

        Artifact latest = store.get("p1", "a.txt").orElseThrow();

        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.text()).isEqualTo("two");
        assertThat(latest.producedBy()).isEqualTo("second");
        assertThat(latest.sha256()).isEqualTo(sha256("two".getBytes(StandardCharsets.UTF_8)));
        assertThat(latest.createdAt()).isNotNull();
    }

    @Test
    void get_of_unknown_project_or_path_is_empty() {
        store.put("p1", "a.txt", "one", "t");

        assertThat(store.get("nope", "a.txt")).isEmpty();
        assertThat(store.get("p1", "b.txt")).isEmpty();
        assertThat(store.get("p1", "a.txt/child")).isEmpty();
    }

    @Test
    void get_of_a_directory_is_empty() {
        store.put("p1", "dir/a.txt", "one", "t");

        assertThat(store.get("p1", "dir")).isEmpty();
        assertThat(store.history("p1", "dir")).isEmpty();
    }

    @Test
    void empty_and_binary_content_round_trip() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) binary[i] = (byte) i;

        store.put(new ArtifactWrite("p1", "empty", new byte[0], "t"));
        store.put(new ArtifactWrite("p1", "bin/all-bytes", binary, "t"));

        assertThat(store.get("p1", "empty").orElseThrow().content()).isEmpty();
        assertThat(store.get("p1", "empty").orElseThrow().sha256()).isEqualTo(sha256(new byte[0]));
        assertThat(store.get("p1", "bin/all-bytes").orElseThrow().content()).isEqualTo(binary);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a", "a/b/c.txt", ".env", ".github/workflows/ci.yml", "frontend/app/[id]/page.tsx",
            "frontend/app/(auth)/login/page.tsx", "docs/résumé.md", "日本語/ファイル.txt", "emoji/😀.txt",
            "with space/x y.txt", "a/.autonoma/x", "a-b_c.d~", "...x"})
    void safe_paths_round_trip(String path) {
        Artifact a = store.put("p1", path, "content of " + path, "t");

        assertThat(a.path()).isEqualTo(path);
        assertThat(store.get("p1", path)).get().extracting(Artifact::text).isEqualTo("content of " + path);
        assertThat(store.list("p1")).extracting(Artifact::path).containsExactly(path);
    }

    // ------------------------------------------------------------------ list / history / projects

    @Test
    void list_is_sorted_by_path_and_holds_latest_versions_only() {
        store.put("p1", "b.txt", "b1", "t");
        store.put("p1", "a/z.txt", "az1", "t");
        store.put("p1", "a.txt", "a1", "t");
        store.put("p1", "b.txt", "b2", "t");
        store.put("p2", "other.txt", "o", "t");

        List<Artifact> files = store.list("p1");

        assertThat(files).extracting(Artifact::path).containsExactly("a.txt", "a/z.txt", "b.txt");
        assertThat(files).extracting(Artifact::text).containsExactly("a1", "az1", "b2");
        assertThat(files).extracting(Artifact::version).containsExactly(1, 1, 2);
    }

    @Test
    void list_of_unknown_project_is_empty() {
        assertThat(store.list("nope")).isNotNull().isEmpty();
    }

    @Test
    void list_is_a_snapshot() {
        store.put("p1", "a.txt", "1", "t");
        List<Artifact> before = store.list("p1");

        store.put("p1", "b.txt", "1", "t");
        store.put("p1", "a.txt", "2", "t");

        assertThat(before).extracting(Artifact::path).containsExactly("a.txt");
        assertThat(before.get(0).version()).isEqualTo(1);
        assertThatThrownBy(() -> before.add(before.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void history_lists_every_version_oldest_first() {
        store.put("p1", "a.txt", "one", "x");
        store.put("p1", "b.txt", "other", "x");
        store.put("p1", "a.txt", "two", "y");
        store.put("p1", "a.txt", "three", "z");

        List<Artifact> history = store.history("p1", "a.txt");

        assertThat(history).extracting(Artifact::version).containsExactly(1, 2, 3);
        assertThat(history).extracting(Artifact::text).containsExactly("one", "two", "three");
        assertThat(history).extracting(Artifact::producedBy).containsExactly("x", "y", "z");
        assertThat(history).extracting(Artifact::path).containsOnly("a.txt");
    }

    @Test
    void history_of_unknown_project_or_path_is_empty() {
        store.put("p1", "a.txt", "one", "t");

        assertThat(store.history("nope", "a.txt")).isNotNull().isEmpty();
        assertThat(store.history("p1", "b.txt")).isNotNull().isEmpty();
    }

    @Test
    void history_is_a_snapshot() {
        store.put("p1", "a.txt", "one", "t");
        List<Artifact> before = store.history("p1", "a.txt");

        store.put("p1", "a.txt", "two", "t");

        assertThat(before).hasSize(1);
        assertThatThrownBy(before::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void projects_are_empty_at_first_then_sorted() {
        assertThat(store.projects()).isNotNull().isEmpty();

        store.put("zeta", "a", "1", "t");
        store.put("Alpha", "a", "1", "t");
        store.put("beta-2", "a", "1", "t");
        store.put("beta-2", "b", "1", "t");

        assertThat(store.projects()).containsExactly("Alpha", "beta-2", "zeta");
    }

    @Test
    void projects_do_not_share_files() {
        store.put("p1", "a.txt", "from p1", "t");
        store.put("p2", "a.txt", "from p2", "t");

        assertThat(store.get("p1", "a.txt")).get().extracting(Artifact::text, Artifact::version).containsExactly("from p1", 1);
        assertThat(store.get("p2", "a.txt")).get().extracting(Artifact::text, Artifact::version).containsExactly("from p2", 1);
    }

    // ------------------------------------------------------------------ copies

    @Test
    void content_is_copied_in_and_out() {
        byte[] input = {1, 2, 3};
        ArtifactWrite write = new ArtifactWrite("p1", "a.bin", input, "t");
        input[0] = 9;

        Artifact put = store.put(write);
        put.content()[1] = 9;
        Artifact got = store.get("p1", "a.bin").orElseThrow();
        got.content()[2] = 9;

        assertThat(store.get("p1", "a.bin").orElseThrow().content()).containsExactly(1, 2, 3);
        assertThat(store.list("p1").get(0).content()).containsExactly(1, 2, 3);
        assertThat(store.history("p1", "a.bin").get(0).content()).containsExactly(1, 2, 3);
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void concurrent_puts_of_one_path_get_versions_1_to_n_without_gaps() throws Exception {
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Artifact>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String content = "writer " + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return store.put("p1", "shared.txt", content, "t");
                }));
            }
            start.countDown();
            List<Integer> versions = new ArrayList<>();
            Map<Integer, String> contentByVersion = new LinkedHashMap<>();
            for (Future<Artifact> f : futures) {
                Artifact a = f.get(60, TimeUnit.SECONDS);
                versions.add(a.version());
                contentByVersion.put(a.version(), a.text());
            }

            assertThat(versions).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, n).boxed().toList());
            List<Artifact> history = store.history("p1", "shared.txt");
            assertThat(history).extracting(Artifact::version).containsExactlyElementsOf(IntStream.rangeClosed(1, n).boxed().toList());
            for (Artifact a : history) {
                assertThat(a.text()).isEqualTo(contentByVersion.get(a.version()));
            }
            assertThat(store.get("p1", "shared.txt").orElseThrow().version()).isEqualTo(n);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrent_puts_of_different_paths_and_projects_all_land() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Artifact>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int k = i;
                futures.add(pool.submit(() -> store.put("p" + (k % 3), "dir" + (k % 2) + "/f" + k + ".txt", "c" + k, "t")));
            }
            for (Future<Artifact> f : futures) {
                assertThat(f.get(60, TimeUnit.SECONDS).version()).isEqualTo(1);
            }

            assertThat(store.projects()).containsExactly("p0", "p1", "p2");
            assertThat(store.list("p0").size() + store.list("p1").size() + store.list("p2").size()).isEqualTo(24);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ export

    @Test
    void export_to_directory_writes_latest_files_with_equal_bytes(@TempDir Path tmp) throws IOException {
        store.put("p1", "README.md", "old", "t");
        store.put("p1", "README.md", "# app\n", "t");
        store.put("p1", "backend/app/main.py", "print('hi')\n", "t");
        store.put(new ArtifactWrite("p1", "assets/logo.bin", new byte[] {0, (byte) 0xff, 7}, "t"));
        Path out = tmp.resolve("out/nested");

        int written = store.exportTo("p1", out);

        assertThat(written).isEqualTo(3);
        assertThat(Files.readString(out.resolve("README.md"))).isEqualTo("# app\n");
        assertThat(Files.readString(out.resolve("backend/app/main.py"))).isEqualTo("print('hi')\n");
        assertThat(Files.readAllBytes(out.resolve("assets/logo.bin"))).containsExactly(0, 0xff, 7);
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.filter(Files::isRegularFile).count()).isEqualTo(3);
        }
    }

    @Test
    void export_into_an_existing_directory_replaces_files_and_leaves_others(@TempDir Path out) throws IOException {
        Files.writeString(out.resolve("keep.txt"), "mine");
        Files.createDirectories(out.resolve("src"));
        Files.writeString(out.resolve("src/a.txt"), "stale");
        store.put("p1", "src/a.txt", "fresh", "t");

        int written = store.exportTo("p1", out);

        assertThat(written).isEqualTo(1);
        assertThat(Files.readString(out.resolve("src/a.txt"))).isEqualTo("fresh");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
        assertThat(store.exportTo("p1", out)).isEqualTo(1);
        try (Stream<Path> all = Files.list(out.resolve("src"))) {
            assertThat(all).extracting(p -> p.getFileName().toString()).containsExactly("a.txt");
        }
    }

    @Test
    void export_of_unknown_project_writes_nothing(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");

        assertThat(store.exportTo("nope", out)).isZero();
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void zip_export_has_sorted_entries_with_equal_bytes_and_is_reproducible() throws IOException {
        store.put("p1", "z.txt", "zz", "t");
        store.put("p1", "a/b.txt", "ab", "t");
        store.put("p1", "a.txt", "a-old", "t");
        store.put("p1", "a.txt", "a", "t");
        store.put("other", "x.txt", "x", "t");

        byte[] first = zip("p1");
        byte[] second = zip("p1");

        assertThat(first).isEqualTo(second);
        Map<String, String> entries = unzip(first);
        assertThat(entries.keySet()).containsExactly("a.txt", "a/b.txt", "z.txt");
        assertThat(entries).containsEntry("a.txt", "a").containsEntry("a/b.txt", "ab").containsEntry("z.txt", "zz");
    }

    @Test
    void zip_export_does_not_depend_on_insertion_order_or_time() throws Exception {
        store.put("p1", "b.txt", "b", "t");
        store.put("p1", "a.txt", "a", "t");
        ArtifactStore other = newStore();
        Thread.sleep(5);
        other.put("p1", "a.txt", "a", "t");
        other.put("p1", "b.txt", "b", "t");

        assertThat(zip("p1")).isEqualTo(zipOf(other, "p1"));
    }

    @Test
    void zip_export_of_unknown_project_is_an_empty_zip() throws IOException {
        assertThat(unzip(zip("nope"))).isEmpty();
    }

    // ------------------------------------------------------------------ unsafe paths and ids

    /** Every path form a store must refuse. */
    public static Stream<Arguments> unsafePaths() {
        return Stream.of(
                Arguments.of((Object) null),
                Arguments.of(""),
                Arguments.of("   "),
                Arguments.of(".."),
                Arguments.of("."),
                Arguments.of("./"),
                Arguments.of("../x"),
                Arguments.of("a/../../x"),
                Arguments.of("a/.."),
                Arguments.of("a/../b"),
                Arguments.of("a/./../.."),
                Arguments.of("/etc/passwd"),
                Arguments.of("/"),
                Arguments.of("C:\\x"),
                Arguments.of("C:/x"),
                Arguments.of("c:x"),
                Arguments.of("a\\b"),
                Arguments.of("..\\x"),
                Arguments.of("a\0b"),
                Arguments.of("a//b"),
                Arguments.of("a/"  + "/"),
                Arguments.of("~/x"),
                Arguments.of("~root"),
                Arguments.of(".autonoma/x"),
                Arguments.of(".autonoma"),
                Arguments.of("./.autonoma/history/a/v1"),
                Arguments.of(".AUTONOMA/x"),
                Arguments.of("a/ /b"),
                Arguments.of("a /b"),
                Arguments.of("a\u0001b"),
                Arguments.of("a\nb"),
                Arguments.of("a\tb"),
                Arguments.of("a\u007fb"),
                Arguments.of("a\u0085b"),
                Arguments.of("a\u202eb.txt"),
                Arguments.of("a\u200bb"),
                Arguments.of("a\ud800b"),
                Arguments.of("a/".repeat(600) + "x"),
                Arguments.of("x".repeat(256)),
                Arguments.of("é".repeat(128)));
    }

    @ParameterizedTest
    @MethodSource("unsafePaths")
    void unsafe_path_is_rejected_and_nothing_is_stored(String path) {
        assertThatThrownBy(() -> store.put("p1", path, "evil", "t")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> store.put(new ArtifactWrite("p1", path, new byte[] {1}, "t"))).isInstanceOf(UnsafePathException.class);

        assertThat(store.projects()).isEmpty();
        assertThat(store.list("p1")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("unsafePaths")
    void unsafe_path_is_rejected_by_reads(String path) {
        store.put("p1", "a.txt", "1", "t");

        assertThatThrownBy(() -> store.get("p1", path)).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> store.history("p1", path)).isInstanceOf(UnsafePathException.class);
    }

    @Test
    void unsafe_path_in_existing_project_stores_nothing() {
        store.put("p1", "a.txt", "1", "t");

        assertThatThrownBy(() -> store.put("p1", "../p2/a.txt", "evil", "t")).isInstanceOf(UnsafePathException.class);

        assertThat(store.projects()).containsExactly("p1");
        assertThat(store.list("p1")).extracting(Artifact::path).containsExactly("a.txt");
    }

    @Test
    void a_file_cannot_become_a_directory() {
        store.put("p1", "a", "file", "t");

        assertThatThrownBy(() -> store.put("p1", "a/b", "x", "t")).isInstanceOf(UnsafePathException.class).hasMessageContaining("'a'");
        assertThatThrownBy(() -> store.put("p1", "a/b/c", "x", "t")).isInstanceOf(UnsafePathException.class);

        assertThat(store.list("p1")).extracting(Artifact::path).containsExactly("a");
    }

    @Test
    void a_directory_cannot_become_a_file() {
        store.put("p1", "d/e/f.txt", "x", "t");

        assertThatThrownBy(() -> store.put("p1", "d", "x", "t")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> store.put("p1", "d/e", "x", "t")).isInstanceOf(UnsafePathException.class);

        assertThat(store.list("p1")).extracting(Artifact::path).containsExactly("d/e/f.txt");
        assertThat(store.put("p1", "d/e.txt", "sibling", "t").version()).isEqualTo(1);
        assertThat(store.put("p1", "d/e/f.txt/", "trailing slash is the same file", "t").version()).isEqualTo(2);
    }

    /** Project ids every store must refuse (same rule as {@code GenerationRequest}). */
    public static Stream<Arguments> invalidProjectIds() {
        return Stream.of(
                Arguments.of((Object) null), Arguments.of(""), Arguments.of(" "), Arguments.of(".."), Arguments.of("../x"),
                Arguments.of("a/b"), Arguments.of("a\\b"), Arguments.of(".hidden"), Arguments.of("-x"), Arguments.of("a..b"),
                Arguments.of("a b"), Arguments.of("a\0"), Arguments.of("é"), Arguments.of("x".repeat(129)));
    }

    @ParameterizedTest
    @MethodSource("invalidProjectIds")
    void invalid_project_id_throws_illegal_argument_everywhere(String projectId) {
        assertThatThrownBy(() -> store.put(projectId, "a.txt", "x", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get(projectId, "a.txt")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(projectId)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.history(projectId, "a.txt")).isInstanceOf(IllegalArgumentException.class);

        assertThat(store.projects()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A.b_c-d", "0", "app.v2"})
    void valid_project_ids_are_accepted(String projectId) {
        store.put(projectId, "x", "1", "t");

        assertThat(store.projects()).containsExactly(projectId);
    }

    @Test
    void longest_valid_project_id_is_accepted() {
        String id = "x".repeat(128);

        store.put(id, "a", "1", "t");

        assertThat(store.projects()).containsExactly(id);
    }

    // ------------------------------------------------------------------ helpers

    protected byte[] zip(String projectId) {
        return zipOf(store, projectId);
    }

    protected static byte[] zipOf(ArtifactStore s, String projectId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.exportZip(projectId, out);
        return out.toByteArray();
    }

    /** Entries in zip order, name → UTF-8 text. */
    protected static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    protected static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
