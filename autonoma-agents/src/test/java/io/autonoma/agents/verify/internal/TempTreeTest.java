package io.autonoma.agents.verify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempTreeTest {

    @Test
    void deletes_the_tree_and_its_links_but_never_what_they_point_to(@TempDir Path dir) throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path precious = Files.writeString(outside.resolve("precious.txt"), "keep me");
        Path root = Files.createDirectories(dir.resolve("scratch/home/.cache/deep"));
        Files.writeString(root.resolve("f"), "x");
        Files.createSymbolicLink(dir.resolve("scratch/home/link-to-dir"), outside);
        Files.createSymbolicLink(dir.resolve("scratch/home/link-to-file"), precious);
        Path locked = Files.createDirectories(dir.resolve("scratch/locked"));
        Files.writeString(locked.resolve("g"), "y");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));

        assertThat(TempTree.delete(dir.resolve("scratch"))).isTrue();

        assertThat(dir.resolve("scratch")).doesNotExist();
        assertThat(precious).hasContent("keep me");
    }

    @Test
    void a_tree_that_is_already_gone_is_deleted() {
        assertThat(TempTree.delete(Path.of("/nonexistent-autonoma-" + System.nanoTime()))).isTrue();
    }
}
