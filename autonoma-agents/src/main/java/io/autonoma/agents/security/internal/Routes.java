package io.autonoma.agents.security.internal;

import io.autonoma.agents.security.internal.PythonModule.Call;
import io.autonoma.agents.security.internal.PythonModule.Decorator;
import io.autonoma.agents.security.internal.PythonModule.Function;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The FastAPI routes of a project as the review reads them: every route decorator
 * ({@code @x.post(...)}, {@code @x.api_route(..., methods=[...])}, …) on every function, with the
 * dependencies the route runs (its decorator's {@code dependencies=[...]}, its router's, its
 * parameters', and theirs in turn). A route whose decorator, method list or dependency list is not
 * in a form the review can read, and a route added by a call such as {@code add_api_route}, is kept
 * as unreadable with the reason: the caller reports it instead of passing it.
 */
public final class Routes {
    /** HTTP methods of the decorator names; {@code api_route} takes them from {@code methods=}. */
    private static final Map<String, String> DECORATOR_METHODS = Map.of(
            "get", "GET", "post", "POST", "put", "PUT", "patch", "PATCH", "delete", "DELETE", "head", "HEAD", "options", "OPTIONS");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** Route registration by call instead of decorator. */
    private static final List<String> ROUTE_CALLS = List.of("add_api_route", "add_route", "add_api_websocket_route");

    /**
     * One route. {@code reached} holds every dependency function of the project it runs and {@code called} the
     * project functions its handler calls by name (for a read, neither: only writes are followed); {@code unreadable}
     * says why the review could not read it.
     */
    public record Route(String path, int line, String method, String handler, List<PythonProject.Located> reached,
            List<PythonProject.Located> called, Optional<String> unreadable) {
        public boolean writes() {
            return WRITES.contains(method);
        }

        public String where() {
            return path + ":" + line;
        }
    }

    private Routes() {}

    /** Every route of the project, and the files it could not read as unreadable routes at their failing line. */
    public static List<Route> of(PythonProject project) {
        List<Route> out = new ArrayList<>();
        project.unreadable().forEach((path, e) -> out.add(new Route(path, e.line(), "?", "?", List.of(), List.of(),
                Optional.of("cannot read this file (" + e.getMessage() + "), so the review cannot check its routes"))));
        for (PythonModule m : project.modules()) {
            for (Function f : m.functions()) {
                for (Decorator d : f.decorators()) {
                    route(project, m, f, d).ifPresent(out::addAll);
                }
            }
            for (String name : ROUTE_CALLS) {
                for (Call c : m.callsTo(name)) {
                    out.add(new Route(m.path(), c.line(), "?", "?", List.of(), List.of(), Optional.of("cannot read a route added with "
                            + c.callee() + "(...): the review checks routes declared with a decorator such as @router.post(...)")));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Route::path).thenComparingInt(Route::line));
        return out;
    }

    /** The routes one decorator declares (api_route may declare several methods), or empty if it declares none. */
    private static Optional<List<Route>> route(PythonProject project, PythonModule m, Function f, Decorator d) {
        List<PyToken> ts = d.tokens();
        Optional<String> kind = routeDecorator(ts);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String router = PythonModule.dottedName(ts.subList(0, nameLength(ts) - 2)).orElse("");
        Optional<Call> call;
        try {
            call = PythonModule.callOf(ts);
        } catch (UnreadableSourceException e) {
            call = Optional.empty();
        }
        if (call.isEmpty()) {
            return Optional.of(List.of(unreadable(m, d, f, "the decorator is not a call the review can read")));
        }
        List<String> methods;
        if (kind.get().equals("api_route")) {
            Optional<List<PyToken>> listed = call.get().keyword("methods");
            if (listed.isEmpty()) {
                methods = List.of("GET");
            } else {
                Optional<List<String>> literal = stringList(listed.get());
                if (literal.isEmpty()) {
                    return Optional.of(List.of(unreadable(m, d, f, "its methods are not a list of strings the review can read")));
                }
                methods = literal.get().stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
            }
        } else {
            methods = List.of(DECORATOR_METHODS.get(kind.get()));
        }
        if (methods.stream().noneMatch(WRITES::contains)) {
            // reads: the method is all the review needs to know
            return Optional.of(methods.stream().distinct().map(x -> new Route(m.path(), d.line(), x, f.name(), List.of(), List.of(), Optional.empty()))
                    .toList());
        }
        List<PythonProject.Name> direct = new ArrayList<>();
        Optional<List<PyToken>> dependencies = call.get().keyword("dependencies");
        if (dependencies.isPresent()) {
            Optional<List<String>> listed = dependsList(dependencies.get());
            if (listed.isEmpty()) {
                return Optional.of(List.of(unreadable(m, d, f,
                        "its dependencies are not a list of Depends(...)/Security(...) the review can read")));
            }
            direct.addAll(PythonProject.names(m, listed.get()));
        }
        direct.addAll(PythonProject.routerDependencies(m, router));
        f.params().forEach(p -> direct.addAll(project.dependencies(m, p)));
        List<PythonProject.Located> reached = project.closure(direct);
        List<PythonProject.Located> called = new ArrayList<>();
        List<PyToken> body = f.body();
        for (int i = 0; i + 1 < body.size(); i++) {
            // a plain name called: `ensure_owner(...)`, not `obj.method(...)`
            if (body.get(i).kind() == PyToken.Kind.NAME && body.get(i + 1).is("(") && (i == 0 || !body.get(i - 1).is("."))) {
                project.function(new PythonProject.Name(m, body.get(i).text())).filter(l -> !called.contains(l)).ifPresent(called::add);
            }
        }
        List<Route> out = new ArrayList<>();
        for (String method : new LinkedHashSet<>(methods)) {
            out.add(new Route(m.path(), d.line(), method, f.name(), reached, called, Optional.empty()));
        }
        return Optional.of(out);
    }

    private static Route unreadable(PythonModule m, Decorator d, Function f, String why) {
        return new Route(m.path(), d.line(), "?", f.name(), List.of(), List.of(), Optional.of("cannot read the route of handler '" + f.name()
                + "': " + why + ", so the review cannot tell whether it requires an authenticated user"));
    }

    /** "post", "api_route"… when the decorator starts with {@code <name>(.<name>)*.<method>}. */
    private static Optional<String> routeDecorator(List<PyToken> ts) {
        int n = nameLength(ts);
        if (n < 3) {
            return Optional.empty();
        }
        String last = ts.get(n - 1).text();
        return DECORATOR_METHODS.containsKey(last) || last.equals("api_route") ? Optional.of(last) : Optional.empty();
    }

    /** How many tokens at the start spell a dotted name. */
    private static int nameLength(List<PyToken> ts) {
        int n = 0;
        while (n < ts.size() && (n % 2 == 0 ? ts.get(n).kind() == PyToken.Kind.NAME : ts.get(n).is("."))) {
            n++;
        }
        return n % 2 == 0 ? n - 1 : n;
    }

    /** {@code [Depends(a), Security(b)]} (or a tuple) → [a, b]; anything else → empty. */
    private static Optional<List<String>> dependsList(List<PyToken> value) {
        return listOf(value, item -> {
            try {
                return PythonModule.callOf(item).map(Call::callee)
                        .filter(c -> c.equals("Depends") || c.equals("Security") || c.endsWith(".Depends") || c.endsWith(".Security"))
                        .map(c -> PythonProject.dependencyCalls(item));
            } catch (UnreadableSourceException e) {
                return Optional.empty();
            }
        }).map(lists -> lists.stream().flatMap(List::stream).toList());
    }

    /** {@code ["GET", "POST"]} (or a tuple) → the strings; anything else (an f-string too) → empty. */
    private static Optional<List<String>> stringList(List<PyToken> value) {
        return listOf(value, item -> item.size() == 1 && item.get(0).kind() == PyToken.Kind.STRING
                && !item.get(0).text().matches("(?i)^[a-z]*f.*") ? Optional.of(item.get(0).stringValue()) : Optional.empty());
    }

    /** Each item of a list or tuple display that is the whole value, read by {@code read}; empty if one cannot be. */
    private static <T> Optional<List<T>> listOf(List<PyToken> value, java.util.function.Function<List<PyToken>, Optional<T>> read) {
        List<PyToken> items = bracketed(value);
        if (items == null) {
            return Optional.empty();
        }
        List<T> out = new ArrayList<>();
        for (List<PyToken> item : PythonModule.splitTopLevel(items, ",")) {
            if (item.isEmpty()) {
                continue;
            }
            Optional<T> one = read.apply(item);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            out.add(one.get());
        }
        return Optional.of(out);
    }

    /** The tokens inside a list or tuple display that is the whole value, or null. */
    private static List<PyToken> bracketed(List<PyToken> value) {
        if (value.size() < 2 || !(value.get(0).is("[") && value.get(value.size() - 1).is("]")
                || value.get(0).is("(") && value.get(value.size() - 1).is(")"))) {
            return null;
        }
        try {
            return PythonModule.matching(value, 0) == value.size() - 1 ? value.subList(1, value.size() - 1) : null;
        } catch (UnreadableSourceException e) {
            return null;
        }
    }
}
