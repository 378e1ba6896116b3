package io.autonoma.agents.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.security.internal.SecurityChecks;
import io.autonoma.core.artifact.Artifact;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityChecksTest {
    static Artifact file(String path, String text) {
        return new Artifact("p", path, 1, text.getBytes(StandardCharsets.UTF_8), "", "test", Instant.EPOCH);
    }

    @Test
    void flags_a_write_route_without_an_authenticated_user() {
        var files = List.of(file("backend/app/deps.py", SecurityRouteReviewTest.DEPS_PY), file("backend/app/routers/task.py", """
                from app.deps import AdminUser

                @router.post("", status_code=201)
                async def create_task(payload: TaskCreate, session: SessionDep) -> TaskRead:
                    ...

                @router.delete("/{item_id}", status_code=204)
                async def delete_task(item_id: int, session: SessionDep, user: AdminUser) -> None:
                    ...

                @router.get("")
                async def list_tasks(session: SessionDep) -> Page:
                    ...
                """));
        assertThat(SecurityChecks.unauthenticatedWrites(files, SecurityAgent.AUTH_DEPENDENCIES, SecurityAgent.PUBLIC_HANDLERS))
                .singleElement().asString().contains("backend/app/routers/task.py:3").contains("create_task");
    }

    @Test
    void accepts_auth_in_a_multi_line_signature_or_in_the_decorator_and_public_auth_handlers() {
        var files = List.of(file("backend/app/deps.py", SecurityRouteReviewTest.DEPS_PY), file("backend/app/routers/auth.py", """
                from app.deps import CurrentUser, get_current_user

                @router.post("/register", status_code=201)
                async def register(payload: RegisterIn, session: SessionDep) -> UserRead:
                    ...

                @router.patch(
                    "/{item_id}", dependencies=[Depends(get_current_user)]
                )
                async def update_thing(
                    item_id: int,
                    payload: ThingUpdate,
                ) -> ThingRead:
                    ...

                @router.put("/{item_id}")
                async def replace_thing(
                    item_id: int,
                    current: CurrentUser,
                ) -> ThingRead:
                    ...
                """));
        assertThat(SecurityChecks.unauthenticatedWrites(files, SecurityAgent.AUTH_DEPENDENCIES, SecurityAgent.PUBLIC_HANDLERS)).isEmpty();
    }

    @Test
    void flags_wildcard_cors_with_credentials_only_together() {
        var bad = file("backend/app/main.py", "app.add_middleware(CORSMiddleware, allow_origins=[\"*\"], allow_credentials=True)");
        var ok1 = file("backend/app/main.py", "app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=True)");
        var ok2 = file("backend/app/main.py", "app.add_middleware(CORSMiddleware, allow_origins=[\"*\"], allow_credentials=False)");
        assertThat(SecurityChecks.wildcardCorsWithCredentials(List.of(bad))).hasSize(1);
        assertThat(SecurityChecks.wildcardCorsWithCredentials(List.of(ok1, ok2))).isEmpty();
    }

    @Test
    void flags_hard_coded_secrets_but_not_environment_reads() {
        var bad = file("backend/app/config.py", "SECRET_KEY = \"9f8e7d6c5b4a39281706\"\n");
        var ok = file("backend/app/config.py", "secret_key: str = os.environ.get(\"SECRET_KEY\", \"\")\n");
        assertThat(SecurityChecks.secrets(List.of(bad))).singleElement().asString().contains("backend/app/config.py:1");
        assertThat(SecurityChecks.secrets(List.of(ok))).isEmpty();
    }

    @Test
    void flags_sql_built_from_strings_and_raw_html() {
        var sql = file("backend/app/crud.py", "await session.execute(text(f\"SELECT * FROM t WHERE name = '{name}'\"))\n");
        var orm = file("backend/app/crud.py", "await session.execute(select(Task).where(Task.name == name))\n");
        assertThat(SecurityChecks.rawSql(List.of(sql))).hasSize(1);
        assertThat(SecurityChecks.rawSql(List.of(orm))).isEmpty();
        var html = file("frontend/app/page.tsx", "<div dangerouslySetInnerHTML={{ __html: x }} />");
        assertThat(SecurityChecks.rawHtml(List.of(html))).hasSize(1);
    }

    @Test
    void test_fixtures_may_hold_test_passwords_but_never_real_key_formats() {
        var fixture = file("backend/tests/conftest.py", "PASSWORD = \"correct-horse-battery\"\n");
        var leaked = file("backend/tests/conftest.py", "KEY = \"AKIAIOSFODNN7EXAMPL3\"\n");
        var app = file("backend/app/config.py", "PASSWORD = \"correct-horse-battery\"\n");
        assertThat(SecurityChecks.secrets(List.of(fixture))).isEmpty();
        assertThat(SecurityChecks.secrets(List.of(leaked))).hasSize(1);
        assertThat(SecurityChecks.secrets(List.of(app))).hasSize(1);
    }
}
