package io.autonoma.agents.security;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.security.internal.Mitigations;
import io.autonoma.agents.security.internal.PythonProject;
import io.autonoma.agents.security.internal.Routes;
import io.autonoma.agents.security.internal.SecurityChecks;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.pipeline.AgentResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Reviews everything the code agents wrote. Blocks the run ({@link SecurityReviewException}) on a
 * hard-coded secret, a wildcard CORS origin with credentials, a data-changing route that does not
 * require an authenticated user (or that it cannot read: the check fails closed), SQL assembled from
 * strings, or raw HTML in the frontend. Otherwise writes {@code docs/security.md}: the threats and
 * the mitigations it read in the generated code. Python and TypeScript are read by small pure-Java
 * readers in the {@code internal} package, so the review needs no native parser.
 */
public final class SecurityAgent implements Agent {
    /**
     * Dependency functions that authenticate the user. A route is authenticated when it depends on
     * one of them, defined in the project, directly or through other dependencies (such as
     * {@code require_admin(user: CurrentUser)}).
     */
    public static final Set<String> AUTH_DEPENDENCIES = Set.of("get_current_user");
    /** Handlers that must work without a session (the *_session ones are the browser's, cookie-based). */
    public static final Set<String> PUBLIC_HANDLERS =
            Set.of("register", "login", "refresh", "logout", "open_session", "refresh_session", "close_session");

    private final Set<String> dependsOn;

    /** Reviews after the given agents (those that write code: the template packs' agents, {@code TemplatePacks.agentIds()}). */
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
        PythonProject python = PythonProject.of(files);
        List<Routes.Route> routes = Routes.of(python);
        List<String> blocking = new ArrayList<>();
        blocking.addAll(SecurityChecks.secrets(files));
        blocking.addAll(SecurityChecks.wildcardCorsWithCredentials(files));
        blocking.addAll(SecurityChecks.unauthenticatedWrites(python, routes, AUTH_DEPENDENCIES, PUBLIC_HANDLERS));
        blocking.addAll(SecurityChecks.rawSql(files));
        blocking.addAll(SecurityChecks.rawHtml(files));
        if (!blocking.isEmpty()) {
            throw new SecurityReviewException(blocking);
        }
        List<Mitigations.Line> lines = Mitigations.of(files, python, routes);
        StringBuilder md = new StringBuilder("# Security\n\n")
                .append("Written by Autonoma's security agent after reviewing the ").append(files.size())
                .append(" generated files.\nEach mitigation below names the files where the review read it in the code (a comment, a\n")
                .append("string or a name that merely contains a keyword is no evidence); a mitigation marked **not found**\n")
                .append("was looked for and is missing.\n\n")
                .append("| threat | mitigation | evidence |\n|---|---|---|\n");
        for (Mitigations.Line line : lines) {
            md.append("| ").append(line.threat()).append(" | ").append(line.mitigation()).append(" | ").append(line.evidence()).append(" |\n");
        }
        md.append("""

                ## Checks that block generation

                - no hard-coded credentials in any file (provider key formats, private keys, literal secrets);
                - no CORS configuration that allows any origin together with credentials;
                - every POST/PUT/PATCH/DELETE handler depends on `get_current_user`, directly or through other
                  dependencies (except register, login, refresh, logout); a route or Python file the review cannot
                  read blocks generation too;
                - no SQL assembled from strings: all queries go through SQLAlchemy with bound parameters;
                - no raw HTML in the frontend (`dangerouslySetInnerHTML`, `innerHTML`/`outerHTML` assignments,
                  `insertAdjacentHTML`, `document.write`), and no frontend file the review cannot read.

                ## Operating the app safely

                - Set `SECRET_KEY` (32+ random bytes) and `ENVIRONMENT=production` in production; the app refuses to start
                  in production without a secret key.
                - Set `CORS_ORIGINS` to the exact origins of the frontend.
                - Keep `RATE_LIMIT_PER_MINUTE` and `AUTH_RATE_LIMIT_PER_MINUTE` low enough for your traffic.
                - Prompts and spec text are data: the generator neutralises instructions aimed at models and escapes
                  spec values for every target language.
                """);
        ctx.artifacts().write("docs/security.md", md.toString());
        long present = lines.stream().filter(Mitigations.Line::found).count();
        return AgentResult.of("no blocking findings; " + present + "/" + lines.size() + " mitigations found");
    }
}
