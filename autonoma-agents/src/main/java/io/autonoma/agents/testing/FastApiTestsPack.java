package io.autonoma.agents.testing;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.backend.internal.BackendView;
import io.autonoma.agents.pack.AbstractTemplatePack;
import io.autonoma.agents.pack.PackCheck;
import io.autonoma.agents.pack.PackDescriptor;

/**
 * The FastAPI backend's pytest suite ({@code templates/backend-fastapi/tests}, rendered by {@link AgentIds#TESTING}
 * after the backend): CRUD, validation (422), 404, unique 409, auth flows, RBAC, rate limiting, relation integrity,
 * pagination/sort/search/filter, and a check that the Alembic migration matches the models. Renders from the same
 * view as {@link FastApiPack}, whose reserved names cover it.
 */
public final class FastApiTestsPack extends AbstractTemplatePack {
    public static final String NAME = "backend-fastapi-tests";

    public FastApiTestsPack() {
        super(PackDescriptor.builder(NAME)
                .folder("templates/" + FastApiPack.NAME + "/tests")
                .agent(AgentIds.TESTING)
                .dependsOn(AgentIds.BACKEND)
                .check(PackCheck.of("pytest", "backend", "pytest", "-q").needing("the backend's requirements-dev.txt installed"))
                .build(), BackendView::of,
                (spec, fileCount) -> "wrote the backend test suite (" + fileCount + " files)");
    }
}
