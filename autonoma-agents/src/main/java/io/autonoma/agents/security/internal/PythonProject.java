package io.autonoma.agents.security.internal;

import io.autonoma.agents.security.internal.PythonModule.Call;
import io.autonoma.agents.security.internal.PythonModule.Function;
import io.autonoma.agents.security.internal.PythonModule.Param;
import io.autonoma.core.artifact.Artifact;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Python modules of a project as the review reads them (test code left out), the ones it could
 * not read, and FastAPI dependency resolution over all of them: {@code Depends(f)} and
 * {@code Security(f)} in defaults, in {@code Annotated[...]} and in module-level aliases such as
 * {@code CurrentUser = Annotated[User, Depends(get_current_user)]}, followed through the parameters
 * of each dependency function.
 */
public final class PythonProject {
    private final Map<String, PythonModule> modules = new LinkedHashMap<>();
    private final Map<String, UnreadableSourceException> unreadable = new LinkedHashMap<>();

    private PythonProject() {}

    /** The non-test {@code .py} files among {@code files}, sorted by path. */
    public static PythonProject of(List<Artifact> files) {
        PythonProject p = new PythonProject();
        files.stream().filter(a -> a.path().endsWith(".py") && !SecurityChecks.isTestCode(a.path()))
                .sorted(Comparator.comparing(Artifact::path)).forEach(a -> {
                    try {
                        p.modules.put(a.path(), PythonModule.read(a.path(), a.text()));
                    } catch (UnreadableSourceException e) {
                        p.unreadable.put(a.path(), e);
                    }
                });
        return p;
    }

    public List<PythonModule> modules() {
        return List.copyOf(modules.values());
    }

    /** Path → why the reader gave up on it. */
    public Map<String, UnreadableSourceException> unreadable() {
        return Map.copyOf(unreadable);
    }

    /** The first function (by module path) named {@code name}, with its module. */
    public Optional<Located> function(String name) {
        for (PythonModule m : modules.values()) {
            for (Function f : m.functions()) {
                if (f.name().equals(name)) {
                    return Optional.of(new Located(m, f));
                }
            }
        }
        return Optional.empty();
    }

    /** A function and the module it is in. */
    public record Located(PythonModule module, Function function) {}

    /** The value of the first module-level assignment to {@code name}. */
    public Optional<List<PyToken>> assignment(String name) {
        return modules.values().stream().map(m -> m.assignments().get(name)).filter(v -> v != null).findFirst();
    }

    /**
     * The dependency functions named in {@code tokens}: the last name of the first argument of every
     * {@code Depends(...)} and {@code Security(...)} call in them ({@code Depends()} names none).
     */
    public static List<String> dependencyCalls(List<PyToken> tokens) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            PyToken t = tokens.get(i);
            if ((t.is("Depends") || t.is("Security")) && tokens.get(i + 1).is("(")) {
                List<PyToken> args;
                try {
                    args = tokens.subList(i + 2, PythonModule.matching(tokens, i + 1));
                } catch (UnreadableSourceException e) {
                    continue; // cannot happen: statements are balanced
                }
                List<PyToken> first = PythonModule.splitTopLevel(args, ",").get(0);
                PythonModule.dottedName(first).ifPresent(n -> out.add(n.substring(n.lastIndexOf('.') + 1)));
            }
        }
        return out;
    }

    /** What a parameter depends on: in its default, its {@code Annotated[...]}, or the alias its annotation names. */
    public List<String> dependencies(Param p) {
        List<String> out = new ArrayList<>(dependencyCalls(p.defaultValue()));
        out.addAll(dependencyCalls(p.annotation()));
        PythonModule.dottedName(p.annotation()).flatMap(n -> assignment(n.substring(n.lastIndexOf('.') + 1)))
                .ifPresent(alias -> out.addAll(dependencyCalls(alias)));
        return out;
    }

    /**
     * Every function reached from {@code direct}, following the parameters of each dependency
     * defined in the project; names the project does not define are kept but not followed.
     */
    public Set<String> closure(List<String> direct) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(direct);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (seen.add(name)) {
                function(name).ifPresent(f -> f.function().params().forEach(p -> todo.addAll(dependencies(p))));
            }
        }
        return seen;
    }

    /** The router-level dependencies of {@code router} in module {@code m} ({@code router = APIRouter(dependencies=[...])}). */
    public static List<String> routerDependencies(PythonModule m, String router) {
        List<PyToken> value = m.assignments().get(router);
        if (value == null) {
            return List.of();
        }
        try {
            return PythonModule.callOf(value).flatMap(c -> c.keyword("dependencies")).map(PythonProject::dependencyCalls)
                    .orElse(List.of());
        } catch (UnreadableSourceException e) {
            return List.of();
        }
    }

    /** The calls named {@code callee} (or ending in {@code "." + callee}) in every module, with their module. */
    public List<Map.Entry<PythonModule, Call>> callsTo(String callee) {
        List<Map.Entry<PythonModule, Call>> out = new ArrayList<>();
        modules.values().forEach(m -> m.callsTo(callee).forEach(c -> out.add(Map.entry(m, c))));
        return out;
    }
}
