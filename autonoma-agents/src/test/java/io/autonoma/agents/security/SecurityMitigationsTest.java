package io.autonoma.agents.security;

import io.autonoma.agents.pack.PackAgent;
import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.architecture.DocsPack;
import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.deploy.DeployPack;
import io.autonoma.agents.frontend.NextJsPack;
import io.autonoma.agents.performance.PerformancePack;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.testing.FastApiTestsPack;
import io.autonoma.agents.testkit.TestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each line of the "mitigations found" table in docs/security.md rests on what the review read in
 * the code: it is found in a generated app, and not found when the only trace is decoy text (the
 * keyword in a comment, a string, a docstring or a longer identifier).
 */
class SecurityMitigationsTest {
    static final List<String> THREATS = List.of("Stolen or guessed passwords", "Session hijacking",
            "Token theft by injected scripts", "Privilege escalation",
            "Brute force and abuse", "Cross-origin attacks", "Clickjacking, MIME sniffing", "Malformed or hostile input",
            "SQL injection", "Leaked secrets", "Cross-site scripting", "Containers running as root");

    /** threat → its evidence cell in the table of docs/security.md. */
    static Map<String, String> table(TestContext ctx) {
        new SecurityAgent(java.util.List.of()).run(ctx);
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : ctx.texts().get("docs/security.md").split("\n")) {
            if (line.startsWith("| ") && line.endsWith(" |") && !line.startsWith("| threat")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
                rows.put(cells[0], cells[2]);
            }
        }
        return rows;
    }

    /** The evidence cell of {@code threat} for a project of just {@code files}. */
    static String evidence(String threat, Map<String, String> files) {
        TestContext ctx = new TestContext(TestContext.exampleSpec());
        files.forEach(ctx.artifacts()::write);
        return table(ctx).get(threat);
    }

    static boolean found(String evidence) {
        return !evidence.startsWith("**not found**");
    }

    @Test
    void every_mitigation_is_found_in_a_generated_app() throws Exception {
        TestContext ctx = new TestContext(TestContext.exampleSpec());
        TemplateRenderer renderer = new TemplateRenderer();
        new PackAgent(new DocsPack(), renderer).run(ctx);
        new PackAgent(new FastApiPack()).run(ctx);
        new PackAgent(new FastApiTestsPack()).run(ctx);
        new PackAgent(new NextJsPack(), renderer).run(ctx);
        new PackAgent(new PerformancePack(), renderer).run(ctx);
        new PackAgent(new DeployPack(), renderer).run(ctx);

        Map<String, String> rows = table(ctx);

        assertThat(rows.keySet()).containsExactlyElementsOf(THREATS);
        rows.forEach((threat, evidence) -> assertThat(found(evidence)).as("%s: %s", threat, evidence).isTrue());
        assertThat(rows.get("Privilege escalation")).contains("backend/app/deps.py");
        assertThat(rows.get("Containers running as root")).contains("backend/Dockerfile", "frontend/Dockerfile");
    }

    static Stream<Arguments> decoys() {
        return Stream.of(
                decoy("Stolen or guessed passwords", "backend/app/security.py", """
                        # Passwords are hashed with bcrypt or argon2 (PasswordHasher) -- some day.
                        ALGORITHM = "argon2"
                        argon2_enabled = False


                        class PasswordHasherSettings:
                            rounds = 12
                        """),
                decoy("Session hijacking", "backend/app/security.py", """
                        \"\"\"Tokens: jwt.encode(claims) on login, jwt.decode(token) on every request.\"\"\"

                        # token = jwt.encode(claims, key)
                        EXAMPLE = "jwt.decode(token, key)"
                        """),
                decoy("Token theft by injected scripts", "backend/app/routers/auth.py", """
                        # response.set_cookie("refresh_token", token, httponly=True, samesite="strict")
                        EXAMPLE = 'response.set_cookie("t", value, httponly=True, samesite="lax")'
                        response.set_cookie("refresh_token", token, httponly=False, samesite="strict")
                        response.set_cookie("refresh_token", token, httponly=True)
                        """),
                decoy("Privilege escalation", "backend/app/deps.py", """
                        # Only an admin may delete.
                        ADMIN_ROLE = "admin"
                        badminton_score = 0
                        """),
                decoy("Brute force and abuse", "backend/app/middleware.py", """
                        \"\"\"Rate limiting answers 429 with a Retry-After header.\"\"\"

                        # TODO: status_code=429, headers={"Retry-After": "60"}
                        RETRY_AFTER_DOC = "Retry-After"
                        """),
                decoy("Cross-origin attacks", "backend/app/config.py", """
                        # CORS_ORIGINS lists the allowed origins.
                        cors_origins_note = "CORS_ORIGINS"
                        """),
                decoy("Clickjacking, MIME sniffing", "backend/app/middleware.py", """
                        \"\"\"Sets X-Content-Type-Options and X-Frame-Options on every response.\"\"\"

                        # ("x-frame-options", "DENY")
                        """),
                decoy("Malformed or hostile input", "backend/app/schemas/thing.py", """
                        # name: str = Field(max_length=10)
                        HELP = "constr(max_length=10) or conint(ge=0)"
                        max_length_of_names = 10
                        """),
                decoy("SQL injection", "backend/app/crud.py", """
                        \"\"\"Queries: from sqlalchemy import select.\"\"\"

                        # from sqlalchemy import select
                        """),
                decoy("Leaked secrets", "backend/app/config.py", """
                        # class Settings(BaseSettings): secret_key: str
                        NOTE = "BaseSettings"
                        """),
                decoy("Cross-site scripting", "frontend/src/app/page.tsx", """
                        import { useState } from "react";
                        // renders with JSX: <p>{text}</p>

                        export function useText(): string {
                          const [text] = useState("<p>hello</p>");
                          return text;
                        }
                        """),
                decoy("Containers running as root", "backend/Dockerfile", """
                        FROM python:3.12-slim AS build
                        USER builder
                        RUN pip wheel -r requirements.txt

                        FROM python:3.12-slim
                        # USER app
                        USER 0
                        CMD ["uvicorn", "app.main:app"]
                        """));
    }

    static Arguments decoy(String threat, String path, String text) {
        return Arguments.of(threat, path, text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoys")
    void decoy_text_is_not_evidence(String threat, String path, String text) {
        String evidence = evidence(threat, Map.of(path, text));

        assertThat(found(evidence)).as("%s: %s", threat, evidence).isFalse();
    }

    @Test
    void a_delete_route_without_the_role_check_means_no_rbac_even_with_a_role_check_defined() {
        String evidence = evidence("Privilege escalation", Map.of("backend/app/deps.py", SecurityRouteReviewTest.DEPS_PY,
                "backend/app/routers/thing.py", """
                        from fastapi import APIRouter

                        from app.deps import AdminUser, CurrentUser

                        router = APIRouter()


                        @router.delete("/a/{item_id}")
                        async def delete_a(item_id: int, _admin: AdminUser) -> None:
                            ...


                        @router.delete("/b/{item_id}")
                        async def delete_b(item_id: int, _user: CurrentUser) -> None:
                            ...
                        """));

        assertThat(found(evidence)).as(evidence).isFalse();
        assertThat(evidence).contains("delete_b");
    }

    @Test
    void an_owner_check_that_lets_admins_pass_and_hides_other_users_rows_is_a_role_check() {
        String owned = """
                from fastapi import APIRouter

                from app.deps import CurrentUser
                from app.refs import ensure_owner

                router = APIRouter()


                @router.delete("/a/{item_id}")
                async def delete_a(item_id: int, user: CurrentUser) -> None:
                    ensure_owner(user, 1, "A", item_id)
                """;
        String checked = evidence("Privilege escalation", Map.of("backend/app/deps.py", SecurityRouteReviewTest.DEPS_PY,
                "backend/app/routers/thing.py", owned, "backend/app/refs.py", """
                        def ensure_owner(principal, owner_id, label, obj_id):
                            if principal.role != "admin" and owner_id != principal.id:
                                raise not_found(label, obj_id)
                        """));
        String roleless = evidence("Privilege escalation", Map.of("backend/app/deps.py", SecurityRouteReviewTest.DEPS_PY,
                "backend/app/routers/thing.py", owned, "backend/app/refs.py", """
                        def ensure_owner(principal, owner_id, label, obj_id):
                            if owner_id != principal.id:
                                raise not_found(label, obj_id)
                        """));

        assertThat(found(checked)).as(checked).isTrue();
        assertThat(found(roleless)).as(roleless).isFalse();
    }

    @Test
    void the_last_stage_of_every_dockerfile_must_switch_to_a_non_root_user() {
        String evidence = evidence("Containers running as root", Map.of(
                "backend/Dockerfile", "FROM python:3.12-slim\nUSER 10001:10001\n",
                "frontend/Dockerfile", "FROM node:20-alpine AS build\nUSER node\nFROM node:20-alpine\nCMD [\"node\", \"server.js\"]\n"));

        assertThat(found(evidence)).as(evidence).isFalse();
        assertThat(evidence).contains("frontend/Dockerfile").doesNotContain("backend/Dockerfile");
    }

    @Test
    void raw_html_named_only_in_a_comment_or_string_does_not_block() {
        String evidence = evidence("Cross-site scripting", Map.of("frontend/src/app/page.tsx", """
                // never use dangerouslySetInnerHTML here
                export default function Page() {
                  const hint = "dangerouslySetInnerHTML is rejected by the review";
                  return <p title={hint}>Don't worry: {hint}</p>;
                }
                """));

        assertThat(found(evidence)).as(evidence).isTrue();
    }
}
