package io.autonoma.agents.security.internal;

import io.autonoma.agents.security.internal.PythonModule.Call;
import io.autonoma.agents.security.internal.PythonModule.ClassDef;
import io.autonoma.agents.security.internal.PythonModule.Function;
import io.autonoma.agents.security.internal.Routes.Route;
import io.autonoma.core.artifact.Artifact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The "mitigations found" table of docs/security.md. Each line is decided by code the review read
 * (calls resolved through the module's imports, class bases and fields, registered middleware,
 * the dependencies of the routes, JSX elements, Dockerfile instructions), never by a keyword: the
 * word in a comment, a string, a docstring or a longer identifier is no evidence.
 */
public final class Mitigations {
    /** One table line; {@code evidence} names the files it rests on, or says what is missing. */
    public record Line(String threat, String mitigation, boolean found, String evidence) {}

    private static final Set<String> FIELD_CONSTRAINTS = Set.of("min_length", "max_length", "pattern", "ge", "gt", "le", "lt",
            "max_digits", "decimal_places");
    private static final Set<String> CONSTRAINED_TYPES = Set.of("pydantic.constr", "pydantic.conint", "pydantic.confloat",
            "pydantic.condecimal", "pydantic.conlist");

    private Mitigations() {}

    public static List<Line> of(List<Artifact> files, PythonProject project, List<Route> routes) {
        return List.of(
                line("Stolen or guessed passwords", "passwords hashed with argon2 (PasswordHasher) or bcrypt (hashpw)",
                        modulesCalling(project, "argon2.PasswordHasher", "bcrypt.hashpw"), "no argon2 or bcrypt hashing call"),
                sessions(project),
                line("Token theft by injected scripts", "the browser's refresh token in an httpOnly, SameSite cookie (set_cookie with "
                        + "httponly=True and samesite), the access token in memory only",
                        modulesWith(project, m -> m.calls().stream().anyMatch(Mitigations::setsHttpOnlyCookie)),
                        "no set_cookie call with httponly=True and samesite"),
                roles(routes),
                line("Brute force and abuse", "per-client rate-limiting middleware that answers 429 with Retry-After",
                        middleware(project, (m, c) -> mentions429(c) && classStrings(m, c).contains("retry-after")),
                        "no registered middleware answers 429 with a Retry-After header"),
                cors(project),
                line("Clickjacking, MIME sniffing", "middleware setting X-Frame-Options and X-Content-Type-Options on responses",
                        middleware(project, (m, c) -> classStrings(m, c).containsAll(List.of("x-frame-options", "x-content-type-options"))),
                        "no registered middleware sets both headers"),
                line("Malformed or hostile input", "Pydantic Field constraints (lengths, ranges, patterns) on request data",
                        modulesWith(project, m -> m.calls().stream().anyMatch(c -> constrains(m, c))), "no constrained Pydantic field"),
                line("SQL injection", "queries built with SQLAlchemy (select, bound parameters); SQL assembled from strings blocks generation",
                        modulesCalling(project, "sqlalchemy.select"), "no query built with sqlalchemy.select"),
                line("Leaked secrets", "the secret key read from the environment by pydantic-settings (BaseSettings with secret_key)",
                        modulesWith(project, m -> m.classes().stream().anyMatch(c -> settingsWith(m, c, "secret_key"))),
                        "no BaseSettings class with a secret_key field"),
                line("Cross-site scripting", "React escapes text rendered through JSX; raw HTML (dangerouslySetInnerHTML, innerHTML, "
                        + "document.write) blocks generation", jsxFiles(files), "no component renders JSX"),
                containers(files));
    }

    private static Line line(String threat, String mitigation, List<String> paths, String missing) {
        return paths.isEmpty() ? new Line(threat, mitigation, false, "**not found**: " + missing)
                : new Line(threat, mitigation, true, files(paths));
    }

    /** Up to three files in backticks, then how many more. */
    static String files(List<String> paths) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(paths));
        String shown = String.join(", ", distinct.stream().limit(3).map(p -> "`" + p + "`").toList());
        return shown + (distinct.size() > 3 ? " and " + (distinct.size() - 3) + " more" : "");
    }

    // ---------------------------------------------------------------- Python evidence

    /** {@code callee} with its first name replaced by what the module imported under it ({@code jwt.encode}, {@code argon2.PasswordHasher}). */
    static String resolve(PythonModule m, String callee) {
        int dot = callee.indexOf('.');
        String first = dot < 0 ? callee : callee.substring(0, dot);
        String bound = m.imports().get(first);
        return bound == null ? callee : bound + (dot < 0 ? "" : callee.substring(dot));
    }

    private static List<String> modulesWith(PythonProject project, Predicate<PythonModule> test) {
        return project.modules().stream().filter(test).map(PythonModule::path).toList();
    }

    private static List<String> modulesCalling(PythonProject project, String... qualified) {
        Set<String> wanted = Set.of(qualified);
        return modulesWith(project, m -> m.calls().stream().anyMatch(c -> wanted.contains(resolve(m, c.callee()))));
    }

    private static Line sessions(PythonProject project) {
        List<String> issue = modulesCalling(project, "jwt.encode");
        // verification pinned to a list of algorithms: a token cannot pick "none" or another key type
        List<String> verify = modulesWith(project, m -> m.calls().stream().anyMatch(c -> resolve(m, c.callee()).equals("jwt.decode")
                && c.keyword("algorithms").filter(v -> !v.isEmpty() && (v.get(0).is("[") || v.get(0).is("("))).isPresent()));
        List<String> both = issue.isEmpty() || verify.isEmpty() ? List.of() : concat(issue, verify);
        return line("Session hijacking", "signed JWT access tokens: jwt.encode issues them, jwt.decode with a fixed list of algorithms "
                + "verifies them", both, issue.isEmpty() ? "no jwt.encode call" : "no jwt.decode call with a fixed algorithms list");
    }

    private static boolean setsHttpOnlyCookie(Call c) {
        return c.callee().endsWith(".set_cookie")
                && c.keyword("httponly").filter(v -> v.size() == 1 && v.get(0).is("True")).isPresent()
                && c.keyword("samesite").isPresent();
    }

    private static Line roles(List<Route> routes) {
        String mitigation = "role-based access control: every DELETE route depends on a role check that answers 403";
        List<Route> deletes = routes.stream().filter(r -> r.unreadable().isEmpty() && r.method().equals("DELETE")).toList();
        List<String> paths = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (Route r : deletes) {
            List<String> checks = java.util.stream.Stream.concat(r.reached().stream(), r.called().stream())
                    .filter(l -> isRoleCheck(l.function())).map(l -> l.module().path()).toList();
            paths.addAll(checks);
            paths.add(r.path());
            if (checks.isEmpty()) {
                unchecked.add("'" + r.handler() + "' (" + r.where() + ")");
            }
        }
        if (deletes.isEmpty()) {
            return new Line("Privilege escalation", mitigation, false, "**not found**: no DELETE route");
        }
        if (!unchecked.isEmpty()) {
            return new Line("Privilege escalation", mitigation, false,
                    "**not found**: DELETE handler(s) without a role check: " + String.join(", ", unchecked));
        }
        return new Line("Privilege escalation", mitigation, true, files(paths.stream().sorted().toList()));
    }

    /**
     * A function that compares a {@code .role} attribute and answers 403, or raises {@code not_found(…)}: the owner check
     * of an owned row, where the admin role passes and another user gets a 404 so that ids reveal nothing.
     */
    static boolean isRoleCheck(Function f) {
        List<PyToken> b = f.body();
        boolean comparesRole = false;
        boolean forbids = false;
        for (int i = 0; i < b.size(); i++) {
            PyToken t = b.get(i);
            if (t.is("role") && i > 0 && b.get(i - 1).is(".")) {
                PyToken next = i + 1 < b.size() ? b.get(i + 1) : t;
                PyToken before = i > 1 ? b.get(i - 2) : t;
                comparesRole |= isComparison(next) || isComparison(before);
            }
            forbids |= t.kind() == PyToken.Kind.NUMBER && t.text().equals("403") || t.is("HTTP_403_FORBIDDEN")
                    || t.is("raise") && i + 2 < b.size() && b.get(i + 1).is("not_found") && b.get(i + 2).is("(");
        }
        return comparesRole && forbids;
    }

    private static boolean isComparison(PyToken t) {
        return t.is("==") || t.is("!=") || t.is("in") || t.is("not");
    }

    /** Classes registered with {@code add_middleware(TheClass, ...)} that pass {@code test}, and the modules registering them. */
    private static List<String> middleware(PythonProject project, BiPredicate<PythonModule, ClassDef> test) {
        List<String> out = new ArrayList<>();
        for (var registration : project.callsTo("add_middleware")) {
            List<List<PyToken>> args = registration.getValue().positional();
            Optional<Map.Entry<PythonModule, ClassDef>> registered = args.isEmpty() ? Optional.empty()
                    : PythonModule.dottedName(args.get(0)).flatMap(n -> project.classDef(new PythonProject.Name(registration.getKey(), n)));
            if (registered.isPresent() && test.test(registered.get().getKey(), registered.get().getValue())) {
                out.add(registered.get().getKey().path());
                out.add(registration.getKey().path());
            }
        }
        return out;
    }

    private static boolean mentions429(ClassDef c) {
        return c.body().stream().anyMatch(t -> t.kind() == PyToken.Kind.NUMBER && t.text().equals("429") || t.is("HTTP_429_TOO_MANY_REQUESTS"));
    }

    /** The code strings of a class and of the module-level constants its body names (header lists kept apart, say). */
    private static Set<String> classStrings(PythonModule m, ClassDef c) {
        Set<String> out = new LinkedHashSet<>(codeStrings(c.body()));
        c.body().stream().filter(t -> t.kind() == PyToken.Kind.NAME).map(t -> m.assignments().get(t.text()))
                .filter(v -> v != null).flatMap(List::stream).filter(t -> t.kind() == PyToken.Kind.STRING)
                .forEach(t -> out.add(t.stringValue().toLowerCase(Locale.ROOT)));
        return out;
    }

    /**
     * The values (lower case) of the string literals used in code: a string that is a statement of
     * its own (a docstring) is documentation, not code.
     */
    static Set<String> codeStrings(List<PyToken> ts) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < ts.size(); i++) {
            PyToken t = ts.get(i);
            if (t.kind() != PyToken.Kind.STRING) {
                continue;
            }
            boolean startsStatement = i == 0 || switch (ts.get(i - 1).kind()) {
                case NEWLINE, INDENT, DEDENT -> true;
                default -> ts.get(i - 1).is(":");
            };
            boolean endsStatement = i + 1 >= ts.size() || ts.get(i + 1).kind() == PyToken.Kind.NEWLINE;
            if (!(startsStatement && endsStatement)) {
                out.add(t.stringValue().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static Line cors(PythonProject project) {
        List<String> registered = new ArrayList<>();
        for (var registration : project.callsTo("add_middleware")) {
            PythonModule m = registration.getKey();
            Call c = registration.getValue();
            List<List<PyToken>> args = c.positional();
            boolean cors = !args.isEmpty() && PythonModule.dottedName(args.get(0))
                    .map(n -> resolve(m, n)).filter(n -> n.endsWith("middleware.cors.CORSMiddleware")).isPresent();
            // a computed value (settings…), not a literal list or string written into the code
            boolean configured = c.keyword("allow_origins").filter(v -> !v.isEmpty() && v.get(0).kind() == PyToken.Kind.NAME).isPresent();
            if (cors && configured) {
                registered.add(m.path());
            }
        }
        List<String> settings = modulesWith(project, m -> m.classes().stream().anyMatch(c -> settingsWith(m, c, "cors_origins")));
        return line("Cross-origin attacks", "CORSMiddleware with the allowed origins from configuration (CORS_ORIGINS)",
                registered.isEmpty() || settings.isEmpty() ? List.of() : concat(registered, settings),
                registered.isEmpty() ? "no CORSMiddleware with configured allow_origins" : "no BaseSettings class with a cors_origins field");
    }

    private static boolean settingsWith(PythonModule m, ClassDef c, String field) {
        return c.fields().contains(field) && c.bases().stream().map(PythonModule::dottedName).flatMap(Optional::stream)
                .anyMatch(b -> resolve(m, b).equals("pydantic_settings.BaseSettings"));
    }

    private static boolean constrains(PythonModule m, Call c) {
        String callee = resolve(m, c.callee());
        boolean constrainedField = callee.equals("pydantic.Field")
                && c.args().stream().anyMatch(a -> a.keyword().filter(FIELD_CONSTRAINTS::contains).isPresent());
        return constrainedField || CONSTRAINED_TYPES.contains(callee) && !c.args().isEmpty();
    }

    // ---------------------------------------------------------------- frontend and containers

    private static List<String> jsxFiles(List<Artifact> files) {
        List<String> out = new ArrayList<>();
        for (Artifact a : files) {
            if ((a.path().endsWith(".tsx") || a.path().endsWith(".jsx")) && !SecurityChecks.isTestCode(a.path())) {
                try {
                    if (TsxTokenizer.tokenize(a.text(), true).stream().anyMatch(t -> t.kind() == TsToken.Kind.JSX_TAG)) {
                        out.add(a.path());
                    }
                } catch (UnreadableSourceException e) {
                    // reported by SecurityChecks.rawHtml, which blocks generation
                }
            }
        }
        return out;
    }

    private static Line containers(List<Artifact> files) {
        String mitigation = "the final stage of every Dockerfile switches to a non-root USER";
        List<String> dockerfiles = files.stream().map(Artifact::path).filter(p -> p.endsWith("Dockerfile")).toList();
        List<String> root = files.stream().filter(a -> a.path().endsWith("Dockerfile"))
                .filter(a -> Dockerfiles.runsAsRoot(Dockerfiles.finalUser(a.text()))).map(Artifact::path).toList();
        if (dockerfiles.isEmpty()) {
            return new Line("Containers running as root", mitigation, false, "**not found**: no Dockerfile");
        }
        if (!root.isEmpty()) {
            return new Line("Containers running as root", mitigation, false, "**not found**: the final stage runs as root in "
                    + files(root));
        }
        return new Line("Containers running as root", mitigation, true, files(dockerfiles));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
