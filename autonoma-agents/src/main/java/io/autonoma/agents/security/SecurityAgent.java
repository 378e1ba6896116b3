package io.autonoma.agents.security;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.security.internal.SecurityChecks;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.pipeline.AgentResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reviews everything the code agents wrote. Blocks the run ({@link SecurityReviewException}) on a
 * hard-coded secret, a wildcard CORS origin with credentials, a data-changing route that does not
 * require an authenticated user, or SQL assembled from strings. Otherwise writes
 * {@code docs/security.md}: the threats and the mitigations it found in the generated files.
 */
public final class SecurityAgent implements Agent {
    /** Annotations of handler parameters that mean "an authenticated user is required". */
    public static final Set<String> AUTH_MARKERS = Set.of("CurrentUser", "AdminUser", "get_current_user", "require_admin", "require_role");
    /** Handlers that must work without a session. */
    public static final Set<String> PUBLIC_HANDLERS = Set.of("register", "login", "refresh", "logout");

    private final Set<String> dependsOn;

    /** Reviews after the given agents (those that write code, e.g. {@link AgentIds#CODE_WRITERS}). */
    public SecurityAgent(Collection<AgentId> reviewAfter) {
        this.dependsOn = AgentId.names(reviewAfter);
    }

    @Override
    public String name() {
        return AgentIds.SECURITY.name();
    }

    @Override
    public Set<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public AgentResult run(AgentContext ctx) {
        List<Artifact> files = ctx.artifacts().list();
        List<String> blocking = new ArrayList<>();
        blocking.addAll(SecurityChecks.secrets(files));
        blocking.addAll(SecurityChecks.wildcardCorsWithCredentials(files));
        blocking.addAll(SecurityChecks.unauthenticatedWrites(files, AUTH_MARKERS, PUBLIC_HANDLERS));
        blocking.addAll(SecurityChecks.rawSql(files));
        blocking.addAll(SecurityChecks.rawHtml(files));
        if (!blocking.isEmpty()) {
            throw new SecurityReviewException(blocking);
        }
        StringBuilder md = new StringBuilder("# Security\n\n")
                .append("Written by Autonoma's security agent after reviewing the ").append(files.size())
                .append(" generated files. Each mitigation below names the file where it was found; a mitigation\n")
                .append("marked **not found** was looked for and is missing.\n\n")
                .append("| threat | mitigation | evidence |\n|---|---|---|\n");
        for (Evidence e : EVIDENCE) {
            md.append("| ").append(e.threat()).append(" | ").append(e.mitigation()).append(" | ").append(e.find(files)).append(" |\n");
        }
        md.append("""

                ## Checks that block generation

                - no hard-coded credentials in any file (provider key formats, private keys, literal secrets);
                - no CORS configuration that allows any origin together with credentials;
                - every POST/PUT/PATCH/DELETE handler requires an authenticated user (except register, login, refresh, logout);
                - no SQL assembled from strings: all queries go through SQLAlchemy with bound parameters;
                - no `dangerouslySetInnerHTML` in the frontend.

                ## Operating the app safely

                - Set `SECRET_KEY` (32+ random bytes) and `ENVIRONMENT=production` in production; the app refuses to start
                  in production without a secret key.
                - Set `CORS_ORIGINS` to the exact origins of the frontend.
                - Keep `RATE_LIMIT_PER_MINUTE` and `AUTH_RATE_LIMIT_PER_MINUTE` low enough for your traffic.
                - Prompts and spec text are data: the generator neutralises instructions aimed at models and escapes
                  spec values for every target language.
                """);
        ctx.artifacts().write("docs/security.md", md.toString());
        long present = EVIDENCE.stream().filter(e -> !e.find(files).startsWith("**not found**")).count();
        return AgentResult.of("no blocking findings; " + present + "/" + EVIDENCE.size() + " mitigations found");
    }

    private record Evidence(String threat, String mitigation, String pathPart, Pattern pattern) {
        String find(List<Artifact> files) {
            Set<String> hits = new LinkedHashSet<>();
            for (Artifact a : files) {
                if (a.path().contains(pathPart) && !a.path().contains("/tests/") && pattern.matcher(a.text()).find()) {
                    hits.add("`" + a.path() + "`");
                }
            }
            if (hits.isEmpty()) return "**not found**";
            List<String> first = hits.stream().limit(3).toList();
            return String.join(", ", first) + (hits.size() > 3 ? " and " + (hits.size() - 3) + " more" : "");
        }
    }

    private static final List<Evidence> EVIDENCE = List.of(
            new Evidence("Stolen or guessed passwords", "passwords hashed with bcrypt/argon2, never stored in clear", "backend/app/",
                    Pattern.compile("bcrypt|argon2|PasswordHasher")),
            new Evidence("Session hijacking", "short-lived JWT access tokens, rotating refresh tokens that can be revoked; a deactivated user is locked out within AUTH_CACHE_SECONDS (default 5)", "backend/app/",
                    Pattern.compile("jwt\\.(encode|decode)")),
            new Evidence("Privilege escalation", "role-based access control: deleting needs the admin role", "backend/app/",
                    Pattern.compile("admin", Pattern.CASE_INSENSITIVE)),
            new Evidence("Brute force and abuse", "per-client rate limiting with 429 and Retry-After", "backend/app/",
                    Pattern.compile("Retry-After")),
            new Evidence("Cross-origin attacks", "CORS allow-list read from CORS_ORIGINS", "backend/app/",
                    Pattern.compile("CORS_ORIGINS|cors_origins")),
            new Evidence("Clickjacking, MIME sniffing", "security headers (X-Frame-Options, X-Content-Type-Options, Referrer-Policy)", "backend/app/",
                    Pattern.compile("X-Content-Type-Options", Pattern.CASE_INSENSITIVE)),
            new Evidence("Malformed or hostile input", "Pydantic v2 validation with the spec's constraints (lengths, ranges, enums)", "backend/app/",
                    Pattern.compile("Field\\(|constr|conint|max_length")),
            new Evidence("SQL injection", "SQLAlchemy ORM with bound parameters only", "backend/app/",
                    Pattern.compile("from sqlalchemy")),
            new Evidence("Leaked secrets", "secrets read from the environment (pydantic-settings), none in the repository", "backend/app/",
                    Pattern.compile("BaseSettings")),
            new Evidence("Cross-site scripting", "React escapes rendered text; dangerouslySetInnerHTML is rejected by this review", "frontend/",
                    Pattern.compile("from [\"']react[\"']")),
            new Evidence("Containers running as root", "Dockerfiles switch to a non-root USER", "Dockerfile",
                    Pattern.compile("(?m)^USER\\s+(?!root)")));
}
