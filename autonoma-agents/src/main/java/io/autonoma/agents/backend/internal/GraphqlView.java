package io.autonoma.agents.backend.internal;

import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.Feature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code graphql} feature: app/graphql_api.py (Strawberry types mirroring each entity's Read schema, a list and a
 * get field per entity, related rows as batch-loaded fields) and tests/test_graphql.py. Every entity-specific line is
 * built here; the templates hold the shared code.
 *
 * @param moduleImports    the import block of app/graphql_api.py
 * @param moduleCode       resources, node types and converters (after the shared helpers)
 * @param queryCode        the body of the {@code Query} type
 * @param testImports      the import block of tests/test_graphql.py
 * @param fieldsCode       {@code FIELDS}: per resource label, its list and get fields, its selection and Read schema
 * @param nestedCode       {@code NESTED}: parent/children pairs for the batching and depth tests (null: none)
 * @param linksCode        {@code LINKS}: many-to-many links between entities, for the linked-rows test (null: none)
 */
public record GraphqlView(String moduleImports, String moduleCode, String queryCode, String testImports, String fieldsCode,
        String nestedCode, String linksCode, boolean owned) {

    /** The fields of one Read schema line: {@code name}, its GraphQL-facing Python type, and its default (or null). */
    private record ReadField(String name, String type, String defaultValue) {}

    /** A many-to-one from {@code child} (its {@code fk}) to {@code parent}, named {@code name} on the child. */
    private record Link(BackendView.EntityView child, BackendView.EntityView parent, BackendView.M2OView relation) {}

    public boolean hasNested() { return nestedCode != null; }

    static GraphqlView of(AppSpec spec, List<BackendView.EntityView> entities) {
        if (!spec.features().contains(Feature.GRAPHQL)) {
            return null;
        }
        Map<String, BackendView.EntityView> byName = new LinkedHashMap<>();
        entities.forEach(e -> byName.put(e.name(), e));
        PyImports mi = new PyImports()
                .add("__future__", "annotations")
                .add("collections.abc", "Mapping", "Sequence")
                .add("dataclasses", "dataclass")
                .add("functools", "partial")
                .add("typing", "Annotated", "Any", "Generic", "TypeVar")
                .addModule("strawberry")
                .add("fastapi", "Depends", "Request")
                .add("fastapi.security", "HTTPAuthorizationCredentials", "HTTPBearer")
                .add("sqlalchemy", "func")
                .add("strawberry.dataloader", "DataLoader")
                .add("strawberry.extensions", "MaxAliasesLimiter", "MaxTokensLimiter", "QueryDepthLimiter")
                .add("strawberry.fastapi", "BaseContext", "GraphQLRouter")
                .add("strawberry.schema.config", "StrawberryConfig")
                .add("strawberry.types", "Info")
                .add("app.config", "Settings")
                .add("app.crud", "Listing", "Reader")
                .add("app.deps", "get_current_user", "read_connection")
                .add("app.security", "Principal");
        PyImports ti = new PyImports()
                .add("dataclasses", "dataclass")
                .add("pathlib", "Path")
                .add("typing", "Any")
                .add("fastapi", "FastAPI")
                .add("tests.conftest", "make_app", "serve")
                .add("httpx", "AsyncClient")
                .add("pydantic", "BaseModel")
                .add("tests.resources", "RESOURCES", "Headers", "Resource", "make");

        // children fields: per parent, the many-to-one relations pointing at it from other rows
        List<Link> links = new ArrayList<>();
        for (BackendView.EntityView e : entities) {
            for (BackendView.M2OView r : e.manyToOne()) {
                if (!r.toUser() && byName.containsKey(r.target())) {
                    links.add(new Link(e, byName.get(r.target()), r));
                }
            }
        }

        StringBuilder code = new StringBuilder();
        Map<Link, String> childrenFields = new LinkedHashMap<>();
        List<String> linkTests = new ArrayList<>();
        StringBuilder query = new StringBuilder();
        List<String> fieldsEntries = new ArrayList<>();
        boolean owned = false;
        for (BackendView.EntityView e : entities) {
            String snake = e.snake();
            String node = e.name() + "Node";
            mi.add("app.routers", snake).add("app.schemas." + snake, e.name() + "Read");
            ti.add("app.schemas." + snake, e.name() + "Read");
            List<String> resourceArgs = new ArrayList<>(List.of("label=" + Py.str(e.name()), "reader=" + snake + "._READER",
                    "listing=" + snake + "._LISTING", "sorts=_sorts(" + snake + "." + e.name() + "Sort)"));
            if (e.owned()) {
                resourceArgs.add("owner=" + Py.str(e.ownerFk()));
                owned = true;
            }
            code.append(Py.exploded(0, resource(e) + " = Resource(", resourceArgs, ")")).append("\n\n\n");

            Set<String> enums = new HashSet<>();
            e.enums().forEach(en -> enums.add(en.className()));
            List<ReadField> fields = readFields(e, enums, mi);
            Set<String> taken = new HashSet<>();
            fields.forEach(f -> taken.add(f.name()));
            code.append("@strawberry.type(name=").append(Py.str(e.name())).append(")\n");
            code.append("class ").append(node).append(":\n");
            for (ReadField f : fields) {
                code.append("    ").append(f.name()).append(": ").append(f.type());
                if (f.defaultValue() != null) code.append(" = ").append(f.defaultValue());
                code.append('\n');
            }
            for (Link l : links) {
                if (l.child() != e) continue;
                String name = free(l.relation().name(), taken);
                BackendView.EntityView p = l.parent();
                code.append('\n').append(field(name, p.name() + "Node | None"));
                if (!l.relation().required()) {
                    code.append("        if self.").append(l.relation().fk()).append(" is None:\n            return None\n");
                }
                code.append(Py.call(8, "item = await _one(", List.of("info", resource(p), "self." + l.relation().fk()), ")"))
                        .append('\n');
                code.append(ret("None if item is None else " + converter(p) + "(item)"));
            }
            for (BackendView.M2MView l : e.manyToMany()) {
                if (l.toUser() || !byName.containsKey(l.target())) continue;
                BackendView.EntityView p = byName.get(l.target());
                String name = free(l.name(), taken);
                linkTests.add(Py.exploded(4, "Linked(", List.of(Py.str(e.name()), Py.str(l.ids()), Py.str(name), Py.str(p.name())),
                        ")"));
                code.append('\n').append(field(name, "list[" + p.name() + "Node]"));
                code.append(Py.call(8, "items = await _many(", List.of("info", resource(p), "self." + l.ids()), ")")).append('\n');
                code.append(retList(converter(p) + "(item) for item in items"));
            }
            for (Link l : links) {
                if (l.parent() != e) continue;
                BackendView.EntityView c = l.child();
                boolean several = links.stream().filter(o -> o.parent() == e && o.child() == c).count() > 1;
                String name = free(several || taken.contains(c.pluralSnake()) ? c.pluralSnake() + "_by_" + l.relation().name()
                        : c.pluralSnake(), taken);
                childrenFields.put(l, name);
                code.append('\n').append(field(name, "list[" + c.name() + "Node]"));
                code.append(Py.call(8, "items = await _children(", List.of("info", resource(c), Py.str(l.relation().fk()), "self.id"),
                        ")")).append('\n');
                code.append(retList(converter(c) + "(item) for item in items"));
            }
            code.append("\n\n");
            code.append(Py.call(0, "def " + converter(e) + "(", List.of("item: Item"), ") -> " + node + ":")).append('\n');
            String build = "**" + e.name() + "Read.model_validate(item).model_dump()";
            String one = "    return " + node + "(" + build + ")";
            code.append(one.length() <= Py.LINE_LENGTH ? one : "    return " + node + "(\n        " + build + "\n    )").append('\n');
            code.append("\n\n");

            // ---- Query: the list and the get field
            String list = e.pluralSnake();
            String get = list.equals(snake) ? snake + "_by_id" : snake;
            List<String> params = new ArrayList<>(List.of("self", "info: Info[GraphQLContext, None]", "page: int = 1",
                    "size: int = 20", "sort: str = \"id\"", "q: str | None = None"));
            List<String> filters = new ArrayList<>();
            for (String arg : e.filterArgs()) {
                String key = arg.strip();
                key = key.substring(1, key.indexOf('"', 1));
                if (key.startsWith("_")) continue;
                String type = filterType(key, fields);
                params.add(key + ": " + type + " | None = None");
                filters.add(Py.str(key) + ": " + key);
            }
            query.append("    @strawberry.field\n");
            query.append(Py.exploded(4, "async def " + list + "(", params, ") -> Page[" + node + "]:")).append('\n');
            query.append(Py.exploded(8, "items, total = await _list_rows(", List.of("info", resource(e), "page=page", "size=size",
                    "sort=sort", "q=q", dict("filters=", filters)), ")")).append('\n');
            query.append(Py.exploded(8, "return Page(", List.of("items=[" + converter(e) + "(item) for item in items]",
                    "total=total", "page=page", "size=size"), ")")).append("\n\n");
            query.append("    @strawberry.field\n");
            query.append(Py.call(4, "async def " + get + "(", List.of("self", "info: Info[GraphQLContext, None]", "id: int"),
                    ") -> " + node + " | None:")).append('\n');
            query.append(Py.call(8, "item = await _one(", List.of("info", resource(e), "id"), ")")).append('\n');
            query.append(ret("None if item is None else " + converter(e) + "(item)")).append('\n');

            String selection = String.join(" ", fields.stream().map(ReadField::name).toList());
            fieldsEntries.add(Py.exploded(4, Py.str(e.name()) + ": Gql(", List.of(Py.str(list), Py.str(get),
                    Py.str(selection), e.name() + "Read"), ")"));
        }

        ti.addIf(owned, "tests.conftest", "register_and_login");
        List<String> nested = new ArrayList<>();
        for (Link l : links) {
            if (l.relation().selfRef()) continue;
            nested.add(Py.exploded(4, "Nested(", List.of(Py.str(l.parent().name()), Py.str(childrenFields.get(l)),
                    Py.str(l.child().name()), Py.str(l.relation().fk()), Py.str(l.relation().name())), ")"));
        }
        if (!nested.isEmpty()) {
            // the statement-counting and depth tests
            ti.add("collections.abc", "Iterator").add("contextlib", "contextmanager").add("sqlalchemy", "event");
        }
        String fieldsCode = "FIELDS: dict[str, Gql] = {\n" + String.join(",\n", fieldsEntries) + ",\n}";
        String nestedCode = nested.isEmpty() ? null
                : "NESTED: tuple[Nested, ...] = (\n" + String.join(",\n", nested) + ",\n)";
        String linksCode = linkTests.isEmpty() ? null
                : "LINKS: tuple[Linked, ...] = (\n" + String.join(",\n", linkTests) + ",\n)";
        String queryCode = query.toString().stripTrailing();
        return new GraphqlView(mi.render(), code.toString().stripTrailing(), queryCode, ti.render(), fieldsCode, nestedCode,
                linksCode, owned);
    }

    /** {@code return expr} in a method body, in parentheses on lines of their own when too long (as ruff format). */
    private static String ret(String expr) {
        String one = "        return " + expr;
        return (one.length() <= Py.LINE_LENGTH ? one : "        return (\n            " + expr + "\n        )") + "\n";
    }

    private static String retList(String comprehension) {
        String one = "        return [" + comprehension + "]";
        return (one.length() <= Py.LINE_LENGTH ? one : "        return [\n            " + comprehension + "\n        ]") + "\n";
    }

    /** A keyword argument holding a dict literal, at indent 12 in an exploded call: one line or one entry per line. */
    private static String dict(String head, List<String> entries) {
        String one = head + "{" + String.join(", ", entries) + "}";
        if (12 + one.length() + 1 <= Py.LINE_LENGTH) {
            return one;
        }
        StringBuilder b = new StringBuilder(head).append("{\n");
        entries.forEach(en -> b.append(" ".repeat(16)).append(en).append(",\n"));
        return b.append(" ".repeat(12)).append('}').toString();
    }

    private static String free(String name, Set<String> taken) {
        String out = name;
        while (taken.contains(out)) {
            out = out + "_";
        }
        taken.add(out);
        return out;
    }

    private static String field(String name, String type) {
        return "    @strawberry.field\n" + Py.call(4, "async def " + name + "(", List.of("self", "info: Info[GraphQLContext, None]"),
                ") -> " + type + ":") + "\n";
    }

    private static String filterType(String key, List<ReadField> fields) {
        for (ReadField f : fields) {
            if (f.name().equals(key)) {
                return f.type().replace(" | None", "");
            }
        }
        return "int";
    }

    static String resource(BackendView.EntityView e) {
        return "_" + e.snake().toUpperCase(java.util.Locale.ROOT);
    }

    static String converter(BackendView.EntityView e) {
        return "_as_" + e.snake();
    }

    /** The Read schema's lines as node fields: enums as their string values (as REST writes them). */
    private static List<ReadField> readFields(BackendView.EntityView e, Set<String> enums, PyImports mi) {
        List<ReadField> out = new ArrayList<>();
        for (String raw : e.readLines()) {
            String line = raw.strip();
            int colon = line.indexOf(':');
            String name = line.substring(0, colon);
            String rest = line.substring(colon + 1).strip();
            String defaultValue = null;
            int eq = rest.indexOf(" = ");
            if (eq >= 0) {
                defaultValue = rest.substring(eq + 3);
                rest = rest.substring(0, eq);
            }
            boolean nullable = rest.endsWith(" | None");
            String base = nullable ? rest.substring(0, rest.length() - 7) : rest;
            if (enums.contains(base)) {
                base = "str";
            }
            switch (base) {
                case "TimeOfDay", "time" -> {
                    base = "time";
                    mi.add("datetime", "time");
                }
                case "datetime" -> mi.add("datetime", "datetime");
                case "date" -> mi.add("datetime", "date");
                case "Decimal" -> mi.add("decimal", "Decimal");
                default -> { }
            }
            out.add(new ReadField(name, base + (nullable ? " | None" : ""), defaultValue));
        }
        return out;
    }
}
