package io.autonoma.agents.security.internal;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.guard.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Static checks over generated files. Each method returns findings as "path:line: what". */
public final class SecurityChecks {
    private static final Pattern WILDCARD_ORIGINS = Pattern.compile("allow_origins\\s*=\\s*\\[\\s*[\"']\\*[\"']\\s*]");
    private static final Pattern CREDENTIALS = Pattern.compile("allow_credentials\\s*=\\s*True");
    private static final Pattern RAW_SQL = Pattern.compile(
            "(?:text|execute|exec_driver_sql)\\(\\s*f[\"'][^\"']*\\b(?:SELECT|INSERT|UPDATE|DELETE)\\b"
            + "|[\"'][^\"'\\n]*\\b(?:SELECT|INSERT|UPDATE|DELETE)\\b[^\"'\\n]*[\"']\\s*(?:%|\\.format\\()",
            Pattern.CASE_INSENSITIVE);

    private SecurityChecks() {}

    /**
     * Credentials in any file. In test code (fixtures need a password to log in with) only real
     * credential formats count, not the generic "literal assigned to a secret-sounding name" rule.
     */
    public static List<String> secrets(List<Artifact> files) {
        List<String> out = new ArrayList<>();
        for (Artifact a : files) {
            boolean testCode = isTestCode(a.path());
            SecretScanner.scan(a.path(), a.text()).stream()
                    .filter(f -> !(testCode && f.rule().equals(SecretScanner.GENERIC_RULE)))
                    .forEach(f -> out.add(f + " (hard-coded credential)"));
        }
        return out;
    }

    static boolean isTestCode(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return path.contains("/tests/") || path.contains("/e2e/") || name.startsWith("test_") || name.equals("conftest.py")
                || name.contains(".spec.") || name.contains(".test.");
    }

    /** A CORS configuration that allows any origin while sending credentials. */
    public static List<String> wildcardCorsWithCredentials(List<Artifact> files) {
        List<String> out = new ArrayList<>();
        for (Artifact a : files) {
            if (!a.path().endsWith(".py")) continue;
            String t = a.text();
            Matcher m = WILDCARD_ORIGINS.matcher(t);
            if (m.find() && CREDENTIALS.matcher(t).find()) {
                out.add(a.path() + ":" + line(t, m.start()) + ": CORS allows any origin ('*') together with credentials");
            }
        }
        return out;
    }

    /**
     * FastAPI routes that change data (POST/PUT/PATCH/DELETE) must depend on one of
     * {@code authDependencies} (e.g. {@code get_current_user}), a function of the project the route's
     * module reaches through its imports, directly or through other dependencies ({@link Routes}). Handlers named in {@code publicHandlers} (register,
     * login…) are allowed without. A route the review cannot read, and a Python file it cannot read,
     * is a finding too: the check fails closed.
     */
    public static List<String> unauthenticatedWrites(List<Artifact> files, Set<String> authDependencies, Set<String> publicHandlers) {
        PythonProject project = PythonProject.of(files);
        return unauthenticatedWrites(project, Routes.of(project), authDependencies, publicHandlers);
    }

    public static List<String> unauthenticatedWrites(PythonProject project, List<Routes.Route> routes, Set<String> authDependencies,
            Set<String> publicHandlers) {
        List<String> out = new ArrayList<>();
        for (Routes.Route r : routes) {
            if (r.unreadable().isPresent()) {
                out.add(r.where() + ": " + r.unreadable().get());
            } else if (r.writes() && !publicHandlers.contains(r.handler())
                    && r.reached().stream().noneMatch(d -> authDependencies.contains(d.function().name()))) {
                out.add(r.where() + ": " + r.method() + " handler '" + r.handler()
                        + "' changes data without requiring an authenticated user");
            }
        }
        return out;
    }

    /** SQL built from strings (f-strings, %, format) instead of the ORM or bound parameters. */
    public static List<String> rawSql(List<Artifact> files) {
        List<String> out = new ArrayList<>();
        for (Artifact a : files) {
            if (!a.path().endsWith(".py") || a.path().contains("/tests/") || a.path().contains("/alembic/")) continue;
            Matcher m = RAW_SQL.matcher(a.text());
            while (m.find()) {
                out.add(a.path() + ":" + line(a.text(), m.start()) + ": SQL assembled from strings; use the ORM or bound parameters");
            }
        }
        return out;
    }

    /**
     * Raw HTML in the frontend's code, which would let spec or user text run as markup:
     * {@code dangerouslySetInnerHTML}, assignments to {@code innerHTML}/{@code outerHTML},
     * {@code insertAdjacentHTML}, {@code document.write}. Read as tokens, so a comment or a string
     * naming them is not a finding; a file the review cannot read is (fails closed).
     */
    public static List<String> rawHtml(List<Artifact> files) {
        List<String> out = new ArrayList<>();
        for (Artifact a : files) {
            String p = a.path();
            boolean script = p.endsWith(".tsx") || p.endsWith(".jsx") || p.endsWith(".ts") || p.endsWith(".js");
            if (!script || isTestCode(p)) continue;
            List<TsToken> ts;
            try {
                ts = TsxTokenizer.tokenize(a.text(), p.endsWith(".tsx") || p.endsWith(".jsx"));
            } catch (UnreadableSourceException e) {
                out.add(p + ":" + e.line() + ": cannot read this file (" + e.getMessage() + "), so the review cannot check it for raw HTML");
                continue;
            }
            for (int i = 0; i < ts.size(); i++) {
                int line = ts.get(i).line();
                rawHtmlSink(ts, i).ifPresent(what -> out.add(p + ":" + line + ": raw HTML via " + what));
            }
        }
        return out;
    }

    private static Optional<String> rawHtmlSink(List<TsToken> ts, int i) {
        TsToken t = ts.get(i);
        boolean code = t.kind() == TsToken.Kind.IDENT || t.kind() == TsToken.Kind.JSX_ATTR;
        boolean member = i > 0 && ts.get(i - 1).is(TsToken.Kind.PUNCT, ".");
        boolean assigned = i + 1 < ts.size() && (ts.get(i + 1).is(TsToken.Kind.PUNCT, "=")
                && !(i + 2 < ts.size() && ts.get(i + 2).is(TsToken.Kind.PUNCT, "="))
                || ts.get(i + 1).is(TsToken.Kind.PUNCT, "+") && i + 2 < ts.size() && ts.get(i + 2).is(TsToken.Kind.PUNCT, "="));
        if (!code) {
            return Optional.empty();
        }
        if (t.text().equals("dangerouslySetInnerHTML")) {
            return Optional.of("dangerouslySetInnerHTML");
        }
        if (member && assigned && (t.text().equals("innerHTML") || t.text().equals("outerHTML"))) {
            return Optional.of(t.text() + " assignment");
        }
        if (member && t.text().equals("insertAdjacentHTML")) {
            return Optional.of("insertAdjacentHTML");
        }
        if (member && (t.text().equals("write") || t.text().equals("writeln")) && i > 1 && ts.get(i - 2).is(TsToken.Kind.IDENT, "document")) {
            return Optional.of("document." + t.text());
        }
        return Optional.empty();
    }

    static int line(String s, int offset) {
        int n = 1;
        for (int i = 0; i < offset && i < s.length(); i++) {
            if (s.charAt(i) == '\n') n++;
        }
        return n;
    }
}
