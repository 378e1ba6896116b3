package io.autonoma.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathsTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "a                   | a",
            "./a/b               | a/b",
            "a/b/                | a/b",
            "./a/./b/.           | a/b",
            "a/./b               | a/b",
            "docs/résumé.md      | docs/résumé.md",
            "日本語/ファイル.txt    | 日本語/ファイル.txt",
            "emoji/😀.txt        | emoji/😀.txt",
            ".env                | .env",
            "a/.autonoma/x       | a/.autonoma/x",
            ".autonomax/y        | .autonomax/y",
            "app/[id]/page.tsx   | app/[id]/page.tsx",
            "a/b~                | a/b~",
            "a/b:c               | a/b:c"})
    void normalizes_safe_paths(String in, String out) {
        assertThat(ArtifactPaths.normalize(in)).isEqualTo(out);
    }

    @Test
    void normalize_is_idempotent() {
        String once = ArtifactPaths.normalize("./a/./b/c/");
        assertThat(ArtifactPaths.normalize(once)).isEqualTo(once);
    }

    @Test
    void accepts_the_longest_path_and_segment() {
        String segment = "x".repeat(ArtifactPaths.MAX_SEGMENT_BYTES);
        assertThat(ArtifactPaths.normalize(segment)).isEqualTo(segment);
        String path = ("y".repeat(99) + "/").repeat(10) + "z".repeat(ArtifactPaths.MAX_LENGTH - 1000);
        assertThat(path).hasSize(ArtifactPaths.MAX_LENGTH);
        assertThat(ArtifactPaths.normalize(path)).isEqualTo(path);
    }

    @Test
    void rejects_one_char_too_long() {
        String path = "a/".repeat(ArtifactPaths.MAX_LENGTH / 2) + "b";
        assertThatThrownBy(() -> ArtifactPaths.normalize(path)).isInstanceOf(UnsafePathException.class).hasMessageContaining("longer than");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "/etc/passwd", "C:\\x", "C:/x", "c:x", "a\\b", "a//b", "", "   ", "~/x",
            ".autonoma/x", ".Autonoma", "a/./../..", "a\u0001b", "a\u0085b", "a\u202eb", "a\ud800", "..", ".", "a/..", "a/ b /c"})
    void rejects_unsafe_paths(String path) {
        assertThatThrownBy(() -> ArtifactPaths.normalize(path)).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("unsafe path").hasMessageContaining("use a relative path");
    }

    @Test
    void rejects_null_and_nul() {
        assertThatThrownBy(() -> ArtifactPaths.normalize(null)).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> ArtifactPaths.normalize("a\0b")).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("a\\0b").hasMessageContaining("NUL");
    }

    @Test
    void messages_escape_control_characters() {
        assertThatThrownBy(() -> ArtifactPaths.normalize("a\nb")).hasMessageContaining("a\\u000ab").hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A.b_c-d", "0", "x.y.z", "a-"})
    void accepts_valid_project_ids(String id) {
        assertThat(ArtifactPaths.isValidProjectId(id)).isTrue();
        assertThat(ArtifactPaths.requireValidProjectId(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".x", "-x", "_x", "a..b", "a/b", "a b", "é"})
    void rejects_invalid_project_ids(String id) {
        assertThat(ArtifactPaths.isValidProjectId(id)).isFalse();
        assertThatThrownBy(() -> ArtifactPaths.requireValidProjectId(id)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("project id");
    }

    @Test
    void project_id_length_is_limited_to_128() {
        assertThat(ArtifactPaths.isValidProjectId("x".repeat(128))).isTrue();
        assertThat(ArtifactPaths.isValidProjectId("x".repeat(129))).isFalse();
        assertThat(ArtifactPaths.isValidProjectId(null)).isFalse();
    }

    @Test
    void resolve_inside_returns_a_normalized_path_under_the_root(@TempDir Path root) {
        assertThat(ArtifactPaths.resolveInside(root, "./a/b/")).isEqualTo(root.toAbsolutePath().resolve("a/b"));
    }

    @Test
    void resolve_inside_works_for_a_root_that_does_not_exist_yet(@TempDir Path tmp) {
        Path root = tmp.resolve("later");
        assertThat(ArtifactPaths.resolveInside(root, "a")).isEqualTo(root.resolve("a"));
    }

    @Test
    void resolve_inside_rejects_a_symlink_out_of_the_root(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);

        assertThatThrownBy(() -> ArtifactPaths.resolveInside(root, "link/x")).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> ArtifactPaths.resolveInside(root, "link")).isInstanceOf(UnsafePathException.class);
    }

    @Test
    void resolve_inside_accepts_a_symlink_within_the_root_and_a_root_that_is_a_symlink(@TempDir Path tmp) throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Files.createDirectories(real.resolve("dir"));
        Files.createSymbolicLink(real.resolve("alias"), real.resolve("dir"));
        Path rootLink = Files.createSymbolicLink(tmp.resolve("root-link"), real);

        assertThat(ArtifactPaths.resolveInside(real, "alias/x")).isEqualTo(real.resolve("alias/x"));
        assertThat(ArtifactPaths.resolveInside(rootLink, "alias/x")).isEqualTo(rootLink.resolve("alias/x"));
    }

    @Test
    void resolve_inside_rejects_a_dangling_symlink(@TempDir Path root) throws IOException {
        Files.createSymbolicLink(root.resolve("gone"), root.resolve("../nowhere"));

        assertThatThrownBy(() -> ArtifactPaths.resolveInside(root, "gone/x")).isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("dangling");
    }
}
