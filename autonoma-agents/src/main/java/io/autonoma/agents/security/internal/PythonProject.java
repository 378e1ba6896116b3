package io.autonoma.agents.security.internal;

import io.autonoma.agents.security.internal.PythonModule.Call;
import io.autonoma.agents.security.internal.PythonModule.ClassDef;
import io.autonoma.agents.security.internal.PythonModule.Function;
import io.autonoma.agents.security.internal.PythonModule.Param;
import io.autonoma.core.artifact.Artifact;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Python modules of a project as the review reads them (test code left out), the ones it could
 * not read, and name resolution the way Python does it: a name used in a module is what that module
 * defines or imports, followed through imports (relative ones too) to the module of the project
 * that defines it. On that rests FastAPI dependency resolution: {@code Depends(f)} and
 * {@code Security(f)} in defaults, in {@code Annotated[...]} and in aliases such as
 * {@code CurrentUser = Annotated[User, Depends(get_current_user)]}, followed through the parameters
 * of each dependency function. A name that does not resolve to code of the project is no dependency.
 */
public final class PythonProject {
    /** How many imports a name is followed through (re-exports) before the review gives up on it. */
    private static final int MAX_HOPS = 8;

    private final Map<String, PythonModule> modules = new LinkedHashMap<>();
    private final Map<String, UnreadableSourceException> unreadable = new LinkedHashMap<>();

    private PythonProject() {}

    /** A name as used in {@code module}: e.g. {@code get_current_user} or {@code deps.get_current_user}. */
    public record Name(PythonModule module, String name) {}

    /** A function and the module that defines it. */
    public record Located(PythonModule module, Function function) {}

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

    // ---------------------------------------------------------------- name resolution

    /** The module that defines {@code used}, and the name it has there; empty if it is not the project's code. */
    public Optional<Name> definition(Name used) {
        PythonModule m = used.module();
        String name = used.name();
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            int dot = name.indexOf('.');
            String first = dot < 0 ? name : name.substring(0, dot);
            if (dot < 0 && m.defines(name)) {
                return Optional.of(new Name(m, name));
            }
            String bound = m.imports().get(first);
            if (bound == null) {
                return Optional.empty();
            }
            Optional<PythonModule> target;
            if (dot < 0) {
                // from pkg.mod import name: look for name in pkg.mod
                int last = bound.lastIndexOf('.');
                target = last < 0 ? Optional.empty() : module(m, bound.substring(0, last));
                name = bound.substring(last + 1);
            } else {
                // import pkg.mod as mod / from pkg import mod: mod.name is name in pkg.mod
                target = module(m, bound);
                name = name.substring(dot + 1);
            }
            if (target.isEmpty()) {
                return Optional.empty();
            }
            m = target.get();
        }
        return Optional.empty();
    }

    /** The project module that {@code qualified} (absolute, or relative to {@code from}) names. */
    private Optional<PythonModule> module(PythonModule from, String qualified) {
        List<String> candidates = new ArrayList<>();
        if (qualified.startsWith(".")) {
            int dots = 0;
            while (dots < qualified.length() && qualified.charAt(dots) == '.') {
                dots++;
            }
            String dir = from.path().contains("/") ? from.path().substring(0, from.path().lastIndexOf('/')) : "";
            for (int up = 1; up < dots; up++) {
                dir = dir.contains("/") ? dir.substring(0, dir.lastIndexOf('/')) : "";
            }
            String rest = qualified.substring(dots).replace('.', '/');
            String base = dir.isEmpty() ? rest : rest.isEmpty() ? dir : dir + "/" + rest;
            candidates.add(base + ".py");
            candidates.add(base + "/__init__.py");
            return candidates.stream().map(modules::get).filter(m -> m != null).findFirst();
        }
        String base = qualified.replace('.', '/');
        return modules.values().stream().filter(m -> m.path().equals(base + ".py") || m.path().endsWith("/" + base + ".py")
                || m.path().equals(base + "/__init__.py") || m.path().endsWith("/" + base + "/__init__.py")).findFirst();
    }

    /** The module-level function {@code used} refers to. */
    public Optional<Located> function(Name used) {
        return definition(used).flatMap(d -> d.module().functions().stream()
                .filter(f -> f.depth() == 0 && f.name().equals(d.name())).findFirst().map(f -> new Located(d.module(), f)));
    }

    /** The module-level class {@code used} refers to, with its module. */
    public Optional<Map.Entry<PythonModule, ClassDef>> classDef(Name used) {
        return definition(used).flatMap(d -> d.module().classes().stream()
                .filter(c -> c.depth() == 0 && c.name().equals(d.name())).findFirst().map(c -> Map.entry(d.module(), c)));
    }

    /** The value of the module-level assignment {@code used} refers to, as a name in that module's scope. */
    private Optional<Map.Entry<PythonModule, List<PyToken>>> assignment(Name used) {
        return definition(used).flatMap(d -> Optional.ofNullable(d.module().assignments().get(d.name())).map(v -> Map.entry(d.module(), v)));
    }

    // ---------------------------------------------------------------- FastAPI dependencies

    /**
     * The dependency functions named in {@code tokens}: the first argument of every
     * {@code Depends(...)} and {@code Security(...)} call in them, when it is a (dotted) name;
     * {@code Depends()} names none.
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
                PythonModule.dottedName(PythonModule.splitTopLevel(args, ",").get(0)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The names as used in module {@code m}. */
    public static List<Name> names(PythonModule m, List<String> names) {
        return names.stream().map(n -> new Name(m, n)).toList();
    }

    /** What a parameter of a function in {@code m} depends on: its default, its {@code Annotated[...]}, or the alias it names. */
    public List<Name> dependencies(PythonModule m, Param p) {
        List<Name> out = new ArrayList<>(names(m, dependencyCalls(p.defaultValue())));
        out.addAll(names(m, dependencyCalls(p.annotation())));
        PythonModule.dottedName(p.annotation()).flatMap(n -> assignment(new Name(m, n)))
                .ifPresent(alias -> out.addAll(names(alias.getKey(), dependencyCalls(alias.getValue()))));
        return out;
    }

    /** The dependencies of {@code router} in module {@code m} from {@code router = APIRouter(dependencies=[...])}. */
    public static List<Name> routerDependencies(PythonModule m, String router) {
        List<PyToken> value = m.assignments().get(router);
        if (value == null) {
            return List.of();
        }
        try {
            return PythonModule.callOf(value).flatMap(c -> c.keyword("dependencies"))
                    .map(v -> names(m, dependencyCalls(v))).orElse(List.of());
        } catch (UnreadableSourceException e) {
            return List.of();
        }
    }

    /**
     * Every project function reached from {@code direct}, following the parameters of each; a name
     * that does not resolve to a module-level function of the project is left out.
     */
    public List<Located> closure(List<Name> direct) {
        List<Located> reached = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<Name> todo = new ArrayDeque<>(direct);
        while (!todo.isEmpty()) {
            function(todo.pop()).ifPresent(f -> {
                if (seen.add(f.module().path() + "#" + f.function().name())) {
                    reached.add(f);
                    f.function().params().forEach(p -> todo.addAll(dependencies(f.module(), p)));
                }
            });
        }
        return reached;
    }

    /** The calls named {@code callee} (or ending in {@code "." + callee}) in every module, with their module. */
    public List<Map.Entry<PythonModule, Call>> callsTo(String callee) {
        List<Map.Entry<PythonModule, Call>> out = new ArrayList<>();
        modules.values().forEach(m -> m.callsTo(callee).forEach(c -> out.add(Map.entry(m, c))));
        return out;
    }
}
