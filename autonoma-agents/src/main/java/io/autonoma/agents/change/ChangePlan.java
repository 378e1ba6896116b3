package io.autonoma.agents.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a regeneration does to each file of an app the user may have edited, decided from three versions of
 * every path: what the generator wrote last time ({@code base}), what is on disk now ({@code current}), and what
 * it writes now ({@code generated}). Files the generator never wrote are not in the plan: they are never touched.
 */
public record ChangePlan(List<Step> steps) {

    public enum Action {
        /** A new file of the generation, written. */
        CREATE,
        /** The user never changed it: the new generation replaces it. */
        UPDATE,
        /** Changed by the user only (or by both the same way): left as it is. */
        KEEP,
        /** Changed by both in different places: the merge of both is written. */
        MERGE,
        /** Changed by both in the same place: written with conflict markers, reported, nothing lost. */
        CONFLICT,
        /** No longer generated and never changed by the user: deleted. */
        DELETE,
        /** No longer generated, but the user changed it: kept and reported. */
        KEEP_REMOVED,
        /** The user deleted it and the generator did not change it: it stays deleted. */
        KEEP_DELETED;

        /** Whether the step writes its {@code content} to the path (a new file, an update, a merge, a conflict). */
        public boolean writes() {
            return this == CREATE || this == UPDATE || this == MERGE || this == CONFLICT;
        }
    }

    /** One path's decision; {@code content} is what to write (null for KEEP, DELETE, KEEP_REMOVED, KEEP_DELETED). */
    public record Step(String path, Action action, String content) {
        public Step {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(action, "action");
        }
    }

    public ChangePlan {
        steps = List.copyOf(steps);
    }

    public boolean conflicted() {
        return steps.stream().anyMatch(s -> s.action() == Action.CONFLICT);
    }

    /**
     * The plan for every path in {@code base} or {@code generated}, in path order. {@code current} holds the files on
     * disk now (a missing key: the user deleted it).
     */
    public static ChangePlan of(Map<String, String> base, Map<String, String> current, Map<String, String> generated) {
        TreeSet<String> paths = new TreeSet<>(base.keySet());
        paths.addAll(generated.keySet());
        List<Step> steps = new ArrayList<>();
        for (String path : paths) {
            String was = base.get(path);
            String now = current.get(path);
            String next = generated.get(path);
            if (next == null) {
                steps.add(now == null ? null : new Step(path, now.equals(was) ? Action.DELETE : Action.KEEP_REMOVED, null));
            } else if (was == null && now == null) {
                steps.add(new Step(path, Action.CREATE, next));
            } else if (now == null) {
                // deleted by the user: honoured unless the generator has something new for it
                steps.add(next.equals(was) ? new Step(path, Action.KEEP_DELETED, null) : new Step(path, Action.UPDATE, next));
            } else {
                steps.add(merge(path, was == null ? "" : was, now, next));
            }
        }
        steps.removeIf(Objects::isNull);
        return new ChangePlan(steps);
    }

    private static Step merge(String path, String was, String now, String next) {
        if (now.equals(next)) return new Step(path, Action.KEEP, null);
        if (now.equals(was)) return new Step(path, Action.UPDATE, next);
        if (next.equals(was)) return new Step(path, Action.KEEP, null);
        FileMerge.Result merged = FileMerge.merge(was, now, next);
        return new Step(path, merged.conflicted() ? Action.CONFLICT : Action.MERGE, merged.text());
    }
}
