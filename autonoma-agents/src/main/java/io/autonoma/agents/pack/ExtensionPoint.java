package io.autonoma.agents.pack;

import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.UnsafePathException;
import io.autonoma.core.pipeline.AgentId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A file a template pack writes for model-written code to replace: the pack's template writes a working
 * default (e.g. hooks that accept every change), an engine that writes code (autonoma-llm) gives a model the
 * {@link #task()} and lets it rewrite the file, and accepts the answer only when {@link #check(String)} finds
 * nothing wrong. The engine learns everything it needs from here; nothing in it names a pack's files.
 *
 * <pre>{@code
 * ExtensionPoint.builder(AgentIds.BUSINESS_RULES, "backend/app/rules.py")
 *         .task("You write the custom business rules ... keep the three hooks ...")
 *         .mustKeep("async def before_create(", "async def before_update(")
 *         .writableRoots("backend/app/", "backend/tests/")
 *         .fileTypes(".py")
 *         .after(AgentIds.BACKEND, AgentIds.TESTING)
 *         .build();
 * }</pre>
 *
 * @param agent the id of the agent that fills it (an engine adds one agent per extension point)
 * @param path the file, project-relative; the pack's own template writes it
 * @param task what the model is asked to do: the file's contract with the rest of the generated code
 * @param mustKeep text every answer's version of {@link #path()} must still contain (what the generated code
 *     calls), compared with any run of whitespace where a space is
 * @param writableRoots directories (ending in {@code /}) the model may write new files under; {@code path} lies under one
 * @param fileTypes file endings the model may write, e.g. {@code .py}
 * @param contextFiles files shown to the model read-only, when they exist (e.g. the test fixtures it should use)
 * @param after agents whose files the model needs; an engine waits for those of them in the pipeline (the pack's
 *     own agent always)
 * @param examplesFramework only template-library examples of this framework are shown ({@code metadata.framework});
 *     empty for any
 * @param examplesQuery words the template-library search for examples starts with (the prompt and the spec notes follow)
 * @param verifiedBy the generated app's own checks that prove the model's files work with the rest of the project
 *     (names of {@code io.autonoma.agents.verify.Verifier#CHECKS}, e.g. {@code pytest}); an engine that can run them
 *     sends their failures back to the model. Empty: only the static checks.
 */
public record ExtensionPoint(AgentId agent, String path, String task, List<String> mustKeep, List<String> writableRoots,
        Set<String> fileTypes, List<String> contextFiles, Set<AgentId> after, String examplesFramework, String examplesQuery,
        List<String> verifiedBy) {

    public ExtensionPoint {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(task, "task");
        mustKeep = List.copyOf(mustKeep);
        writableRoots = List.copyOf(writableRoots);
        fileTypes = Set.copyOf(fileTypes);
        contextFiles = List.copyOf(contextFiles);
        after = Set.copyOf(after);
        examplesFramework = examplesFramework == null ? "" : examplesFramework;
        examplesQuery = examplesQuery == null ? "" : examplesQuery;
        verifiedBy = verifiedBy == null ? List.of() : List.copyOf(verifiedBy);
    }

    /** An extension point filled by agent {@code agent} in the project file {@code path}. */
    public static Builder builder(AgentId agent, String path) {
        return new Builder(agent, path);
    }

    /**
     * The problems of {@code content} as the new {@link #path()}: one line per {@link #mustKeep()} text it lost,
     * e.g. {@code backend/app/rules.py: must keep 'async def before_delete(' (the templates call it)}. Empty when it
     * keeps its contract.
     */
    public List<String> check(String content) {
        List<String> problems = new ArrayList<>();
        for (String required : mustKeep) {
            if (!Pattern.compile(Pattern.quote(required).replace(" ", "\\E\\s+\\Q")).matcher(content).find()) {
                problems.add(path + ": must keep '" + required.strip() + "' (the templates call it)");
            }
        }
        return problems;
    }

    /** Builds an {@link ExtensionPoint}; {@link #build()} checks it. */
    public static final class Builder {
        private final AgentId agent;
        private final String path;
        private String task;
        private final List<String> mustKeep = new ArrayList<>();
        private final List<String> writableRoots = new ArrayList<>();
        private final Set<String> fileTypes = new LinkedHashSet<>();
        private final List<String> contextFiles = new ArrayList<>();
        private final Set<AgentId> after = new LinkedHashSet<>();
        private String examplesFramework = "";
        private String examplesQuery = "";
        private final List<String> verifiedBy = new ArrayList<>();

        private Builder(AgentId agent, String path) {
            this.agent = Objects.requireNonNull(agent, "agent");
            this.path = Objects.requireNonNull(path, "path");
        }

        /** The instructions the model is given: what to write and the contract of the file with the generated code. */
        public Builder task(String v) { this.task = v; return this; }
        public Builder mustKeep(String... v) { mustKeep.addAll(List.of(v)); return this; }
        /** Directories ending in '/'; default the directory of {@code path}. */
        public Builder writableRoots(String... v) { writableRoots.addAll(List.of(v)); return this; }
        /** File endings such as {@code .py}; default the ending of {@code path}. */
        public Builder fileTypes(String... v) { fileTypes.addAll(List.of(v)); return this; }
        public Builder contextFiles(String... v) { contextFiles.addAll(List.of(v)); return this; }
        public Builder after(AgentId... v) { after.addAll(List.of(v)); return this; }
        public Builder examplesFramework(String v) { this.examplesFramework = v; return this; }
        public Builder examplesQuery(String v) { this.examplesQuery = v; return this; }
        /** The app's own checks that prove the model's files, e.g. {@code "mypy", "pytest"}; none by default. */
        public Builder verifiedBy(String... v) { verifiedBy.addAll(List.of(v)); return this; }

        /**
         * @throws IllegalArgumentException when the task is blank, a path is unsafe, a root does not end in '/',
         *     {@code path} is not under a writable root or has a file type the model may not write
         */
        public ExtensionPoint build() {
            String where = "extension point " + path + " (" + agent + ")";
            if (task == null || task.isBlank()) {
                throw new IllegalArgumentException(where + " needs a task: tell the model what to write and what the file must keep");
            }
            safe(path, where);
            contextFiles.forEach(f -> safe(f, where));
            int slash = path.lastIndexOf('/');
            int dot = path.lastIndexOf('.');
            List<String> roots = writableRoots.isEmpty() && slash > 0 ? List.of(path.substring(0, slash + 1)) : writableRoots;
            Set<String> types = fileTypes.isEmpty() && dot > slash ? Set.of(path.substring(dot)) : fileTypes;
            if (roots.isEmpty()) {
                throw new IllegalArgumentException(where + " needs a writable root: a directory ending in '/'");
            }
            for (String r : roots) {
                if (!r.endsWith("/")) {
                    throw new IllegalArgumentException(where + ": writable root '" + r + "' must be a safe relative directory ending in '/'");
                }
                safe(r.substring(0, r.length() - 1), where + ": writable root '" + r + "'");
            }
            if (roots.stream().noneMatch(path::startsWith)) {
                throw new IllegalArgumentException(where + " lies outside its writable roots " + roots);
            }
            if (types.isEmpty() || types.stream().noneMatch(t -> path.toLowerCase(Locale.ROOT).endsWith(t))) {
                throw new IllegalArgumentException(where + " has a file type that is not among its file types " + types);
            }
            return new ExtensionPoint(agent, path, task, mustKeep, roots, types, contextFiles, after, examplesFramework, examplesQuery,
                    verifiedBy);
        }

        private static void safe(String p, String where) {
            boolean ok;
            try {
                ok = ArtifactPaths.normalize(p).equals(p);
            } catch (UnsafePathException e) {
                ok = false;
            }
            if (!ok) {
                throw new IllegalArgumentException(where + ": '" + p + "' must be a normalized project-relative path");
            }
        }
    }
}
