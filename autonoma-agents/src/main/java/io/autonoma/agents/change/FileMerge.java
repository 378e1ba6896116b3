package io.autonoma.agents.change;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/**
 * Three-way merge of one file: what the generator wrote last time ({@code base}), the file as the user has it
 * now, and what the generator writes now. JGit's merge algorithm (histogram diff) does the merging; a region
 * both sides changed differently is left between standard conflict markers, the user's side first, so that
 * nothing either side wrote is lost.
 */
public final class FileMerge {

    /** The merged text and whether it holds conflict markers. */
    public record Result(String text, boolean conflicted) {}

    static final String YOURS = "yours";
    static final String GENERATED = "generated now";

    private FileMerge() {}

    public static Result merge(String base, String user, String generated) {
        if (user.equals(base) || user.equals(generated)) {
            return new Result(generated, false);
        }
        if (generated.equals(base)) {
            return new Result(user, false);
        }
        MergeAlgorithm algorithm = new MergeAlgorithm(DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM));
        MergeResult<RawText> merged = algorithm.merge(RawTextComparator.DEFAULT, text(base), text(user), text(generated));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new MergeFormatter().formatMerge(out, merged, List.of("generated before", YOURS, GENERATED), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen: the stream is in memory
        }
        return new Result(out.toString(StandardCharsets.UTF_8), merged.containsConflicts());
    }

    private static RawText text(String s) {
        return new RawText(s.getBytes(StandardCharsets.UTF_8));
    }
}
