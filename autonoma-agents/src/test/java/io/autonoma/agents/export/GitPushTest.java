package io.autonoma.agents.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitPush against bare repositories on disk (file:// remotes, allowed for the test only). */
class GitPushTest {
    private static final Set<String> FILE = Set.of("file");

    @TempDir
    Path tmp;

    private String bare(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch("main").call().close();
        return dir.toUri().toString();
    }

    private static Map<String, byte[]> files(String... pathAndText) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < pathAndText.length; i += 2) {
            m.put(pathAndText[i], pathAndText[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    private static GitPush.Target target(String remote) {
        return new GitPush.Target(remote, "main", Optional.empty(), Optional.empty(), "Generated with Autonoma", null, null);
    }

    private Path cloneOf(String remote) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "clone-");
        Git.cloneRepository().setURI(remote).setDirectory(dir.toFile()).setBranch("main").call().close();
        return dir;
    }

    @Test
    void first_push_creates_the_branch_the_next_ones_build_on_it_and_the_same_files_change_nothing() throws Exception {
        String remote = bare("app.git");
        GitPush.Pushed first = GitPush.push(files("README.md", "# App\n", "backend/app/main.py", "print('hi')\n"), target(remote), FILE);
        assertThat(first.unchanged()).isFalse();
        Path c1 = cloneOf(remote);
        assertThat(Files.readString(c1.resolve("backend/app/main.py"))).isEqualTo("print('hi')\n");

        // an edited file and a removed one: a second commit on top of the first
        GitPush.Pushed second = GitPush.push(files("README.md", "# App, edited\n"), target(remote), FILE);
        Path c2 = cloneOf(remote);
        assertThat(Files.readString(c2.resolve("README.md"))).isEqualTo("# App, edited\n");
        assertThat(c2.resolve("backend/app/main.py")).doesNotExist();
        try (Git git = Git.open(c2.toFile())) {
            List<RevCommit> log = StreamSupport.stream(git.log().call().spliterator(), false).toList();
            assertThat(log).extracting(RevCommit::name).containsExactly(second.commit(), first.commit());
            assertThat(log.get(0).getAuthorIdent().getName()).isEqualTo("Autonoma");
        }

        GitPush.Pushed third = GitPush.push(files("README.md", "# App, edited\n"), target(remote), FILE);
        assertThat(third.unchanged()).isTrue();
        assertThat(third.commit()).isEqualTo(second.commit());
    }

    @Test
    void the_secret_is_wiped_after_the_push() throws Exception {
        char[] token = "s3cret-token".toCharArray();
        GitPush.push(files("a.txt", "a"), new GitPush.Target(bare("t.git"), "main", Optional.of("me"), Optional.of(token), null, null, null), FILE);
        assertThat(new String(token)).isEqualTo("\0".repeat(token.length));
    }

    @Test
    void remotes_are_checked_before_anything_is_contacted() throws Exception {
        String remote = bare("x.git");
        assertThatThrownBy(() -> GitPush.push(files("a", "a"), target(remote), Set.of("https")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remotes must use https");
        assertThatThrownBy(() -> GitPush.push(files("a", "a"), target("https://me:hunter2@example.com/app.git"), Set.of("https")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the remote URL")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> GitPush.push(files("a", "a"),
                new GitPush.Target(remote, "bad..name", Optional.empty(), Optional.empty(), null, null, null), FILE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid branch name");
    }

    @Test
    void an_unreachable_remote_is_a_clear_failure() {
        String missing = tmp.resolve("no-such-repo.git").toUri().toString();
        assertThatThrownBy(() -> GitPush.push(files("a", "a"), target(missing), FILE))
                .isInstanceOf(GitPush.PushFailedException.class).hasMessageContaining("no-such-repo.git");
    }
}
