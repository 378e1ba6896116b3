package io.autonoma.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.artifact.internal.Exports;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportsTest {

    private static Artifact file(String path, String text) {
        return new Artifact("p", path, 1, text.getBytes(StandardCharsets.UTF_8), "", "t", Instant.EPOCH);
    }

    @Test
    void zip_bytes_do_not_depend_on_the_time_zone() {
        List<Artifact> files = List.of(file("b.txt", "b"), file("a/x.txt", "x"));
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            byte[] west = zip(files);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            byte[] east = zip(files);

            assertThat(west).isEqualTo(east);
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void zip_entries_are_sorted_with_fixed_time() throws IOException {
        byte[] zip = zip(List.of(file("b.txt", "b"), file("a.txt", "a")));

        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry first = in.getNextEntry();
            assertThat(first.getName()).isEqualTo("a.txt");
            assertThat(first.getExtra()).as("no extended timestamp").isNull();
            assertThat(first.getTimeLocal()).isEqualTo(java.time.LocalDateTime.of(1980, 2, 1, 0, 0));
            assertThat(in.getNextEntry().getName()).isEqualTo("b.txt");
        }
    }

    @Test
    void atomic_write_replaces_content_and_leaves_no_temp_file(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("x".repeat(255));
        Exports.writeAtomically(target, "one".getBytes(StandardCharsets.UTF_8));
        Exports.writeAtomically(target, "two".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(target)).isEqualTo("two");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void atomic_write_failing_midway_keeps_the_old_content(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a.txt");
        Exports.writeAtomically(target, "old".getBytes(StandardCharsets.UTF_8));

        try {
            Exports.writeAtomically(target, "new content".getBytes(StandardCharsets.UTF_8), (tmp, t) -> {
                throw new IOException("disk full");
            });
        } catch (IOException expected) {
            assertThat(expected).hasMessage("disk full");
        }

        assertThat(Files.readString(target)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    private static byte[] zip(List<Artifact> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Exports.toZip(files, out);
        return out.toByteArray();
    }
}
