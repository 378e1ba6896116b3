package io.autonoma.agents.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.agents.security.internal.PythonModule.Call;
import io.autonoma.agents.security.internal.PythonModule.ClassDef;
import io.autonoma.agents.security.internal.PythonModule.Function;
import io.autonoma.agents.security.internal.PythonModule.Param;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PythonModuleTest {
    private static String text(List<PyToken> ts) {
        return String.join(" ", ts.stream().map(PyToken::text).toList());
    }

    @Test
    void decorators_are_read_to_their_balanced_closing_bracket_across_lines_strings_and_comments() throws Exception {
        PythonModule m = PythonModule.read("r.py", """
                @router.patch(
                    "/{id}",  # a comment with ) and ]
                    responses={404: {"description": "gone )"}},
                    dependencies=[Depends(a), Security(b, scopes=["x"])],
                )
                @other
                async def update(
                    item_id: Annotated[int, Path(ge=1)],
                    note: str = "a, b = c",
                    key=lambda v: v[0],
                    *args: int,
                    user: CurrentUser = Depends(get_user),
                    **kwargs: object,
                ) -> dict[str, int]:
                    return {}
                """);

        Function f = m.functions().get(0);
        assertThat(f.name()).isEqualTo("update");
        assertThat(f.line()).isEqualTo(7);
        assertThat(f.decorators()).hasSize(2);
        assertThat(f.decorators().get(0).line()).isEqualTo(1);
        assertThat(PythonModule.callOf(f.decorators().get(0).tokens())).get().satisfies(c -> {
            assertThat(c.callee()).isEqualTo("router.patch");
            assertThat(c.positional()).singleElement().extracting(PythonModuleTest::text).isEqualTo("\"/{id}\"");
            assertThat(c.keyword("dependencies")).get().extracting(PythonModuleTest::text)
                    .isEqualTo("[ Depends ( a ) , Security ( b , scopes = [ \"x\" ] ) ]");
        });
        assertThat(PythonModule.callOf(f.decorators().get(1).tokens())).isEmpty();
        assertThat(f.params()).extracting(Param::name).containsExactly("item_id", "note", "key", "*args", "user", "**kwargs");
        assertThat(text(f.params().get(0).annotation())).isEqualTo("Annotated [ int , Path ( ge = 1 ) ]");
        assertThat(text(f.params().get(1).defaultValue())).isEqualTo("\"a, b = c\"");
        assertThat(text(f.params().get(2).defaultValue())).isEqualTo("lambda v : v [ 0 ]");
        assertThat(text(f.params().get(4).annotation())).isEqualTo("CurrentUser");
        assertThat(text(f.params().get(4).defaultValue())).isEqualTo("Depends ( get_user )");
        assertThat(text(f.body())).contains("return { }");
    }

    @Test
    void imports_bind_local_names_to_what_they_import() throws Exception {
        PythonModule m = PythonModule.read("m.py", """
                import jwt
                import os.path
                import numpy as np, json
                from argon2 import PasswordHasher
                from fastapi.middleware.cors import (
                    CORSMiddleware as Cors,
                    SomethingElse,
                )
                from . import sibling
                from .pkg import thing
                from star import *
                """);

        assertThat(m.imports()).containsExactlyInAnyOrderEntriesOf(Map.of("jwt", "jwt", "os", "os", "np", "numpy", "json", "json",
                "PasswordHasher", "argon2.PasswordHasher", "Cors", "fastapi.middleware.cors.CORSMiddleware",
                "SomethingElse", "fastapi.middleware.cors.SomethingElse", "sibling", ".sibling", "thing", ".pkg.thing"));
        assertThat(m.imports("PasswordHasher", "argon2.PasswordHasher")).isTrue();
    }

    @Test
    void module_assignments_classes_and_calls() throws Exception {
        PythonModule m = PythonModule.read("m.py", """
                CurrentUser = Annotated[Principal, Depends(get_current_user)]
                LIMIT: int = 5
                x == 3


                class Settings(BaseSettings, metaclass=Meta):
                    \"\"\"Docs.\"\"\"

                    secret_key: str = ""
                    cors_origins: str = "*"
                    computed = 3

                    def method(self) -> None:
                        inner: int = 1
                        app.add_middleware(Cors, allow_origins=self.origins)
                """);

        assertThat(m.assignments().keySet()).containsExactlyInAnyOrder("CurrentUser", "LIMIT");
        assertThat(text(m.assignments().get("CurrentUser"))).isEqualTo("Annotated [ Principal , Depends ( get_current_user ) ]");
        ClassDef c = m.classes().get(0);
        assertThat(c.name()).isEqualTo("Settings");
        assertThat(c.bases()).extracting(PythonModuleTest::text).containsExactly("BaseSettings", "metaclass = Meta");
        assertThat(c.fields()).containsExactly("secret_key", "cors_origins");
        assertThat(m.functions()).extracting(Function::name).containsExactly("method");
        Call add = m.callsTo("add_middleware").get(0);
        assertThat(add.callee()).isEqualTo("app.add_middleware");
        assertThat(add.line()).isEqualTo(15);
        assertThat(add.keyword("allow_origins")).get().extracting(PythonModuleTest::text).isEqualTo("self . origins");
        assertThat(m.calls()).extracting(Call::callee).containsExactly("Depends", "app.add_middleware");
    }

    @Test
    void type_parameters_and_one_line_bodies() throws Exception {
        PythonModule m = PythonModule.read("m.py", "def first[T](items: list[T]) -> T: return items[0]\n");

        assertThat(m.functions()).singleElement().satisfies(f -> {
            assertThat(f.params()).extracting(Param::name).containsExactly("items");
            assertThat(text(f.body())).isEqualTo("return items [ 0 ]");
        });
    }

    @Test
    void dotted_names_and_calls_are_recognised_exactly() throws Exception {
        assertThat(PythonModule.dottedName(PythonTokenizer.tokenize("a.b.c").subList(0, 5))).contains("a.b.c");
        assertThat(PythonModule.dottedName(PythonTokenizer.tokenize("a.b()").subList(0, 5))).isEmpty();
        assertThat(PythonModule.callOf(PythonTokenizer.tokenize("f(x)(y)").subList(0, 7))).isEmpty();
        assertThat(PythonModule.callOf(PythonTokenizer.tokenize("routes[0].post(x)").subList(0, 9))).isEmpty();
        assertThat(PythonModule.callOf(PythonTokenizer.tokenize("a.post('/x', **opts)").subList(0, 9)))
                .map(c -> c.args().get(1).keyword()).contains(Optional.empty());
    }

    @Test
    void a_decorator_that_decorates_nothing_makes_the_module_unreadable() {
        assertThatThrownBy(() -> PythonModule.read("m.py", "@router.post('/x')\nhandler = make()\n"))
                .isInstanceOf(UnreadableSourceException.class).hasMessageContaining("decorates no function");
        assertThatThrownBy(() -> PythonModule.read("m.py", "x = 1\n@router.post('/x')\n"))
                .isInstanceOf(UnreadableSourceException.class).hasMessageContaining("line 2");
    }
}
