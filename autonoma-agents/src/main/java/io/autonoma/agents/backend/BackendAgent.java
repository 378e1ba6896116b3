package io.autonoma.agents.backend;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.render.SpecRenderingAgent;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;

/**
 * Writes the FastAPI backend ({@code backend/}: SQLAlchemy 2 async models, Pydantic v2 schemas,
 * CRUD routers, auth with JWT and refresh rotation, RBAC, rate limiting, Alembic migration) from
 * the spec. The pytest suite is the {@link io.autonoma.agents.testing.TestingAgent}'s job.
 */
public final class BackendAgent extends SpecRenderingAgent {
    private final BackendTemplates templates;

    public BackendAgent() {
        this(new BackendTemplates());
    }

    public BackendAgent(BackendTemplates templates) {
        super(AgentIds.BACKEND, AgentIds.REQUIREMENTS);
        this.templates = templates;
    }

    @Override
    public Map<String, String> render(AppSpec spec) {
        return templates.application(spec);
    }

    @Override
    protected String summary(AppSpec spec, int fileCount) {
        return "wrote the FastAPI backend (" + fileCount + " files, " + spec.entities().size() + " entities)";
    }
}
