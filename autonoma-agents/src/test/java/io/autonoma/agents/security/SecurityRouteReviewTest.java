package io.autonoma.agents.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.testkit.TestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The route check fails closed: every data-changing route must depend on authentication by code the
 * review has read (decorator, signature, dependency aliases), and a route it cannot read is a
 * finding, never a pass.
 */
class SecurityRouteReviewTest {
    /** The dependencies as the generated backend declares them. */
    static final String DEPS_PY = """
            from typing import Annotated

            from fastapi import Depends, HTTPException, Request, status


            async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
                yield request.app.state.sessionmaker()


            async def get_current_user(request: Request) -> Principal:
                raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Not authenticated")


            DbSession = Annotated[AsyncSession, Depends(get_session)]
            CurrentUser = Annotated[Principal, Depends(get_current_user)]


            async def require_admin(user: CurrentUser) -> Principal:
                if user.role != "admin":
                    raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Admin role required")
                return user


            AdminUser = Annotated[Principal, Depends(require_admin)]
            """;

    static List<String> findings(Map<String, String> files) {
        TestContext ctx = new TestContext(TestContext.exampleSpec());
        files.forEach(ctx.artifacts()::write);
        try {
            new SecurityAgent(java.util.List.of()).run(ctx);
            return List.of();
        } catch (SecurityReviewException e) {
            return e.findings();
        }
    }

    /** A router module (after the usual imports) next to the real-shaped deps module. */
    static List<String> routerFindings(String routes) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("backend/app/deps.py", DEPS_PY);
        files.put("backend/app/routers/thing.py", """
                from fastapi import APIRouter, Depends

                from app.deps import AdminUser, CurrentUser, DbSession, get_current_user, get_session, require_admin

                router = APIRouter(prefix="/api/v1/things")


                """ + routes);
        return findings(files);
    }

    @Test
    void a_dependencies_list_without_authentication_is_a_finding() {
        assertThat(routerFindings("""
                @router.post("/x", dependencies=[Depends(get_session)])
                async def make_x(payload: ThingIn) -> None:
                    ...
                """)).singleElement().asString()
                .contains("backend/app/routers/thing.py:8", "POST handler 'make_x'", "without requiring an authenticated user");
    }

    @Test
    void a_dependencies_list_with_authentication_passes() {
        assertThat(routerFindings("""
                @router.post("/x", dependencies=[Depends(get_current_user)])
                async def make_x(payload: ThingIn) -> None:
                    ...
                """)).isEmpty();
    }

    @Test
    void a_multi_line_decorator_is_read_to_its_closing_bracket() {
        assertThat(routerFindings("""
                @router.patch(
                    "/{item_id}",
                    dependencies=[Depends(get_session)],
                    responses={404: {"description": "Not found (see (docs))"}},
                )
                async def update_thing(
                    item_id: int,
                    payload: ThingIn,
                ) -> None:
                    ...
                """)).singleElement().asString().contains(":8:", "PATCH handler 'update_thing'");
    }

    @Test
    void a_comment_after_the_decorator_hides_nothing() {
        assertThat(routerFindings("""
                @router.delete("/{item_id}")  # needs a CurrentUser (TODO)
                async def delete_thing(item_id: int, session: DbSession) -> None:
                    ...
                """)).singleElement().asString().contains("DELETE handler 'delete_thing'");
    }

    @Test
    void auth_names_in_strings_comments_or_longer_identifiers_are_not_authentication() {
        assertThat(routerFindings("""
                @router.put("/{item_id}")
                async def replace_thing(
                    item_id: int,
                    note: str = "AdminUser",  # CurrentUser
                    get_current_user_later: bool = False,
                    session: DbSession = None,
                ) -> None:
                    ...
                """)).singleElement().asString().contains("PUT handler 'replace_thing'");
    }

    @Test
    void annotated_aliases_defaults_and_role_checks_are_followed_to_the_authenticating_dependency() {
        assertThat(routerFindings("""
                @router.post("")
                async def create_thing(payload: ThingIn, _user: CurrentUser, session: DbSession) -> None:
                    ...


                @router.delete("/{item_id}")
                async def delete_thing(item_id: int, _admin: AdminUser) -> None:
                    ...


                @router.patch("/{item_id}")
                async def update_thing(item_id: int, user: Principal = Depends(get_current_user)) -> None:
                    ...


                @router.post("/inline")
                async def inline(user: Annotated[Principal, Depends(require_admin)]) -> None:
                    ...
                """)).isEmpty();
    }

    @Test
    void names_resolve_through_the_module_s_own_scope_and_imports() {
        // the router's own CurrentUser shadows the authenticating one of app.deps
        assertThat(findings(Map.of("backend/app/deps.py", DEPS_PY, "backend/app/routers/thing.py", """
                from typing import Annotated

                from fastapi import APIRouter, Depends

                from app.deps import get_session

                router = APIRouter()
                CurrentUser = Annotated[object, Depends(get_session)]


                @router.post("")
                async def create_thing(user: CurrentUser) -> None:
                    ...
                """))).singleElement().asString().contains("POST handler 'create_thing'");
        // a module import and a relative import reach the dependency all the same
        assertThat(findings(Map.of("backend/app/deps.py", DEPS_PY, "backend/app/routers/thing.py", """
                from fastapi import APIRouter, Depends

                from app import deps
                from ..deps import AdminUser

                router = APIRouter()


                @router.post("")
                async def create_thing(user: object = Depends(deps.get_current_user)) -> None:
                    ...


                @router.delete("/{item_id}")
                async def delete_thing(item_id: int, _admin: AdminUser) -> None:
                    ...
                """))).isEmpty();
    }

    @Test
    void router_level_dependencies_cover_its_routes() {
        Map<String, String> files = Map.of("backend/app/deps.py", DEPS_PY, "backend/app/routers/thing.py", """
                from fastapi import APIRouter, Depends

                from app.deps import get_current_user

                router = APIRouter(
                    prefix="/api/v1/things",
                    dependencies=[Depends(get_current_user)],
                )


                @router.post("")
                async def create_thing(payload: ThingIn) -> None:
                    ...
                """);
        assertThat(findings(files)).isEmpty();
    }

    @Test
    void an_authenticating_dependency_the_review_cannot_find_is_no_authentication() {
        assertThat(findings(Map.of("backend/app/routers/thing.py", """
                from fastapi import APIRouter

                from elsewhere import CurrentUser

                router = APIRouter()


                @router.post("")
                async def create_thing(user: CurrentUser) -> None:
                    ...
                """))).singleElement().asString().contains("POST handler 'create_thing'");
    }

    @Test
    void every_stacked_route_decorator_is_checked_and_other_decorators_are_skipped() {
        assertThat(routerFindings("""
                @router.post("/a")
                @router.put("/b")
                async def write_a_or_b(session: DbSession) -> None:
                    ...


                @router.post("/c")
                @limiter.limit("5/minute")
                async def write_c(_user: CurrentUser) -> None:
                    ...
                """)).hasSize(2).allSatisfy(f -> assertThat(f).contains("'write_a_or_b'"));
    }

    @Test
    void public_auth_handlers_and_reads_need_no_user() {
        assertThat(routerFindings("""
                @router.post("/register", status_code=201)
                async def register(payload: RegisterIn, session: DbSession) -> None:
                    ...


                @router.get("/{item_id}")
                async def read_thing(item_id: int, session: DbSession) -> None:
                    ...
                """)).isEmpty();
    }

    @Test
    void routes_the_review_cannot_read_are_findings() {
        assertThat(routerFindings("""
                EXTRA = [Depends(get_session)]


                @router.post("/computed", dependencies=EXTRA)
                async def computed(_user: CurrentUser) -> None:
                    ...
                """)).singleElement().asString().contains(":11:", "cannot read", "dependencies");
        assertThat(routerFindings("""
                @router.api_route("/any", methods=METHODS)
                async def any_method(session: DbSession) -> None:
                    ...
                """)).singleElement().asString().contains("cannot read", "methods");
        assertThat(routerFindings("""
                async def added(session: DbSession) -> None:
                    ...


                router.add_api_route("/added", added, methods=["POST"])
                """)).singleElement().asString().contains("cannot read", "add_api_route");
        assertThat(routerFindings("""
                @router.post("/broken", dependencies=[Depends(get_current_user)]
                async def broken(payload: ThingIn) -> None:
                    ...
                """)).singleElement().asString().contains("cannot read", "backend/app/routers/thing.py");
        assertThat(routerFindings("""
                @router.post("/not-a-function")
                handler = make_handler()
                """)).singleElement().asString().contains("cannot read");
    }

    @Test
    void api_route_with_a_literal_write_method_is_checked_like_the_others() {
        assertThat(routerFindings("""
                @router.api_route("/any", methods=["GET", "POST"])
                async def any_method(session: DbSession) -> None:
                    ...
                """)).singleElement().asString().contains("POST handler 'any_method'");
    }
}
