package io.autonoma.agents.export;

import io.autonoma.core.AutonomaException;
import io.autonoma.core.artifact.ArtifactPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Pushes a project's files to a git remote the user names, as one commit on a branch: on top of the branch's head when
 * the remote has it (so the push is a fast-forward and the remote's history is kept), else as its first commit. The
 * commit's tree is exactly the given files. Credentials are used for this push only and never stored: the secret's
 * characters are wiped when it returns. Only remotes of the allowed schemes are contacted (https by default), and a
 * remote with credentials written into its URL is refused (they would end up in logs and error messages).
 */
public final class GitPush {

    /** Where to push and as whom. {@code secret} (a token or password) is wiped by {@link #push}. */
    public record Target(String remote, String branch, Optional<String> username, Optional<char[]> secret, String message,
                         String authorName, String authorEmail) {
        public Target {
            Objects.requireNonNull(remote, "remote");
            branch = branch == null || branch.isBlank() ? "main" : branch.strip();
            username = username == null ? Optional.empty() : username;
            secret = secret == null ? Optional.empty() : secret;
            message = message == null || message.isBlank() ? "Generated with Autonoma" : message;
            authorName = authorName == null || authorName.isBlank() ? "Autonoma" : authorName;
            authorEmail = authorEmail == null || authorEmail.isBlank() ? "autonoma@localhost" : authorEmail;
        }
    }

    /** What was pushed: the commit on the remote's branch ({@code unchanged} when the branch already had these files). */
    public record Pushed(String remote, String branch, String commit, int files, boolean unchanged) {}

    /** A push that failed: what the remote or the transport said, without credentials. */
    public static final class PushFailedException extends AutonomaException {
        public PushFailedException(String message) {
            super(message);
        }
    }

    private GitPush() {}

    /**
     * Pushes {@code files} (project path → content) to {@code target}.
     *
     * @throws IllegalArgumentException for a remote of a scheme not in {@code allowedSchemes}, with credentials in its
     *     URL, or an invalid branch name (nothing contacted)
     * @throws PushFailedException when the remote refuses or cannot be reached
     */
    public static Pushed push(Map<String, byte[]> files, Target target, Set<String> allowedSchemes) {
        Objects.requireNonNull(files, "files");
        try {
            URIish uri = check(target, allowedSchemes);
            Path dir = Files.createTempDirectory("autonoma-git-");
            try {
                return push(files, target, uri, dir);
            } finally {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the push", e);
        } finally {
            target.secret().ifPresent(s -> Arrays.fill(s, '\0'));
        }
    }

    private static URIish check(Target target, Set<String> allowedSchemes) {
        URIish uri;
        try {
            uri = new URIish(target.remote());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + target.remote() + "' is not a git remote URL, e.g. https://github.com/you/app.git");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!allowedSchemes.contains(scheme)) {
            throw new IllegalArgumentException("remotes must use " + String.join(" or ", allowedSchemes) + ", not '"
                    + (scheme.isEmpty() ? "a local path" : scheme) + "'");
        }
        if (uri.getPass() != null || (uri.getUser() != null && !"ssh".equals(scheme))) {
            throw new IllegalArgumentException("put the user name and token in 'username' and 'token', not in the remote URL");
        }
        if (!org.eclipse.jgit.lib.Repository.isValidRefName("refs/heads/" + target.branch())) {
            throw new IllegalArgumentException("'" + target.branch() + "' is not a valid branch name");
        }
        return uri;
    }

    private static Pushed push(Map<String, byte[]> files, Target target, URIish uri, Path dir) throws IOException {
        CredentialsProvider credentials = target.username().isPresent() || target.secret().isPresent()
                ? new UsernamePasswordCredentialsProvider(target.username().orElse("git"), target.secret().orElse(new char[0]))
                : null;
        String branch = target.branch();
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(branch).call()) {
            git.remoteAdd().setName("origin").setUri(uri).call();
            Optional<ObjectId> remoteHead = fetch(git, branch, credentials);
            if (remoteHead.isPresent()) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(remoteHead.get().name()).call();
            }
            try (Stream<Path> existing = Files.list(dir)) {
                for (Path p : existing.filter(p -> !p.getFileName().toString().equals(".git")).toList()) {
                    deleteTree(p);
                }
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path file = ArtifactPaths.resolveInside(dir, f.getKey());
                if (file.startsWith(dir.resolve(".git"))) {
                    continue; // never the repository's own metadata
                }
                Files.createDirectories(file.getParent());
                Files.write(file, f.getValue());
            }
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            boolean changed = remoteHead.isEmpty() || !git.status().call().isClean();
            if (!changed) {
                return new Pushed(target.remote(), branch, remoteHead.get().name(), files.size(), true);
            }
            PersonIdent who = new PersonIdent(target.authorName(), target.authorEmail());
            RevCommit commit = git.commit().setMessage(target.message()).setAuthor(who).setCommitter(who).setSign(false).call();
            Iterable<PushResult> results = git.push().setRemote("origin").setCredentialsProvider(credentials)
                    .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)).call();
            for (PushResult r : results) {
                for (RemoteRefUpdate u : r.getRemoteUpdates()) {
                    if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        throw new PushFailedException("the remote refused the push to " + branch + ": " + u.getStatus()
                                + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"));
                    }
                }
            }
            return new Pushed(target.remote(), branch, commit.name(), files.size(), false);
        } catch (GitAPIException e) {
            throw new PushFailedException("pushing to " + target.remote() + " failed: " + e.getMessage());
        }
    }

    private static Optional<ObjectId> fetch(Git git, String branch, CredentialsProvider credentials) throws GitAPIException {
        Ref advertised = git.lsRemote().setRemote("origin").setCredentialsProvider(credentials).setHeads(true).call().stream()
                .filter(r -> r.getName().equals("refs/heads/" + branch)).findFirst().orElse(null);
        if (advertised == null) {
            return Optional.empty();
        }
        git.fetch().setRemote("origin").setCredentialsProvider(credentials)
                .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/remotes/origin/" + branch)).call();
        return Optional.of(advertised.getObjectId());
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a leftover in the temp dir; nothing depends on it
                }
            });
        } catch (IOException e) {
            // same
        }
    }

}
