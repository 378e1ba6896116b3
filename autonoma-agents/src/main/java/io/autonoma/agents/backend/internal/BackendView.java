package io.autonoma.agents.backend.internal;

import io.autonoma.agents.naming.Naming;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.Sha256;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.Capability;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.Relation;
import io.autonoma.core.spec.RelationGraph;
import io.autonoma.core.spec.RelationKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The logic-less view of an {@link AppSpec} for the {@code backend-fastapi} template packs. Every
 * Python type, column type, constraint, import line and test value is decided here; templates only
 * place the strings. Values that come from the spec's free text are escaped as Python/TOML literals.
 */
public record BackendView(
        String appNamePy,
        String cacheNamespacePy,
        String titlePy,
        String descriptionPy,
        String projectName,
        String descriptionToml,
        String revision,
        List<EntityView> entities,
        List<AssocView> associations,
        boolean hasAssociations,
        String modelsInitImports,
        String modelsAllCode,
        String mainImports,
        List<TableView> tables,
        List<String> dropTables,
        List<M2OView> relationTests,
        List<M2MView> linkTests,
        List<M2OView> authorTests,
        List<M2OView> assigneeTests,
        List<M2MView> userLinkTests,
        String readmeTitle,
        int entityCount,
        List<ShortLinkView> shortCodes,
        List<CounterView> counters,
        String shortLinksImports,
        List<WorkflowView> workflows,
        List<String> roles,
        List<LimitViews.LimitView> limits,
        String limitsImports,
        String limitTestImports,
        List<OrderingView> orderings,
        List<Votes.VoteView> votes,
        String votingImports,
        String votingSchemaImports,
        List<FileViews.FileView> files,
        String filesRouterImports,
        GraphqlView graphql,
        Jobs.View jobs) {

    /** This view once when some entity has a background job (reminders, CSV export or import), else none. */
    public List<BackendView> withJobs() { return jobs.any() ? List.of(this) : List.of(); }
    /** This view once when some entity is reminded of (app/reminders.py, tests/test_reminders.py), else none. */
    public List<BackendView> withReminders() { return jobs.reminders().isEmpty() ? List.of() : List.of(this); }
    /** This view once when some entity is exported or imported as CSV by jobs (app/jobs.py), else none. */
    public List<BackendView> withJobTables() { return jobs.tables().isEmpty() ? List.of() : List.of(this); }
    public List<String> reminderEntries() { return jobs.reminders(); }
    public String reminderImports() { return jobs.reminderImports(); }
    public List<Jobs.JobTable> jobTables() { return jobs.tables(); }
    public String jobImports() { return jobs.jobImports(); }

    /**
     * An entity whose rows keep their order in {@code field} (the ordering capability), within the row of
     * {@code parentSnake} named by {@code fk} when it has a parent; {@code path} and {@code parentPath} are API paths.
     */
    public record OrderingView(String name, String snake, String path, String field, String fk, String parentSnake,
            String parentPath, boolean parentRequired) {
        public boolean hasParent() { return fk != null; }
    }

    /**
     * The move endpoint of an ordered entity ({@code POST <path>/{id}/move}): {@code schema} names its body, and
     * {@code targetLines} set {@code parent_id}, the parent the row goes to.
     */
    public record MoveView(String schema, List<String> targetLines) {}

    /** This view once when some entity keeps its rows in order (the ordering capability), else none. */
    public List<BackendView> withOrdering() { return orderings.isEmpty() ? List.of() : List.of(this); }

    /**
     * A counter: {@code field} of {@code name} grows by one (or by {@code sum}) per row of {@code source} that points at
     * it through {@code fk}, or per visit of its short link when there is no source.
     */
    public record CounterView(String name, String snake, String path, String field, String source, String sourcePath,
            String sourceSnake, String fk, String sum, String visitLink, String codeField) {
        /** Counts rows of a source (by one each): the tests move and delete some. */
        public boolean countsRows() { return source != null && fk != null && sum == null; }
        public boolean sumsRows() { return source != null && fk != null && sum != null; }
    }

    /**
     * An entity whose rows get a short code from the server ({@code field}); with a {@code target} url field,
     * {@code /r/<route>/<code>} redirects there ({@code lookupLine}: the statement that finds it).
     */
    public record ShortLinkView(String name, String snake, String route, String path, String field, String target,
            String lookupLine, List<String> visitLines, boolean counted) {
        /** The route's def line(s), laid out as ruff format would. */
        public String signature() {
            String args = "code: Code, session: DbSession" + (counted ? ", cache: ReadCacheDep" : "");
            String one = "async def follow_" + snake + "(" + args + ") -> RedirectResponse:";
            return one.length() <= 100 ? one : "async def follow_" + snake + "(\n    " + args + "\n) -> RedirectResponse:";
        }
    }

    /** The short-code entities that redirect (for {@code app/routers/short_links.py}). */
    public List<ShortLinkView> shortLinks() { return shortCodes.stream().filter(l -> l.target() != null).toList(); }
    /** Whether tests/test_counters.py sends requests at once (rows that count, or short-link visits). */
    public boolean concurrentCounters() {
        return counters.stream().anyMatch(c -> c.countsRows() || c.sumsRows() || c.visitLink() != null);
    }
    public boolean anySums() { return counters.stream().anyMatch(CounterView::sumsRows); }

    /**
     * The fixed limits per user (app/limits.py constants): the generic tests make many rows as one user, so
     * tests/conftest.py raises these for every test module but tests/test_limits.py.
     */
    public String roomyLimitsLine() {
        List<String> names = roomyLimits();
        return names.isEmpty() ? null : Py.call(4, "limits = [", names, "]");
    }
    /** The imports tests/conftest.py needs for {@link #roomyLimitsLine()}. */
    public String roomyLimitsImport() {
        List<String> names = roomyLimits();
        return names.isEmpty() ? null : Py.call(0, "from app.limits import ", names, "");
    }
    private List<String> roomyLimits() {
        return limits.stream().filter(l -> l.toUser() && l.maxField() == null).map(LimitViews.LimitView::constant).toList();
    }

    /** This view once when some entity has a limit per parent (the limit capability), else none. */
    public List<BackendView> withLimits() { return limits.isEmpty() ? List.of() : List.of(this); }

    /** This view once when some entity keeps a counter (the counter capability), else none. */
    public List<BackendView> withCounters() { return counters.isEmpty() ? List.of() : List.of(this); }
    public List<BackendView> withShortCodes() { return shortCodes.isEmpty() ? List.of() : List.of(this); }
    public List<BackendView> withShortLinks() { return shortLinks().isEmpty() ? List.of() : List.of(this); }
    public List<BackendView> withWorkflows() { return workflows.isEmpty() ? List.of() : List.of(this); }
    /** This view once when admins give users the app's own roles (a workflow keeps actions for one), else none. */
    public List<BackendView> withRoles() { return roles.isEmpty() ? List.of() : List.of(this); }
    /** The members of app/routers/roles.py's RoleName enum. */
    public List<String> roleMembers() {
        return roles.stream().map(r -> "    " + r.toUpperCase(Locale.ROOT) + " = " + Py.str(r)).toList();
    }
    /** The first role of the app's own (after admin and user), for tests/test_roles.py. */
    public String firstAppRole() { return roles.size() > 2 ? roles.get(2) : null; }
    /** This view once when some entity keeps votes that the server casts (the vote capability), else none. */
    public List<BackendView> withVotes() { return votes.isEmpty() ? List.of() : List.of(this); }
    /** This view once when some field holds an uploaded file (the file_upload capability), else none. */
    public List<BackendView> withFiles() { return files.isEmpty() ? List.of() : List.of(this); }
    /** This view once when the app has the {@code graphql} feature (app/graphql_api.py, its tests), else none. */
    public List<BackendView> withGraphql() { return graphql == null ? List.of() : List.of(this); }
    /** This view once when a pinned requirement needs python-dateutil (boto3 for files, Strawberry), else none. */
    public List<BackendView> withDateutil() { return files.isEmpty() && graphql == null ? List.of() : List.of(this); }

    /** Module names the generated app already uses; entity modules must not collide with them. */
    private static final Set<String> RESERVED_MODULES = Set.of("auth", "health", "base", "user", "users", "user_refs",
            "associations", "common", "types", "crud", "deps", "db", "config", "main", "middleware", "security", "http_cache",
            "read_cache", "short_codes", "short_links", "counters", "roles", "workflow", "limits", "ordering", "voting",
            "realtime", "files", "graphql_api");

    public boolean hasRelationTests() {
        return !relationTests.isEmpty() || !linkTests.isEmpty();
    }

    /** Whether some relation points at the app's own users ({@code "to": "User"}). */
    public boolean hasUserRelations() {
        return !authorTests.isEmpty() || !assigneeTests.isEmpty() || !userLinkTests.isEmpty();
    }

    /**
     * This view once when the spec has relations to users, else nothing: the pack renders the users
     * directory, its helpers and its tests ({@code each=withUsers}) only for apps that need them.
     */
    public List<BackendView> withUsers() {
        return hasUserRelations() ? List.of(this) : List.of();
    }

    public record EnumView(String className, List<String> members) {}

    /**
     * A many-to-one relation. {@code toUser}: it points at the app's users table; then {@code createCheck} and
     * {@code updateCheck} call {@code app.user_refs} (a required one names who did it and defaults to the current
     * user, an optional one any active user) instead of {@code ensure_exists}.
     */
    public record M2OView(String name, String fk, String fkPy, String target, String targetSnake, String targetTable,
            String targetPath, String fromName, String fromSnake, String fromPath, boolean required, boolean selfRef,
            boolean toUser, String columnCode, String aliasCode, String createLine, String updateLine, String readLine,
            String createCheck, String updateCheck, String filterParam, String filterColumn, String filterArg,
            String testSlug, boolean owner) {
        public String badJson() {
            return "{" + fkPy + ": 999_999}";
        }
    }

    /** A many-to-many relation; {@code toUser}: to the app's users, loaded with {@code app.user_refs.load_users}. */
    public record M2MView(String name, String ids, String idsPy, String target, String targetSnake, String targetPath,
            String fromName, String fromSnake, String fromPath, boolean toUser, String assocVar, String relationshipCode,
            String aliasCode, String createLine, String updateLine, String readLine, String createLoad, String updateLoad,
            String testSlug) {
        public String secondJson() {
            return "{" + idsPy + ": [second]}";
        }

        public String badJson() {
            return "{" + idsPy + ": [second, 999_999]}";
        }
    }

    public record AssocView(String varName, String tablePy, String fromColumnPy, String fromTargetPy, String toColumnPy,
            String toTargetPy) {}

    public record TableView(String namePy, List<String> columns, List<String> constraints, List<String> indexes) {}

    public record EntityView(
            String name, String snake, String pluralSnake, String path, String table, String tablePy, String label,
            String idName, String idPath, String missingFmt,
            String modelImports, boolean hasTypeChecking, List<String> typeCheckingImports, List<EnumView> enums,
            List<String> columnLines, List<M2OView> manyToOne, List<M2MView> manyToMany,
            String schemaImports, List<String> aliasCodes, String notNullableCode, List<String> createLines,
            List<String> updateLines, List<String> readLines,
            String routerImports, List<String> sortMembers, List<String> sortColumns, String searchColumnsCode,
            List<String> filterParams, String filterColumnsCode, List<String> filterArgs, boolean hasFilterArgs,
            String createDump, String updateDump, String writer,
            boolean usesN, List<String> sampleLines, List<String> parentLines, String echoedCode, String invalidCode,
            String notNullableTestCode, String requiredOnCreateCode, String updateCode, String orderingsCode,
            String uniqueCode, String searchFieldPy, String filtersCode,
            boolean hasRequiredOnCreate, boolean hasUnique, boolean hasSearchField, boolean hasFilters,
            boolean owned, String ownerFk, String reader, String deleter, String ownerCheckItem, String ownerCheckObj,
            String shortCodeLine, List<String> createHooks, List<String> updateHooks, List<String> deleteHooks,
            String orderCode, String positionLine, MoveView move, List<String> moveSchema,
            String readerCode, String tableArgs, RealtimeView realtime, List<String> afterDeleteLines,
            boolean importable) {
        /** Whether the sample payload has values of its own (not when every field is the server's). */
        public boolean hasSamples() { return !sampleLines.isEmpty(); }
    }

    /**
     * A real-time entity's events ({@code app/realtime.py}): {@code resource} is its API path's last segment (the
     * frontend's query key); each line publishes one kind of event after the write committed.
     */
    public record RealtimeView(String resource, String created, String updated, String deleted) {}

    /** The real-time entities (the realtime capability). */
    public List<EntityView> realtimeEntities() { return entities.stream().filter(e -> e.realtime() != null).toList(); }
    /**
     * A workflow action of a real-time entity that an admin takes from the initial state (tests/test_realtime.py: the
     * move is an update event); only for rows that do not belong to their creator, which the admin writes alone here.
     */
    public record RealtimeAction(String snake, String path, String resource, String action) {}

    public List<RealtimeAction> realtimeActions() {
        List<RealtimeAction> out = new ArrayList<>();
        for (WorkflowView w : workflows) {
            if (w.publishLine() == null || entities.stream().anyMatch(e -> e.name().equals(w.name()) && e.owned())) continue;
            w.stepTests().stream().filter(t -> t.walkLines().isEmpty()).findFirst().ifPresent(t -> out.add(new RealtimeAction(
                    w.snake(), w.path(), Py.str(Naming.pluralKebab(w.name())), t.action())));
        }
        return out;
    }

    /** The real-time entities whose rows belong to their creator: their events go to the owner and admins alone. */
    public List<EntityView> realtimeOwned() { return realtimeEntities().stream().filter(EntityView::owned).toList(); }
    public boolean anyRealtimeOwned() { return !realtimeOwned().isEmpty(); }
    /** This view once when some entity's writes are pushed to the browsers (app/realtime.py, its tests), else none. */
    public List<BackendView> withRealtime() { return realtimeEntities().isEmpty() ? List.of() : List.of(this); }

    /** Whether some entity's rows belong to their creator (the {@code ownership} capability). */
    public boolean anyOwned() { return entities.stream().anyMatch(EntityView::owned); }
    public List<EntityView> ownedEntities() { return entities.stream().filter(EntityView::owned).toList(); }
    /** This view once when some entity is owned (for {@code each=withOwnership}: tests/test_ownership.py), else none. */
    public List<BackendView> withOwnership() { return anyOwned() ? List.of(this) : List.of(); }

    // The field tests (tests/test_fields.py) exist only for what some resource has: never a skipped test.
    public boolean anyRequiredOnCreate() { return entities.stream().anyMatch(EntityView::hasRequiredOnCreate); }
    public boolean anyUnique() { return entities.stream().anyMatch(EntityView::hasUnique); }
    public boolean anySearchField() { return entities.stream().anyMatch(EntityView::hasSearchField); }
    public boolean anyFilters() { return entities.stream().anyMatch(EntityView::hasFilters); }
    public boolean anyFieldTests() { return anyRequiredOnCreate() || anyUnique() || anySearchField() || anyFilters(); }

    public static BackendView of(AppSpec given) {
        AppSpec spec = withServerMadeFields(given);
        Map<String, Entity> byName = new LinkedHashMap<>();
        spec.entities().forEach(e -> byName.put(e.name(), e));
        for (Entity e : spec.entities()) {
            if (RESERVED_MODULES.contains(Naming.snake(e.name()))) {
                throw new AutonomaException("entity '" + e.name() + "' would clash with the generated module app/*/"
                        + Naming.snake(e.name()) + ".py; rename it");
            }
        }
        List<Entity> ordered = creationOrder(spec);
        Map<String, List<M2OView>> m2o = new HashMap<>();
        Map<String, List<M2MView>> m2m = new HashMap<>();
        // the relations that name each row's owner, for the entities whose rows belong to their creator
        Set<Relation> owners = new java.util.HashSet<>();
        spec.capabilities(Capability.Ownership.class).forEach(o -> o.owner(spec).ifPresent(owners::add));
        List<AssocView> assocs = new ArrayList<>();
        List<TableView> assocTables = new ArrayList<>();
        for (Relation r : spec.relations()) {
            String from = r.from();
            String fromSnake = Naming.snake(from);
            String toSnake = Naming.snake(r.to());
            String toTable = table(r.to());
            if (r.kind() == RelationKind.MANY_TO_ONE) {
                m2o.computeIfAbsent(from, k -> new ArrayList<>()).add(m2oView(r, fromSnake, toSnake, toTable, owners.contains(r)));
            } else {
                String assocTable = Py.bounded(fromSnake + "_" + r.name());
                String fromCol = fromSnake + "_id";
                String toCol = r.selfReference() ? "related_" + toSnake + "_id" : toSnake + "_id";
                String fromTable = table(from);
                assocs.add(new AssocView(assocTable, Py.str(assocTable), Py.str(fromCol), Py.str(fromTable + ".id"),
                        Py.str(toCol), Py.str(toTable + ".id")));
                assocTables.add(new TableView(Py.str(assocTable),
                        List.of(Py.call(8, "sa.Column(", List.of(Py.str(fromCol), "sa.Integer()", "nullable=False"), "),"),
                                Py.call(8, "sa.Column(", List.of(Py.str(toCol), "sa.Integer()", "nullable=False"), "),")),
                        List.of(fk(assocTable, fromCol, fromTable, "CASCADE"), fk(assocTable, toCol, toTable, "CASCADE"),
                                Py.call(8, "sa.PrimaryKeyConstraint(", List.of(Py.str(fromCol), Py.str(toCol),
                                        "name=" + Py.str(Py.bounded("pk_" + assocTable))), "),")),
                        List.of(index(assocTable, toCol))));
                m2m.computeIfAbsent(from, k -> new ArrayList<>()).add(m2mView(r, fromSnake, toSnake, assocTable));
            }
        }

        List<EntityView> entities = new ArrayList<>();
        for (Entity e : spec.entities()) {
            entities.add(entity(e, m2o.getOrDefault(e.name(), List.of()), m2m.getOrDefault(e.name(), List.of()), spec));
        }

        List<TableView> tables = new ArrayList<>();
        for (Entity e : ordered) {
            tables.add(entityTable(e, m2o.getOrDefault(e.name(), List.of()), Votes.uniquePair(spec, e.name())));
        }
        List<WorkflowView> workflows = WorkflowView.of(spec);
        workflows.forEach(w -> tables.add(w.table()));
        tables.addAll(assocTables);
        List<String> drops = new ArrayList<>();
        for (int i = tables.size() - 1; i >= 0; i--) {
            drops.add(tables.get(i).namePy());
        }

        PyImports init = new PyImports();
        List<String> all = new ArrayList<>(List.of("Base", "RefreshToken", "User"));
        init.add("app.models.base", "Base").add("app.models.user", "RefreshToken", "User");
        for (AssocView a : assocs) {
            init.add("app.models.associations", a.varName());
            all.add(a.varName());
        }
        for (EntityView ev : entities) {
            init.add("app.models." + ev.snake(), ev.name());
            all.add(ev.name());
            for (EnumView en : ev.enums()) {
                init.add("app.models." + ev.snake(), en.className());
                all.add(en.className());
            }
        }
        for (WorkflowView w : workflows) {
            init.add("app.models." + w.snake() + "_transition", w.transitionClass());
            all.add(w.transitionClass());
        }
        if (!spec.capabilities(Capability.BackgroundJob.class).isEmpty()) {
            init.add("app.models.background_job", "BackgroundJob", "SentReminder");
            all.addAll(List.of("BackgroundJob", "SentReminder"));
        }
        List<String> allLines = PyImports.sorted(all).stream().map(Py::str).toList();
        String allCode = "__all__ = " + Py.tuple(0, allLines).replaceFirst("^\\(", "[").replaceFirst("\\)$", "]");
        if (allLines.size() == 1) {
            allCode = "__all__ = [" + allLines.get(0) + "]";
        }

        PyImports main = new PyImports()
                .addModule("gc")
                .add("collections.abc", "AsyncIterator")
                .add("contextlib", "asynccontextmanager")
                .add("fastapi", "FastAPI", "Request")
                .add("fastapi.middleware.cors", "CORSMiddleware")
                .add("fastapi.responses", "JSONResponse")
                .add("app.rules", "RuleViolation")
                .add("app.config", "Settings", "get_settings")
                .add("app.db", "SessionSlots", "create_engine", "create_sessionmaker", "read_only")
                .add("app.middleware", "RateLimitMiddleware", "SecurityHeadersMiddleware")
                .add("app.metrics", "Metrics", "MetricsMiddleware")
                .add("app.read_cache", "create_read_cache")
                .add("app.routers", "auth", "health")
                .add("app.security", "PrincipalCache", "make_password_hasher");
        for (EntityView ev : entities) {
            main.add("app.routers", ev.snake());
        }
        boolean users = spec.relationGraph().hasUserRelations();
        main.addIf(users, "app.routers", "users");
        List<ShortLinkView> shortCodes = new ArrayList<>();
        PyImports shortLinksImports = new PyImports()
                .add("typing", "Annotated", "Any")
                .add("fastapi", "APIRouter", "HTTPException", "Path", "status")
                .add("fastapi.responses", "RedirectResponse")
                .add("sqlalchemy", "select")
                .add("app.deps", "DbSession")
                .add("app.schemas.common", "Message")
                .add("app.short_codes", "CODE_PATTERN", "web_address");
        for (Capability.ShortCode c : spec.capabilities(Capability.ShortCode.class)) {
            String snake = Naming.snake(c.entity());
            String lookup = null;
            List<String> visits = List.of();
            if (c.target() != null) {
                lookup = "    query = select(" + c.entity() + ".id, " + c.entity() + "." + c.target() + ").where(" + c.entity() + "."
                        + c.field() + " == code)";
                shortLinksImports.add("app.models." + snake, c.entity());
                visits = visitLines(spec, c.entity(), shortLinksImports);
            }
            shortCodes.add(new ShortLinkView(c.entity(), snake, Naming.pluralKebab(c.entity()), "/api/v1/" + Naming.pluralKebab(c.entity()),
                    c.field(), c.target(), lookup, visits, !visits.isEmpty()));
        }
        main.addIf(shortCodes.stream().anyMatch(l -> l.target() != null), "app.routers", "short_links");
        workflows.forEach(w -> main.add("app.routers", w.snake() + "_actions"));
        main.addIf(!spec.assignableRoles().isEmpty(), "app.routers", "roles");
        PyImports votingImports = new PyImports()
                .add("fastapi", "APIRouter")
                .add("sqlalchemy.ext.asyncio", "AsyncSession")
                .add("app.crud", "commit_or_409", "get_or_404")
                .add("app.deps", "CurrentUser", "DbSession", "ReadCacheDep")
                .add("app.schemas.common", "ERROR_RESPONSES")
                .add("app.schemas.voting", "VoteState")
                .add("app.security", "Principal")
                .add("app.voting", "Ballot");
        PyImports votingSchemaImports = new PyImports().add("pydantic", "BaseModel");
        List<Votes.VoteView> votes = Votes.views(spec, entities, votingImports, votingSchemaImports);
        main.addIf(!votes.isEmpty(), "app.routers", "voting");
        boolean realtime = !spec.capabilities(Capability.Realtime.class).isEmpty();
        main.addIf(realtime, "app", "realtime").addIf(realtime, "app.realtime", "create_event_hub");
        PyImports filesImports = FileViews.routerImports();
        List<FileViews.FileView> files = FileViews.views(spec, entities, filesImports);
        main.addIf(!files.isEmpty(), "app.routers", "files").addIf(!files.isEmpty(), "app.files", "Files", "create_storage");
        GraphqlView graphql = GraphqlView.of(spec, entities);
        main.addIf(graphql != null, "app.graphql_api", "graphql_router");
        Jobs.View jobs = Jobs.of(spec);
        main.addIf(!jobs.tables().isEmpty(), "app.routers", "background_jobs");
        main.addIf(!jobs.tables().isEmpty(), "app.queue", "celery_sender");

        List<M2OView> relTests = new ArrayList<>();
        m2o.values().forEach(relTests::addAll);
        relTests.sort(java.util.Comparator.comparing(M2OView::testSlug));
        relTests.removeIf(M2OView::selfRef);
        // References to users have their own tests (tests/test_users.py): users are not created or deleted
        // through a resource endpoint, and a required one is filled in by the server.
        List<M2OView> authorTests = relTests.stream().filter(r -> r.toUser() && r.required()).toList();
        List<M2OView> assigneeTests = relTests.stream().filter(r -> r.toUser() && !r.required()).toList();
        relTests.removeIf(M2OView::toUser);
        List<M2MView> linkTests = new ArrayList<>();
        m2m.values().forEach(linkTests::addAll);
        linkTests.sort(java.util.Comparator.comparing(M2MView::testSlug));
        List<M2MView> userLinkTests = linkTests.stream().filter(M2MView::toUser).toList();
        linkTests.removeIf(M2MView::toUser);

        String description = spec.description() == null ? "" : spec.description().strip();
        return new BackendView(Py.str(spec.name()), Py.str(cacheNamespace(spec.name())), Py.str(spec.name() + " API"), Py.str(description),
                Py.toml(Naming.kebab(spec.name()) + "-backend"), Py.toml(description), revision(spec), entities, assocs,
                !assocs.isEmpty(), init.render(), allCode, main.render(), tables, drops, relTests, linkTests, authorTests,
                assigneeTests, userLinkTests, spec.name(), entities.size(), shortCodes, counterViews(spec),
                shortLinksImports.render(), workflows, spec.assignableRoles(),
                LimitViews.of(spec), LimitViews.moduleImports(spec), LimitViews.testImports(spec),
                orderingViews(spec), votes, votingImports.render(), votingSchemaImports.render(), files, filesImports.render(),
                graphql, jobs);
    }

    /** The {@code exclude=} argument of {@code model_dump}: the many-to-many ids, which are not columns. */
    private static String excludeArg(List<String> idsPy) {
        return "exclude={" + String.join(", ", idsPy) + "}";
    }

    /**
     * The right-hand side of {@code    data = payload.model_dump(...)} in the routers: one line when it fits, else
     * one argument per line with the {@code exclude} set exploded, every level with a magic trailing comma (stable
     * under ruff format).
     */
    static String modelDump(List<String> args) {
        String one = "payload.model_dump(" + String.join(", ", args) + ")";
        if (("    data = " + one).length() <= Py.LINE_LENGTH) {
            return one;
        }
        StringBuilder b = new StringBuilder("payload.model_dump(\n");
        for (String arg : args) {
            if (arg.startsWith("exclude={")) {
                String items = arg.substring("exclude={".length(), arg.length() - 1);
                b.append("        exclude={\n");
                for (String item : items.split(", ")) {
                    b.append("            ").append(item).append(",\n");
                }
                b.append("        },\n");
            } else {
                b.append("        ").append(arg).append(",\n");
            }
        }
        return b.append("    )").toString();
    }

    /** An entry of the router's {@code _FILTER_COLUMNS}: the query parameter's name and its column. */
    static String filterColumn(String name, String column) {
        return Py.str(name) + ": " + column;
    }

    /** An entry of the list endpoint's {@code filters=} argument to {@code Listing.page}. */
    static String filterArg(String name) {
        return "                " + Py.str(name) + ": filter_" + name + ",";
    }

    /** How many enum and boolean columns get an index because the list endpoints filter on them. */
    public static long filterIndexCount(AppSpec spec) {
        return spec.entities().stream()
                .flatMap(e -> e.fields().stream().map(f -> new FieldModel(f, e.name())))
                .filter(FieldModel::indexed)
                .count();
    }

    /** The default prefix of the read cache's keys: the app name in kebab case ({@code app} if nothing is left). */
    public static String cacheNamespace(String appName) {
        String kebab = Naming.kebab(appName).replaceAll("[^a-z0-9-]", "");
        return kebab.isEmpty() ? "app" : kebab;
    }

    /**
     * Whether a visit of {@code c.entity()}'s short link counts for {@code c}: a counter without a source grows by one;
     * one whose source the server can fill in (its other required fields are dates or times: now) gets a new source
     * row. A source that needs more (a user, another reference, text) is not made by an anonymous visit; a sum is not
     * a count of visits.
     */
    static boolean countsVisits(AppSpec spec, Capability.Counter c) {
        boolean linked = spec.capabilities(Capability.ShortCode.class).stream()
                .anyMatch(k -> k.entity().equals(c.entity()) && k.target() != null);
        if (!linked || c.sum() != null) return false;
        if (c.source() == null) return true;
        Optional<Relation> link = c.link(spec);
        Optional<Entity> source = spec.entity(c.source());
        if (link.isEmpty() || source.isEmpty()) return false;
        boolean otherRequiredRelations = spec.relations().stream().anyMatch(r -> r.from().equals(c.source()) && r != link.get()
                && r.kind() == RelationKind.MANY_TO_ONE && r.required());
        return !otherRequiredRelations && source.get().fields().stream().allMatch(f -> !f.required()
                || f.defaultValue() != null || f.type() == FieldType.DATE || f.type() == FieldType.DATETIME);
    }

    /** What a visit of {@code entity}'s short link does for its counters (see {@link #countsVisits}); adds their imports. */
    static List<String> visitLines(AppSpec spec, String entity, PyImports imports) {
        List<String> lines = new ArrayList<>();
        for (Capability.Counter c : spec.capabilities(Capability.Counter.class)) {
            if (!c.entity().equals(entity) || !countsVisits(spec, c)) continue;
            imports.add("app.counters", "bump").add("app.deps", "ReadCacheDep");
            if (c.source() != null) {
                imports.add("app.models." + Naming.snake(c.source()), c.source());
                List<String> args = new ArrayList<>(List.of(c.link(spec).orElseThrow().name() + "_id=row_id"));
                for (Field f : spec.entity(c.source()).orElseThrow().fields()) {
                    if (!f.required() || f.defaultValue() != null) continue;
                    imports.add("datetime", "UTC", "datetime");
                    args.add(f.name() + "=" + (f.type() == FieldType.DATE ? "datetime.now(UTC).date()" : "datetime.now(UTC)"));
                }
                lines.add(Py.call(4, "session.add(" + c.source() + "(", args, "))"));
            }
            lines.add("    await bump(session, " + entity + ", " + Py.str(c.field()) + ", row_id, 1)");
        }
        return lines;
    }

    private static List<OrderingView> orderingViews(AppSpec spec) {
        List<OrderingView> out = new ArrayList<>();
        for (Capability.Ordering o : spec.capabilities(Capability.Ordering.class)) {
            Optional<Relation> parent = o.parentRelation(spec);
            out.add(new OrderingView(o.entity(), Naming.snake(o.entity()), "/api/v1/" + Naming.pluralKebab(o.entity()), o.field(),
                    parent.map(r -> r.name() + "_id").orElse(null), parent.map(r -> Naming.snake(r.to())).orElse(null),
                    parent.map(r -> "/api/v1/" + Naming.pluralKebab(r.to())).orElse(null), parent.map(Relation::required).orElse(false)));
        }
        return out;
    }

    private static List<CounterView> counterViews(AppSpec spec) {
        List<CounterView> out = new ArrayList<>();
        for (Capability.Counter c : spec.capabilities(Capability.Counter.class)) {
            String fk = c.link(spec).map(r -> r.name() + "_id").orElse(null);
            String codeField = spec.capabilities(Capability.ShortCode.class).stream()
                    .filter(k -> k.entity().equals(c.entity()) && k.target() != null).findFirst().map(Capability.ShortCode::field).orElse(null);
            out.add(new CounterView(c.entity(), Naming.snake(c.entity()), "/api/v1/" + Naming.pluralKebab(c.entity()), c.field(),
                    c.source(), c.source() == null ? null : "/api/v1/" + Naming.pluralKebab(c.source()),
                    c.source() == null ? null : Naming.snake(c.source()), fk, c.sum(),
                    countsVisits(spec, c) ? "/r/" + Naming.pluralKebab(c.entity()) + "/" : null, codeField));
        }
        return out;
    }

    /**
     * A short code is made by the server and must be unique; a counter and a position start at zero and are never null; a
     * stored file's key is null until its upload: the view reads those fields so (the constraints the migration creates),
     * whatever the spec says.
     */
    static AppSpec withServerMadeFields(AppSpec spec) {
        List<Capability.ShortCode> codes = spec.capabilities(Capability.ShortCode.class);
        List<Capability.Workflow> workflows = spec.capabilities(Capability.Workflow.class);
        List<Capability.FileUpload> uploads = spec.capabilities(Capability.FileUpload.class);
        if (codes.isEmpty() && spec.capabilities(Capability.Counter.class).isEmpty() && workflows.isEmpty()
                && spec.capabilities(Capability.Ordering.class).isEmpty() && uploads.isEmpty()) return spec;
        List<Entity> entities = new ArrayList<>();
        for (Entity e : spec.entities()) {
            Set<String> serverMade = spec.serverMadeFields(e.name());
            List<Field> fields = new ArrayList<>();
            for (Field f : e.fields()) {
                boolean code = codes.stream().anyMatch(c -> c.entity().equals(e.name()) && c.field().equals(f.name()));
                Optional<Capability.Workflow> state = workflows.stream()
                        .filter(w -> w.entity().equals(e.name()) && w.field().equals(f.name())).findFirst();
                boolean upload = uploads.stream().anyMatch(u -> u.entity().equals(e.name()) && u.field().equals(f.name()));
                if (!serverMade.contains(f.name())) {
                    fields.add(f);
                } else if (upload) {
                    // a stored file's key: null until a file is uploaded (rows are made before their files)
                    fields.add(new Field(f.name(), FieldType.STRING, false, false, null, List.of(), 255, null, null,
                            f.description()));
                } else if (code) {
                    fields.add(new Field(f.name(), f.type(), true, true, null, f.enumValues(), f.maxLength(), f.min(), f.max(),
                            f.description()));
                } else if (state.isPresent()) {
                    // a workflow's state: never null, and every row starts in the initial state
                    fields.add(new Field(f.name(), f.type(), true, f.unique(), state.get().initial(spec),
                            f.enumValues(), f.maxLength(), f.min(), f.max(), f.description()));
                } else {
                    fields.add(new Field(f.name(), f.type(), true, false, "0", f.enumValues(), f.maxLength(), null, null,
                            f.description()));
                }
            }
            entities.add(new Entity(e.name(), e.description(), fields));
        }
        return new AppSpec(spec.name(), spec.description(), entities, spec.relations(), spec.capabilities(), spec.roles(),
                spec.pages(), spec.features(), spec.notes());
    }

    /** Stable revision id: the first 12 hex digits of the SHA-256 of the canonical spec JSON. */
    static String revision(AppSpec spec) {
        return Sha256.hex(AppSpecJson.write(spec)).substring(0, 12);
    }

    static String table(String entity) {
        return Py.bounded(Naming.pluralSnake(entity));
    }

    static String fk(String table, String column, String target, String onDelete) {
        return Py.exploded(8, "sa.ForeignKeyConstraint(", List.of("[" + Py.str(column) + "]", "[" + Py.str(target + ".id") + "]",
                "name=" + Py.str(Py.bounded("fk_" + table + "_" + column + "_" + target)), "ondelete=" + Py.str(onDelete)), "),");
    }

    static String index(String table, String column) {
        return Py.call(4, "op.create_index(", List.of(Py.str(Py.bounded("ix_" + table + "_" + column)), Py.str(table),
                "[" + Py.str(column) + "]"), ")");
    }

    /** Entities in the order their tables are created: every many-to-one target before its source. */
    private static List<Entity> creationOrder(AppSpec spec) {
        RelationGraph graph = spec.relationGraph();
        graph.cycle(RelationGraph.FOREIGN_KEYS).ifPresent(left -> {
            throw new AutonomaException("the many_to_one relations between " + left
                    + " form a cycle, which the FastAPI backend cannot create yet; make one of them many_to_many or drop it");
        });
        return graph.creationOrder(RelationGraph.FOREIGN_KEYS);
    }

    private static M2OView m2oView(Relation r, String fromSnake, String toSnake, String toTable, boolean owner) {
        String fk = r.name() + "_id";
        boolean selfRef = r.selfReference();
        boolean required = r.required() && !selfRef;
        boolean user = r.toUser();
        String alias = Naming.pascal(fk) + "Value";
        String column = Py.exploded(4, fk + ": Mapped[" + (required ? "int" : "int | None") + "] = mapped_column(",
                List.of("ForeignKey(" + Py.str(toTable + ".id") + ", ondelete=\"RESTRICT\")",
                        "nullable=" + (required ? "False" : "True"), "index=True"), ")");
        String aliasCode = Py.call(0, alias + " = Annotated[", List.of("int", "Field(ge=1, le=MAX_INT)"), "]");
        // A required reference to a user may be left out on create: the server fills in the current user.
        String createLine = required && !user ? Py.annotated(fk, alias, null) : Py.annotated(fk, alias + " | None", "None");
        String updateLine = Py.annotated(fk, alias + " | None", "None");
        String readLine = "    " + fk + ": " + (required ? "int" : "int | None");
        String createCheck;
        String updateCheck;
        if (user) {
            String helper = required ? "author_reference" : "user_reference";
            List<String> args = required ? List.of("session", "user", "data", Py.str(fk)) : List.of("session", "data", Py.str(fk));
            List<String> updateArgs = new ArrayList<>(args);
            updateArgs.add("obj." + fk);
            createCheck = Py.call(4, "await " + helper + "(", args, ")");
            updateCheck = Py.call(4, "await " + helper + "(", updateArgs, ")");
        } else {
            createCheck = "    if payload." + fk + " is not None:\n" + Py.exploded(8, "await ensure_exists(",
                    List.of("session", r.to(), "payload." + fk, Py.str(fk), Py.str(r.to())), ")");
            updateCheck = createCheck;
        }
        String param = Py.call(4, "filter_" + fk + ": Annotated[", List.of("int | None",
                "Query(alias=" + Py.str(fk) + ", ge=1, le=MAX_INT)"), "] = None,");
        return new M2OView(r.name(), fk, Py.str(fk), r.to(), toSnake, toTable, user ? null : "/api/v1/" + Naming.pluralKebab(r.to()),
                r.from(), fromSnake, "/api/v1/" + Naming.pluralKebab(r.from()), required, selfRef, user, column, aliasCode,
                createLine, updateLine, readLine, createCheck, updateCheck, param, filterColumn(fk, r.from() + "." + fk),
                filterArg(fk), fromSnake + "_" + r.name(), owner);
    }

    private static M2MView m2mView(Relation r, String fromSnake, String toSnake, String assocTable) {
        String ids = r.name() + "_ids";
        String alias = Naming.pascal(ids) + "Value";
        List<String> relArgs = new ArrayList<>(List.of(Py.str(r.to()), "secondary=" + assocTable));
        if (r.selfReference()) {
            // Both columns of the association table point at the same table: say which is which.
            relArgs.add("primaryjoin=" + Py.str(r.from() + ".id == " + assocTable + ".c." + fromSnake + "_id"));
            relArgs.add("secondaryjoin=" + Py.str(r.to() + ".id == " + assocTable + ".c.related_" + toSnake + "_id"));
            relArgs.add("join_depth=1");
        }
        relArgs.add("lazy=\"selectin\"");
        String rel = Py.exploded(4, r.name() + ": Mapped[list[" + r.to() + "]] = relationship(", relArgs, ")");
        String aliasCode = Py.exploded(0, alias + " = Annotated[",
                List.of("list[Annotated[int, Field(ge=1, le=MAX_INT)]]", "Field(max_length=1000)"), "]");
        boolean user = r.toUser();
        String load;
        String updateLoad;
        if (user) {
            // Users already linked stay linked after they are deactivated; newly linked ones must be active.
            load = Py.exploded(4, "obj." + r.name() + " = await load_users(", List.of("session", "payload." + ids, Py.str(ids)), ")");
            updateLoad = "    if payload." + ids + " is not None:\n" + Py.exploded(8, "obj." + r.name() + " = await load_users(",
                    List.of("session", "payload." + ids, Py.str(ids), "obj." + ids), ")");
        } else {
            load = Py.exploded(4, "obj." + r.name() + " = await load_many(",
                    List.of("session", r.to(), "payload." + ids, Py.str(ids), Py.str(r.to())), ")");
            updateLoad = "    if payload." + ids + " is not None:\n" + Py.exploded(8, "obj." + r.name() + " = await load_many(",
                    List.of("session", r.to(), "payload." + ids, Py.str(ids), Py.str(r.to())), ")");
        }
        return new M2MView(r.name(), ids, Py.str(ids), r.to(), toSnake, user ? null : "/api/v1/" + Naming.pluralKebab(r.to()),
                r.from(), fromSnake, "/api/v1/" + Naming.pluralKebab(r.from()), user, assocTable, rel, aliasCode,
                Py.annotated(ids, alias, "[]"), Py.annotated(ids, alias + " | None", "None"),
                "    " + ids + ": list[int]", load, updateLoad, fromSnake + "_" + r.name());
    }

    private static TableView entityTable(Entity e, List<M2OView> refs, Optional<List<String>> votePair) {
        String table = table(e.name());
        List<String> cols = new ArrayList<>();
        cols.add(Py.call(8, "sa.Column(", List.of("\"id\"", "sa.Integer()", "nullable=False"), "),"));
        List<FieldModel> fields = e.fields().stream().map(f -> new FieldModel(f, e.name())).toList();
        fields.forEach(f -> cols.add(f.alembicColumn()));
        for (M2OView r : refs) {
            cols.add(Py.call(8, "sa.Column(", List.of(r.fkPy(), "sa.Integer()", "nullable=" + (r.required() ? "False" : "True")), "),"));
        }
        cols.add(Py.call(8, "sa.Column(", List.of("\"created_at\"", "sa.DateTime(timezone=True)", "nullable=False"), "),"));
        cols.add(Py.call(8, "sa.Column(", List.of("\"updated_at\"", "sa.DateTime(timezone=True)", "nullable=False"), "),"));
        List<String> cons = new ArrayList<>();
        for (M2OView r : refs) {
            cons.add(fk(table, r.fk(), r.targetTable(), "RESTRICT"));
        }
        cons.add(Py.call(8, "sa.PrimaryKeyConstraint(", List.of("\"id\"", "name=" + Py.str(Py.bounded("pk_" + table))), "),"));
        for (FieldModel f : fields) {
            if (f.f.unique()) {
                cons.add(Py.call(8, "sa.UniqueConstraint(", List.of(Py.str(f.name),
                        "name=" + Py.str(Py.bounded("uq_" + table + "_" + f.name))), "),"));
            }
        }
        // one vote per voter and target (the vote capability)
        votePair.ifPresent(pair -> cons.add(Py.call(8, "sa.UniqueConstraint(", List.of(Py.str(pair.get(0)), Py.str(pair.get(1)),
                "name=" + Py.str(Py.bounded("uq_" + table + "_" + String.join("_", pair)))), "),")));
        List<String> idx = new ArrayList<>();
        fields.stream().filter(FieldModel::indexed).forEach(f -> idx.add(index(table, f.name)));
        refs.forEach(r -> idx.add(index(table, r.fk())));
        return new TableView(Py.str(table), cols, cons, idx);
    }

    private static EntityView entity(Entity e, List<M2OView> refs, List<M2MView> links, AppSpec spec) {
        String name = e.name();
        String snake = Naming.snake(name);
        String table = table(name);
        List<FieldModel> all = e.fields().stream().map(f -> new FieldModel(f, name)).toList();
        Optional<Capability.ShortCode> shortCode = spec.capabilities(Capability.ShortCode.class).stream()
                .filter(c -> c.entity().equals(name)).findFirst();
        // short codes and counters are made by the server: read, never written by clients, not in the generic tests
        String codeField = shortCode.map(Capability.ShortCode::field).orElse(null);
        Set<String> serverMade = spec.serverMadeFields(name);
        List<FieldModel> fields = all.stream().filter(f -> !serverMade.contains(f.name)).toList();

        // ---- model
        PyImports mi = new PyImports();
        if (!links.isEmpty()) mi.add("__future__", "annotations");
        List<EnumView> enums = new ArrayList<>();
        for (FieldModel f : all) {
            switch (f.type()) {
                case DATE -> mi.add("datetime", "date");
                case DATETIME -> {
                    mi.add("datetime", "datetime");
                    mi.add("app.models.base", "UTCDateTime");
                }
                case TIME -> mi.add("datetime", "time");
                case DECIMAL -> mi.add("decimal", "Decimal");
                case ENUM -> {
                    mi.add("enum", "StrEnum");
                    enums.add(new EnumView(f.enumClass, f.f.enumValues().stream()
                            .map(v -> v.toUpperCase(Locale.ROOT) + " = " + Py.str(v)).toList()));
                }
                default -> { }
            }
            if (f.saImport() != null) mi.add("sqlalchemy", f.saImport());
        }
        mi.add("sqlalchemy.orm", "Mapped", "mapped_column");
        mi.add("app.models.base", "Base", "TimestampMixin");
        if (!refs.isEmpty()) mi.add("sqlalchemy", "ForeignKey");
        List<String> typeChecking = new ArrayList<>();
        if (!links.isEmpty()) {
            mi.add("sqlalchemy.orm", "relationship");
            Set<String> seen = new LinkedHashSet<>();
            for (M2MView l : links) {
                mi.add("app.models.associations", l.assocVar());
                if (!l.target().equals(name) && seen.add(l.target())) {
                    typeChecking.add("    from app.models." + l.targetSnake() + " import " + l.target());
                }
            }
            typeChecking.sort(null);
            mi.addIf(!typeChecking.isEmpty(), "typing", "TYPE_CHECKING");
        }
        List<String> columns = new ArrayList<>();
        all.forEach(f -> columns.add(f.columnLine()));
        refs.forEach(r -> columns.add(r.columnCode()));

        // ---- schemas
        PyImports si = new PyImports()
                .add("datetime", "datetime")
                .add("typing", "Annotated", "Self")
                .add("pydantic", "BaseModel", "ConfigDict", "model_validator");
        List<String> aliases = new ArrayList<>();
        List<String> create = new ArrayList<>();
        List<String> update = new ArrayList<>();
        List<String> read = new ArrayList<>(List.of("    id: int"));
        List<String> notNull = new ArrayList<>();
        for (FieldModel f : all) {
            if (serverMade.contains(f.name)) {
                read.add(f.readLine());
                if (f.type() == FieldType.DECIMAL) si.add("decimal", "Decimal");
                if (f.type() == FieldType.ENUM) si.add("app.models." + snake, f.enumClass);
                continue;
            }
            aliases.add(f.aliasCode());
            create.add(f.createLine());
            update.add(f.updateLine());
            read.add(f.readLine());
            if (f.required()) notNull.add(Py.str(f.name));
            if (!f.fieldArgs().isEmpty()) si.add("typing", "Annotated").add("pydantic", "Field");
            if (f.blankable()) si.add("app.schemas.types", "BlankToNone");
            if (f.usesIntBounds("MIN_INT")) si.add("app.schemas.types", "MIN_INT");
            if (f.usesIntBounds("MAX_INT")) si.add("app.schemas.types", "MAX_INT");
            switch (f.type()) {
                case STRING, TEXT -> si.add("app.schemas.types", "CleanStr");
                case DECIMAL -> {
                    si.add("app.schemas.types", "TwoPlaces").add("decimal", "Decimal");
                }
                case DATE -> si.add("datetime", "date");
                case DATETIME -> si.add("app.schemas.types", "UTCDatetime");
                case TIME -> si.add("app.schemas.types", "TimeOfDay");
                case EMAIL -> si.add("app.schemas.types", "EmailAddress");
                case URL -> si.add("app.schemas.types", "HttpUrl");
                case PHONE -> si.add("app.schemas.types", "PhoneNumber");
                case ENUM -> si.add("app.models." + snake, f.enumClass);
                default -> { }
            }
        }
        for (M2OView r : refs) {
            aliases.add(r.aliasCode());
            create.add(r.createLine());
            update.add(r.updateLine());
            read.add(r.readLine());
            if (r.required()) notNull.add(r.fkPy());
            si.add("pydantic", "Field").add("app.schemas.types", "MAX_INT");
        }
        for (M2MView l : links) {
            aliases.add(l.aliasCode());
            create.add(l.createLine());
            update.add(l.updateLine());
            read.add(l.readLine());
            notNull.add(l.idsPy());
            si.add("pydantic", "Field").add("app.schemas.types", "MAX_INT");
        }
        read.add("    created_at: datetime");
        read.add("    updated_at: datetime");
        // votes on this entity: their count (and average score) on every read
        List<Votes.Tally> tallies = Votes.talliesOf(spec, name);
        read.addAll(Votes.readLines(tallies));
        String notNullCode = "_NOT_NULLABLE: tuple[str, ...] = " + Py.tuple(0, notNull);

        // ---- router
        PyImports ri = new PyImports()
                .add("enum", "StrEnum")
                .add("typing", "Annotated", "Any")
                .add("fastapi", "APIRouter", "Path", "Query", "Request", "Response", "status")
                .add("app.crud", "Listing", "commit_or_409", "get_or_404", "read_or_404")
                .add("app.deps", "CurrentUser", "DbSession", "ReadCacheDep", "read_connection")
                .add("app.http_cache", "json_response", "to_json")
                .add("app.models." + snake, name)
                .add("app.schemas.common", "ERROR_RESPONSES", "NOT_MODIFIED", "Page")
                .add("app.schemas." + snake, name + "Create", name + "Read", name + "Update")
                .add("app.schemas.types", "MAX_INT")
                .add("app", "rules");
        for (M2OView r : refs) {
            if (!r.toUser()) {
                ri.add("app.crud", "ensure_exists").add("app.models." + r.targetSnake(), r.target());
            } else {
                ri.add("app.user_refs", r.required() ? "author_reference" : "user_reference");
            }
        }
        for (M2MView l : links) {
            if (!l.toUser()) {
                ri.add("app.crud", "load_many").add("app.models." + l.targetSnake(), l.target());
            } else {
                ri.add("app.user_refs", "load_users");
            }
        }
        // rows of this entity count into a counter of the entity they point at: n = n + 1 in the same transaction
        List<String> createHooks = new ArrayList<>();
        List<String> updateHooks = new ArrayList<>();
        List<String> deleteHooks = new ArrayList<>();
        // first the limits: they lock the parent before anything else writes in the transaction
        LimitViews.hooks(spec, name, ri, createHooks, updateHooks);
        for (Capability.Counter c : spec.capabilities(Capability.Counter.class)) {
            Optional<Relation> link = c.link(spec);
            if (!name.equals(c.source()) || link.isEmpty()) continue;
            String fk = link.get().name() + "_id";
            String target = c.entity();
            ri.add("app.counters", "bump", "move").add("app.models." + Naming.snake(target), target);
            String byNew = c.sum() == null ? "1" : "data.get(" + Py.str(c.sum()) + ")";
            String byOld = c.sum() == null ? "1" : "obj." + c.sum();
            createHooks.add(Py.call(4, "await bump(", List.of("session", target, Py.str(c.field()), "data.get(" + Py.str(fk) + ")", byNew), ")"));
            String newRow = "data.get(" + Py.str(fk) + ", obj." + fk + ")";
            String newBy = c.sum() == null ? "1" : "data.get(" + Py.str(c.sum()) + ", obj." + c.sum() + ")";
            updateHooks.add(Py.call(4, "await move(", List.of("session", target, Py.str(c.field()), "obj." + fk, newRow, byOld, newBy), ")"));
            deleteHooks.add(Py.call(4, "await bump(", List.of("session", target, Py.str(c.field()), "obj." + fk, byOld, "sign=-1"), ")"));
        }
        // rows kept in order: the server places new rows last, moves them, and closes the gap a delete leaves
        Optional<Capability.Ordering> ordering = spec.capabilities(Capability.Ordering.class).stream()
                .filter(o -> o.entity().equals(name)).findFirst();
        String orderCode = null;
        String positionLine = null;
        MoveView move = null;
        List<String> moveSchema = new ArrayList<>();
        if (ordering.isPresent()) {
            Optional<Relation> parent = ordering.get().parentRelation(spec);
            String fk = parent.map(r -> r.name() + "_id").orElse(null);
            List<String> orderArgs = new ArrayList<>(List.of(name, Py.str(ordering.get().field())));
            ri.add("app.ordering", "Order", "append", "leave", "move");
            if (fk != null) {
                String target = parent.get().to();
                orderArgs.add(Py.str(fk));
                orderArgs.add(target);
                ri.add("app.ordering", "reparent").add("app.crud", "ensure_exists").add("app.models." + Naming.snake(target), target);
            }
            orderArgs.add("lock_key=" + Integer.parseInt(Sha256.hex(table).substring(0, 7), 16));
            orderCode = Py.call(0, "_ORDER = Order(", orderArgs, ")");
            positionLine = Py.call(4, "data[" + Py.str(ordering.get().field()) + "] = await append(", List.of("session", "_ORDER",
                    fk == null ? "None" : "data.get(" + Py.str(fk) + ")"), ")");
            if (fk != null) {
                updateHooks.add(Py.call(4, "await reparent(", List.of("session", "_ORDER", "obj", "data.get(" + Py.str(fk) + ", obj." + fk
                        + ")"), ")"));
            }
            deleteHooks.add("    await leave(session, _ORDER, obj)");
            List<String> target = new ArrayList<>();
            if (fk == null) {
                target.add("    parent_id = None");
            } else {
                String target0 = parent.get().to();
                target.add("    parent_id = payload." + fk);
                target.add(parent.get().required() ? "    if parent_id is None:" : "    if " + Py.str(fk) + " not in payload.model_fields_set:");
                target.add("        parent_id = obj." + fk);
                target.add("    if parent_id is not None:");
                target.add(Py.call(8, "await ensure_exists(", List.of("session", target0, "parent_id", Py.str(fk), Py.str(target0)), ")"));
            }
            move = new MoveView(name + "Move", target);
            ri.add("app.schemas." + snake, name + "Move");
            si.add("pydantic", "Field").add("app.schemas.types", "MAX_INT");
            if (fk != null) {
                moveSchema.add("    " + fk + ": Annotated[int, Field(ge=1, le=MAX_INT)] | None = None");
            }
            moveSchema.add("    position: int = Field(ge=0, le=MAX_INT)");
        }
        String readerCode;
        if (tallies.isEmpty()) {
            ri.add("app.crud", "Reader");
            readerCode = "_READER = Reader(" + name + ")";
        } else {
            readerCode = Votes.readerCode(name, tallies, ri);
            // an update answers with the row's tallies as its reads do
            updateHooks.add("    await _READER.set_tallies(session, obj)");
        }
        String tableArgs = Votes.uniquePair(spec, name).map(pair -> {
            mi.add("sqlalchemy", "UniqueConstraint");
            String constraint = "UniqueConstraint(" + Py.str(pair.get(0)) + ", " + Py.str(pair.get(1)) + ")";
            return Py.call(4, "__table_args__ = (", List.of(constraint), ",)");
        }).orElse(null);
        // a deleted row's files go once the delete is committed (not before: a refused delete keeps them)
        List<String> afterDelete = new ArrayList<>();
        for (Capability.FileUpload f : spec.capabilities(Capability.FileUpload.class)) {
            if (!f.entity().equals(name)) continue;
            ri.add("app.files", "FilesDep");
            deleteHooks.add("    stored_" + f.field() + " = obj." + f.field());
            afterDelete.add("    await files.discard(stored_" + f.field() + ")");
        }
        String shortCodeLine = null;
        if (codeField != null) {
            ri.add("app.short_codes", "unused_code");
            shortCodeLine = "    data[" + Py.str(codeField) + "] = await unused_code(session, " + name + "." + codeField + ")";
        }
        // rows that belong to their creator: every verb checks the owner, and only admins see all rows
        Optional<M2OView> owner = refs.stream().filter(M2OView::owner).findFirst();
        boolean owned = owner.isPresent();
        ri.add("app.deps", owned ? "CurrentUser" : "AdminUser");
        // an imported entity: the import job creates rows through stage_<entity>, the create route's checks
        boolean importable = spec.capabilities(Capability.BackgroundJob.class).stream()
                .anyMatch(j -> j.entity().equals(name) && j.kind().equals("import"));
        ri.addIf(importable, "sqlalchemy.ext.asyncio", "AsyncSession").addIf(importable, "app.security", "Principal");
        if (owned) ri.add("app.user_refs", "ensure_owner", "owner_filter", "owner_variant");
        String ownerFk = owner.map(M2OView::fk).orElse("");
        String idName = snake + "_id";
        String ownerCheckItem = owned ? Py.call(8, "ensure_owner(", List.of("user", "item[" + Py.str(ownerFk) + "]", "_LABEL",
                idName), ")") : "";
        String ownerCheckObj = owned ? Py.call(4, "ensure_owner(", List.of("user", "obj." + ownerFk, "_LABEL", idName), ")") : "";
        // create and update need the current user only to fill in or check a required reference to a user
        String writer = owned || refs.stream().anyMatch(r -> r.toUser() && r.required()) ? "user" : "_user";
        List<String> sortMembers = new ArrayList<>();
        List<String> sortColumns = new ArrayList<>();
        List<String> sortable = new ArrayList<>(List.of("id", "created_at", "updated_at"));
        all.forEach(f -> sortable.add(f.name));
        for (String s : sortable) {
            String upper = s.toUpperCase(Locale.ROOT);
            sortMembers.add("    " + upper + " = " + Py.str(s));
            sortMembers.add("    " + upper + "_DESC = " + Py.str("-" + s));
            sortColumns.add("    " + Py.str(s) + ": " + name + "." + s + ",");
        }
        List<String> search = all.stream().filter(FieldModel::searchable).map(f -> name + "." + f.name).toList();
        String searchCode = "_SEARCH_COLUMNS: list[Any] = " + (search.isEmpty() ? "[]"
                : Py.exploded(0, "[", search, "]"));
        List<String> filterParams = new ArrayList<>();
        List<String> filterColumns = new ArrayList<>();
        List<String> filterArgs = new ArrayList<>();
        // every enum and boolean column, the server-made ones too (a workflow's state: "the pending requests")
        for (FieldModel f : all) {
            if (!f.filterable()) continue;
            if (f.type() == FieldType.ENUM) ri.add("app.models." + snake, f.enumClass);
            filterParams.add(Py.call(4, "filter_" + f.name + ": Annotated[", List.of(f.filterAnnotation() + " | None",
                    "Query(alias=" + Py.str(f.name) + ")"), "] = None,"));
            filterColumns.add(filterColumn(f.name, name + "." + f.name));
            filterArgs.add(filterArg(f.name));
        }
        for (M2OView r : refs) {
            filterParams.add(r.filterParam());
            filterColumns.add(r.filterColumn());
            filterArgs.add(r.filterArg());
        }
        if (owned) {
            // not a query parameter: the listing of a non-admin is always limited to their own rows
            filterColumns.add(filterColumn("_owner", name + "." + ownerFk));
            filterArgs.add("                \"_owner\": owner_filter(user),");
        }
        String filterColumnsCode = "_FILTER_COLUMNS: dict[str, Any] = " + (filterColumns.isEmpty() ? "{}"
                : Py.exploded(0, "{", filterColumns, "}"));
        List<String> excluded = links.stream().map(M2MView::idsPy).toList();
        String createDump = modelDump(excluded.isEmpty() ? List.of() : List.of(excludeArg(excluded)));
        List<String> updateArgs = new ArrayList<>(List.of("exclude_unset=True"));
        if (!excluded.isEmpty()) updateArgs.add(excludeArg(excluded));
        String updateDump = modelDump(updateArgs);

        RealtimeView realtime = realtimeView(spec, name, ownerFk, ri);

        // ---- tests
        List<String> samples = new ArrayList<>();
        boolean usesN = false;
        for (FieldModel f : fields) {
            String s = LimitViews.uncountedSample(spec, e, f.f, f.sample()).orElse(f.sample());
            usesN |= s.contains("{n") || s.contains("n %") || s.contains("(n)") || s.equals("n") || s.endsWith(" n")
                    || s.contains("+ n") || s.contains("- n");
            samples.add("        " + Py.str(f.name) + ": " + s + ",");
        }
        List<String> parents = new ArrayList<>();
        for (M2OView r : refs) {
            if (!r.selfRef() && !r.toUser()) {
                parents.add("    payload[" + r.fkPy() + "] = (await create_" + r.targetSnake() + "(client, headers))[\"id\"]");
            }
        }
        List<String> echoed = new ArrayList<>();
        fields.forEach(f -> echoed.add(Py.str(f.name)));
        refs.stream().filter(r -> !r.selfRef() && !r.toUser()).forEach(r -> echoed.add(r.fkPy()));
        List<String> invalid = new ArrayList<>();
        fields.forEach(f -> f.invalid().forEach(i -> invalid.add("(" + i + ")")));
        refs.forEach(r -> invalid.add("(" + r.fkPy() + ", 0)"));
        links.forEach(l -> invalid.add("(" + l.idsPy() + ", [\"x\"])"));
        List<String> notNullTest = new ArrayList<>(notNull);
        List<String> requiredOnCreate = new ArrayList<>();
        fields.stream().filter(f -> f.required() && !f.hasDefault()).forEach(f -> requiredOnCreate.add(Py.str(f.name)));
        refs.stream().filter(r -> r.required() && !r.toUser()).forEach(r -> requiredOnCreate.add(r.fkPy()));
        // an entity whose fields are all the server's (a song's place on a setlist) is changed through its references only
        String updateCode = fields.isEmpty() ? "{}" : "{" + Py.str(fields.get(0).name) + ": " + fields.get(0).changed() + "}";
        List<String> orderings = fields.stream().map(BackendView::ordering).toList();
        List<String> unique = fields.stream().filter(f -> f.f.unique()).map(f -> Py.str(f.name)).toList();
        String searchField = fields.stream().filter(FieldModel::searchable).findFirst().map(f -> Py.str(f.name)).orElse("None");
        List<String> filters = new ArrayList<>();
        for (FieldModel f : fields) {
            if (f.type() == FieldType.ENUM && f.f.enumValues().size() > 1) {
                filters.add("Filter(" + Py.str(f.name) + ", " + Py.str(f.sampleEnum()) + ", " + Py.str(f.otherEnum()) + ")");
            } else if (f.type() == FieldType.BOOLEAN) {
                filters.add("Filter(" + Py.str(f.name) + ", True, False)");
            }
        }
        // Filters by a user are tested in tests/test_users.py: records built alike all name the same user.
        refs.stream().filter(r -> !r.selfRef() && !r.toUser()).forEach(r -> filters.add("Filter(" + r.fkPy() + ")"));

        return new EntityView(name, snake, Naming.pluralSnake(name), "/api/v1/" + Naming.pluralKebab(name), table,
                Py.str(table), Naming.label(name), snake + "_id", "/{" + snake + "_id}",
                "f\"{_LABEL} {" + snake + "_id} not found\"", mi.render(), !typeChecking.isEmpty(), typeChecking, enums, columns,
                refs, links, si.render(), aliases, notNullCode, create, update, read, ri.render(), sortMembers, sortColumns,
                searchCode, filterParams, filterColumnsCode, filterArgs, !filterArgs.isEmpty(), createDump, updateDump,
                writer, usesN, samples, parents,
                Py.tuple(8, echoed), Py.tuple(8, invalid), Py.tuple(8, notNullTest), Py.tuple(8, requiredOnCreate),
                updateCode, Py.tuple(8, orderings), Py.tuple(8, unique), searchField, Py.tuple(8, filters),
                !requiredOnCreate.isEmpty(), !unique.isEmpty(), !searchField.equals("None"), !filters.isEmpty(),
                owned, ownerFk, owned ? "user" : "_user",
                (owned ? "    user: CurrentUser," : "    _admin: AdminUser,") + (afterDelete.isEmpty() ? "" : "\n    files: FilesDep,"),
                ownerCheckItem, ownerCheckObj, shortCodeLine, createHooks, updateHooks, deleteHooks, orderCode, positionLine, move,
                moveSchema, readerCode, tableArgs, realtime, afterDelete, importable);
    }

    /** The event lines of a real-time entity, else null; an owned row's event names its owner. */
    private static RealtimeView realtimeView(AppSpec spec, String name, String ownerFk, PyImports ri) {
        if (spec.capabilities(Capability.Realtime.class).stream().noneMatch(c -> c.entity().equals(name))) {
            return null;
        }
        ri.add("app.realtime", "Event", "EventHubDep");
        List<String> lines = new ArrayList<>();
        for (String type : List.of("created", "updated", "deleted")) {
            List<String> args = new ArrayList<>(List.of(Py.str(type), "_RESOURCE", "obj.id"));
            if (!ownerFk.isEmpty()) args.add("obj." + ownerFk);
            lines.add(Py.call(4, "await events.publish(Event(", args, "))"));
        }
        return new RealtimeView(Py.str(Naming.pluralKebab(name)), lines.get(0), lines.get(1), lines.get(2));
    }

    /** {@code Ordering("name", (low, high, high))}: an item of {@code Py.tuple(8, …)}, exploded as ruff format would. */
    private static String ordering(FieldModel f) {
        List<String> values = f.sortValues();
        String tuple = "(" + String.join(", ", values) + (values.size() == 1 ? ",)" : ")");
        return Py.call(12, "Ordering(", List.of(Py.str(f.name), tuple), ")").substring(12);
    }
}
