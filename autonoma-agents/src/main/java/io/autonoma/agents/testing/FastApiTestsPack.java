package io.autonoma.agents.testing;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.backend.internal.BackendView;
import io.autonoma.agents.pack.PackCheck;
import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.spec.AppSpec;
import java.util.List;
import java.util.Set;

/**
 * The FastAPI backend's pytest suite ({@code templates/backend-fastapi/tests}, rendered by {@link AgentIds#TESTING}
 * after the backend): CRUD, validation (422), 404, unique 409, auth flows, RBAC, rate limiting, relation integrity,
 * pagination/sort/search/filter, and a check that the Alembic migration matches the models. Renders from the same
 * view as {@link FastApiPack}, whose reserved names cover it.
 */
public final class FastApiTestsPack implements TemplatePack {
    public static final String NAME = "backend-fastapi-tests";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String folder() {
        return "templates/" + FastApiPack.NAME + "/tests";
    }

    @Override
    public AgentId agentId() {
        return AgentIds.TESTING;
    }

    @Override
    public Set<AgentId> dependsOn() {
        return Set.of(AgentIds.BACKEND);
    }

    @Override
    public Object view(AppSpec spec) {
        return BackendView.of(spec);
    }

    @Override
    public List<PackCheck> checks() {
        return List.of(PackCheck.of("pytest", "backend", "pytest", "-q").needing("the backend's requirements-dev.txt installed"));
    }

    @Override
    public String summary(AppSpec spec, int fileCount) {
        return "wrote the backend test suite (" + fileCount + " files)";
    }
}
