package io.autonoma.agents.backend;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.backend.internal.BackendView;
import io.autonoma.agents.pack.AbstractTemplatePack;
import io.autonoma.agents.pack.ExtensionPoint;
import io.autonoma.agents.pack.PackCheck;
import io.autonoma.agents.pack.PackDescriptor;
import io.autonoma.core.spec.ReservedNames;
import java.util.List;

/**
 * The FastAPI backend ({@code templates/backend-fastapi}, rendered by {@link AgentIds#BACKEND}): SQLAlchemy 2 async
 * models, Pydantic v2 schemas, CRUD routers, auth with JWT and refresh rotation, RBAC, rate limiting and the Alembic
 * migration under {@code backend/}. Its pytest suite is the {@link io.autonoma.agents.testing.FastApiTestsPack}.
 * Deterministic: the same spec gives byte-identical files.
 *
 * <p>It reserves Python's keywords, the attributes SQLAlchemy models keep and the columns every model has, and the
 * entity names of the modules and classes it keeps beside the per-entity ones. Its extension point is
 * {@value #RULES_FILE}: three hooks the routers call before a change is committed, which a model may fill with the
 * prompt's business rules.
 */
public final class FastApiPack extends AbstractTemplatePack {
    /** The pack's name and folder ({@code templates/backend-fastapi}). */
    public static final String NAME = "backend-fastapi";
    /** The business-rules extension point. */
    public static final String RULES_FILE = "backend/app/rules.py";

    /** The hooks the backend templates call; {@value #RULES_FILE} must keep them. */
    private static final List<String> RULES_CONTRACT = List.of(
            "class RuleViolation", "async def before_create(", "async def before_update(", "async def before_delete(");

    /** What the model is asked to do with {@value #RULES_FILE}: the contract of its hooks with the routers. */
    private static final String RULES_TASK = """
            You write the custom business rules of a generated FastAPI backend: the rules that plain \
            create/read/update/delete cannot express (limits, conditions, allowed state changes, derived \
            values), as stated in the app description and in the spec notes.

            The backend's routers call three hooks of the module backend/app/rules.py (import path \
            app.rules) inside the request's database transaction, before a change is committed:
              async def before_create(entity: str, data: dict[str, Any], session: AsyncSession) -> None
              async def before_update(entity: str, obj: Any, data: dict[str, Any], session: AsyncSession) -> None
              async def before_delete(entity: str, obj: Any, session: AsyncSession) -> None
            entity is the entity's class name (e.g. "Loan"); data holds the validated request fields (for an \
            update only the fields being changed; many-to-one links as <relation>_id); obj is the SQLAlchemy \
            row; session is the SQLAlchemy 2 AsyncSession. The ORM classes are importable from app.models \
            under the entity names. To reject a change raise RuleViolation(detail), defined in app.rules \
            (the API answers 409 {"detail": detail}); return None when the change is fine.
            Rewrite backend/app/rules.py completely: keep the RuleViolation class exactly as it is in the \
            current file (its noqa comment included) and all three hooks with these signatures, and dispatch \
            on entity. Add pytest tests for every rule in a new file under backend/tests/ (e.g. \
            backend/tests/test_rules.py) that go through the API with the fixtures of tests/conftest.py \
            (client, user_headers, admin_headers) and the helpers of tests/resources.py (create_<entity>, \
            build_<entity>), and assert the 409 answer.
            Use only the Python standard library, SQLAlchemy 2 and FastAPI. Never write credentials or \
            read files. The code must pass the project's ruff (pycodestyle, pyflakes, isort, bugbear, \
            pyupgrade, bandit, simplify, naming) and mypy --strict.""";

    private static final ExtensionPoint RULES = ExtensionPoint.builder(AgentIds.BUSINESS_RULES, RULES_FILE)
            .task(RULES_TASK)
            .mustKeep(RULES_CONTRACT.toArray(String[]::new))
            .writableRoots("backend/app/", "backend/tests/")
            .fileTypes(".py")
            .contextFiles("backend/app/models/__init__.py", "backend/tests/conftest.py", "backend/tests/resources.py")
            // the rules' tests use the generated suite's fixtures, and the files the model sees (so the request,
            // so a response cache's key) must not depend on which agent finished first
            .after(AgentIds.BACKEND, AgentIds.TESTING)
            .examplesFramework("fastapi")
            .examplesQuery("business rule validation hook")
            // the rules run inside every generated write; the generated suite and the model's own tests prove them
            .verifiedBy("ruff", "ruff format", "mypy", "pytest")
            .build();

    private static final ReservedNames RESERVED = ReservedNames.builder(NAME)
            .fields("a column every generated model has", "id", "created_at", "updated_at", "owner_id")
            .fields("a Python keyword", "class", "def", "from", "import", "return", "global", "lambda", "pass", "yield", "async",
                    "await", "and", "or", "not", "is", "in", "if", "else", "elif", "for", "while", "with", "try", "except",
                    "finally", "raise", "del", "assert", "break", "continue", "nonlocal")
            .fields("reads as Python's None", "none")
            .fields("an attribute SQLAlchemy models keep", "metadata", "registry", "query")
            .fields("the instance parameter of Python methods", "self")
            .fields("a Python builtin the generated code uses", "type")
            .entities("the SQLAlchemy declarative base, app.models.base", "Base")
            .entities("a module beside the per-entity ones (app/routers/health.py, app/schemas/auth.py, app/schemas/types.py, "
                    + "app/schemas/common.py, app/models/associations.py)", "Health", "Auth", "Types", "Common", "Associations")
            .entities("a class or module of the backend's own code (auth tokens, the database session, app.config.Settings)",
                    "Token", "Session", "Settings", "Config", "Model", "Schema")
            .entities("the paginated list schema of every list endpoint", "Page")
            .entities("a FastAPI class the routers import", "Query", "Request", "Response")
            .build();

    public FastApiPack() {
        super(PackDescriptor.builder(NAME)
                .agent(AgentIds.BACKEND)
                .reserves(RESERVED)
                .extensionPoint(RULES)
                .check(PackCheck.of("ruff-check", "backend", "ruff", "check", "."),
                        PackCheck.of("ruff-format", "backend", "ruff", "format", "--check", "."),
                        PackCheck.of("mypy", "backend", "mypy", "app", "tests"),
                        PackCheck.of("bandit", "backend", "bandit", "-ll", "-r", "app"),
                        PackCheck.of("alembic-upgrade", "backend", "alembic", "upgrade", "head").needing("a PostgreSQL database in DATABASE_URL"))
                .build(), BackendView::of,
                (spec, fileCount) -> "wrote the FastAPI backend (" + fileCount + " files, " + spec.entities().size() + " entities)");
    }
}
