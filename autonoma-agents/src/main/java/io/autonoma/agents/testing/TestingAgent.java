package io.autonoma.agents.testing;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.backend.BackendTemplates;
import io.autonoma.agents.render.SpecRenderingAgent;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;

/**
 * Writes the backend's pytest suite ({@code backend/tests/}): CRUD, validation (422), 404, unique
 * 409, auth flows, RBAC, rate limiting, relation integrity, pagination/sort/search/filter, and a
 * check that the Alembic migration matches the models.
 */
public final class TestingAgent extends SpecRenderingAgent {
    private final BackendTemplates templates;

    public TestingAgent() {
        this(new BackendTemplates());
    }

    public TestingAgent(BackendTemplates templates) {
        super(AgentIds.TESTING, AgentIds.BACKEND);
        this.templates = templates;
    }

    @Override
    public Map<String, String> render(AppSpec spec) {
        return templates.tests(spec);
    }

    @Override
    protected String summary(AppSpec spec, int fileCount) {
        return "wrote the backend test suite (" + fileCount + " files)";
    }
}
