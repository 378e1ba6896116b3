package io.autonoma.agents.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.agents.backend.internal.Py;
import io.autonoma.agents.backend.internal.PyImports;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyTest {
    @Test
    void string_literals_escape_everything_that_could_break_python() {
        assertThat(Py.str("plain")).isEqualTo("\"plain\"");
        assertThat(Py.str("a\"b")).isEqualTo("'a\"b'");
        assertThat(Py.str("it's")).isEqualTo("\"it's\"");
        assertThat(Py.str("both ' and \"")).isEqualTo("\"both ' and \\\"\"");
        assertThat(Py.str("x\\y\nz\r\t\u0000\u2028")).isEqualTo("\"x\\\\y\\nz\\r\\t\\x00\\u2028\"");
        assertThat(Py.str("\"\"\" end")).isEqualTo("'\"\"\" end'");
        assertThat(Py.str("lone \ud800 surrogate")).isEqualTo("\"lone \\ud800 surrogate\"");
        assertThat(Py.str("emoji \ud83d\ude00")).isEqualTo("\"emoji \ud83d\ude00\"");
    }

    @Test
    void toml_strings_use_json_style_escapes() {
        assertThat(Py.toml("a \"b\" \\ c\n")).isEqualTo("\"a \\\"b\\\" \\\\ c\\n\"");
    }

    @Test
    void calls_stay_on_one_line_when_they_fit_and_explode_with_a_trailing_comma_otherwise() {
        assertThat(Py.call(4, "f(", List.of("a", "b"), ")")).isEqualTo("    f(a, b)");
        String longArg = "x".repeat(100);
        assertThat(Py.call(4, "f(", List.of(longArg, "b"), ")"))
                .isEqualTo("    f(\n        " + longArg + ",\n        b,\n    )");
        assertThat(Py.tuple(0, List.of())).isEqualTo("()");
        assertThat(Py.tuple(0, List.of("\"a\""))).isEqualTo("(\"a\",)");
        assertThat(Py.tuple(4, List.of("1", "2"))).isEqualTo("(\n        1,\n        2,\n    )");
    }

    @Test
    void long_identifiers_are_bounded_to_postgres_limit_deterministically() {
        String name = "fk_" + "very_long_table_name_".repeat(4) + "id";
        assertThat(Py.bounded("short")).isEqualTo("short");
        assertThat(Py.bounded(name)).hasSize(63).isEqualTo(Py.bounded(name)).startsWith(name.substring(0, 54) + "_");
    }

    @Test
    void imports_are_grouped_and_ordered_like_ruff_isort() {
        String block = new PyImports()
                .add("app.schemas.types", "UTCDatetime", "MAX_INT", "BlankToNone")
                .add("typing", "Self", "Annotated")
                .add("datetime", "time", "date")
                .add("sqlalchemy", "String")
                .add("__future__", "annotations")
                .render();
        assertThat(block).isEqualTo("""
                from __future__ import annotations

                from datetime import date, time
                from typing import Annotated, Self

                from sqlalchemy import String

                from app.schemas.types import MAX_INT, BlankToNone, UTCDatetime""");
    }

    @Test
    void plain_imports_come_before_from_imports_in_their_section() {
        String block = new PyImports()
                .add("contextlib", "asynccontextmanager")
                .addModule("gc")
                .addModule("asyncio")
                .add("fastapi", "FastAPI")
                .render();
        assertThat(block).isEqualTo("""
                import asyncio
                import gc
                from contextlib import asynccontextmanager

                from fastapi import FastAPI""");
    }
}
