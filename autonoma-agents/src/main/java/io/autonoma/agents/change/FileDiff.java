package io.autonoma.agents.change;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** A unified diff between two versions of a text file (JGit's histogram diff, as {@link FileMerge} merges). */
public final class FileDiff {
    private FileDiff() {}

    /**
     * The unified diff turning {@code before} into {@code after}, with {@code --- a/path} and {@code +++ b/path} headers
     * and {@code context} lines around each change; empty when the texts are equal.
     */
    public static String unified(String path, String before, String after, int context) {
        Objects.requireNonNull(path, "path");
        if (context < 0) throw new IllegalArgumentException("context must be 0 or more, was " + context);
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM).diff(RawTextComparator.DEFAULT, a, b);
        if (edits.isEmpty()) {
            return "";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setContext(context);
            f.format(edits, a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the stream is in memory
        }
        return "--- a/" + path + "\n+++ b/" + path + "\n" + out.toString(StandardCharsets.UTF_8);
    }
}
