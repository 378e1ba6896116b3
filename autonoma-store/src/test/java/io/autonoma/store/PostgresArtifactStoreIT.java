package io.autonoma.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactWrite;
import io.autonoma.core.artifact.UnsafePathException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Store-specific behaviour of {@link PostgresArtifactStore} (versioning under concurrency, tenancy, builder). */
class PostgresArtifactStoreIT {
    private PostgresArtifactStore store;

    @BeforeEach
    void newStore() {
        store = PostgresArtifactStore.builder().dataSource(PgTest.dataSource()).ownerId(PgTest.newOwner()).build();
    }

    @Test
    void put_get_list_history_round_trip() {
        Artifact v1 = store.put("p1", "./src/main.py", "print(1)", "backend");
        Artifact v2 = store.put("p1", "src/main.py", "print(2)", "backend");
        store.put("p1", "README.md", "# hi", "docs");

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v1.path()).isEqualTo("src/main.py");
        assertThat(v1.sha256()).isEqualTo(io.autonoma.core.Sha256.hex("print(1)".getBytes(StandardCharsets.UTF_8)));
        assertThat(store.get("p1", "src/main.py")).get().satisfies(a -> {
            assertThat(a.text()).isEqualTo("print(2)");
            assertThat(a.createdAt()).isEqualTo(v2.createdAt());
            assertThat(a.producedBy()).isEqualTo("backend");
        });
        assertThat(store.list("p1")).extracting(Artifact::path).containsExactly("README.md", "src/main.py");
        assertThat(store.history("p1", "src/main.py")).extracting(Artifact::text).containsExactly("print(1)", "print(2)");
        assertThat(store.projects()).containsExactly("p1");
    }

    @Test
    void unknown_projects_and_paths_are_empty() {
        assertThat(store.get("nope", "a.txt")).isEmpty();
        assertThat(store.list("nope")).isEmpty();
        assertThat(store.history("nope", "a.txt")).isEmpty();
        assertThat(store.projects()).isEmpty();
    }

    @Test
    void binary_and_empty_content_survive() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) i;
        store.put(new ArtifactWrite("p1", "bin/all.bytes", bytes, "x"));
        store.put(new ArtifactWrite("p1", "empty", new byte[0], "x"));
        assertThat(store.get("p1", "bin/all.bytes").orElseThrow().content()).isEqualTo(bytes);
        assertThat(store.get("p1", "empty").orElseThrow().size()).isZero();
    }

    @Test
    void unsafe_paths_and_ids_store_nothing() {
        assertThatThrownBy(() -> store.put("p1", "../etc/passwd", "x", "t")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> store.put("p1", "/abs", "x", "t")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> store.put("p1", "a\0b", "x", "t")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> store.get("p1", "a\\b")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> store.put("../p", "a", "x", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.list(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(null)).isInstanceOf(NullPointerException.class);
        assertThat(store.projects()).isEmpty();
    }

    @Test
    void a_path_is_a_file_or_a_directory_never_both() {
        store.put("p1", "a/b.txt", "x", "t");
        assertThatThrownBy(() -> store.put("p1", "a", "x", "t")).isInstanceOf(UnsafePathException.class).hasMessageContaining("directory");
        assertThatThrownBy(() -> store.put("p1", "a/b.txt/c", "x", "t")).isInstanceOf(UnsafePathException.class).hasMessageContaining("file");
        assertThat(store.list("p1")).extracting(Artifact::path).containsExactly("a/b.txt");
    }

    @Test
    void concurrent_puts_of_one_path_from_two_store_instances_get_versions_1_to_n_without_gaps() throws Exception {
        PostgresArtifactStore twin = store.forOwner(store.ownerId());
        int threads = 8;
        int perThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Integer>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            PostgresArtifactStore s = t % 2 == 0 ? store : twin;
            int id = t;
            futures.add(pool.submit(() -> {
                go.await();
                List<Integer> versions = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    versions.add(s.put("p1", "shared.txt", id + ":" + i, "t" + id).version());
                }
                return versions;
            }));
        }
        go.countDown();
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> f : futures) all.addAll(f.get());
        pool.shutdown();

        Collections.sort(all);
        List<Integer> expected = new ArrayList<>();
        for (int v = 1; v <= threads * perThread; v++) expected.add(v);
        assertThat(all).isEqualTo(expected);
        assertThat(store.history("p1", "shared.txt")).extracting(Artifact::version).isEqualTo(expected);
    }

    @Test
    void exports_the_latest_files(@TempDir Path dir) throws Exception {
        store.put("p1", "a/b.txt", "old", "t");
        store.put("p1", "a/b.txt", "new", "t");
        assertThat(store.exportTo("p1", dir)).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("a/b.txt"))).isEqualTo("new");
    }

    @Test
    void builder_needs_a_database_and_an_owner() {
        assertThatThrownBy(() -> PostgresArtifactStore.builder().ownerId("o").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("dataSource");
        assertThatThrownBy(() -> PostgresArtifactStore.builder().dataSource(PgTest.dataSource()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("owner id");
        assertThatThrownBy(() -> PostgresArtifactStore.builder().jdbcUrl("jdbc:mysql://x").ownerId("o").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql:");
    }

    @Test
    void builder_accepts_a_jdbc_url() {
        PostgresArtifactStore viaUrl = PostgresArtifactStore.builder().jdbcUrl(PgTest.url()).ownerId(store.ownerId()).build();
        store.put("p1", "x.txt", "x", "t");
        assertThat(viaUrl.get("p1", "x.txt")).isPresent();
        assertThat(viaUrl.migrate()).isZero();
    }
}
