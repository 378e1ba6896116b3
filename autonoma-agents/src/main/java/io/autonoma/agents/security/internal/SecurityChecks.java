package io.autonoma.agents.security.internal;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.guard.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Static checks over generated files. Each method returns findings as "path:line: what". */
public final class SecurityChecks {
    private static final Pattern WRITE_ROUTE = Pattern.compile(
            "@(?:router|app)\\.(post|put|patch|delete)\\(([^)]*)\\)\\s*\\n(?:@[^\\n]*\\n)*\\s*(?:async\\s+)?def\\s+(\\w+)\\s*\\((.*?)\\)\\s*(?:->[^:]*)?:",
            Pattern.DOTALL);
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
     * FastAPI routes that change data (POST/PUT/PATCH/DELETE) must take an authenticated user:
     * a parameter whose annotation contains one of {@code authMarkers}. Handlers named in
     * {@code publicHandlers} (register, login…) are allowed without.
     */
    public static List<String> unauthenticatedWrites(List<Artifact> files, Set<String> authMarkers, Set<String> publicHandlers) {
        List<String> out = new ArrayList<>();
        for (Artifact a : files) {
            if (!a.path().endsWith(".py") || a.path().contains("/tests/")) continue;
            String t = a.text();
            Matcher m = WRITE_ROUTE.matcher(t);
            while (m.find()) {
                String handler = m.group(3);
                String signature = m.group(2) + " " + m.group(4);
                if (publicHandlers.contains(handler)) continue;
                if (authMarkers.stream().noneMatch(signature::contains)) {
                    out.add(a.path() + ":" + line(t, m.start()) + ": " + m.group(1).toUpperCase() + " handler '" + handler
                            + "' changes data without requiring an authenticated user");
                }
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

    /** React's escape hatch for raw HTML, which would let spec or user text run as markup. */
    public static List<String> rawHtml(List<Artifact> files) {
        List<String> out = new ArrayList<>();
        for (Artifact a : files) {
            if (!(a.path().endsWith(".tsx") || a.path().endsWith(".jsx"))) continue;
            int i = a.text().indexOf("dangerouslySetInnerHTML");
            if (i >= 0) out.add(a.path() + ":" + line(a.text(), i) + ": raw HTML via dangerouslySetInnerHTML");
        }
        return out;
    }

    static int line(String s, int offset) {
        int n = 1;
        for (int i = 0; i < offset && i < s.length(); i++) {
            if (s.charAt(i) == '\n') n++;
        }
        return n;
    }
}
