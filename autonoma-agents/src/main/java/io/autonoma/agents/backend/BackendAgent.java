package io.autonoma.agents.backend;

import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;
import java.util.Set;

/**
 * Writes the FastAPI backend ({@code backend/}: SQLAlchemy 2 async models, Pydantic v2 schemas,
 * CRUD routers, auth with JWT and refresh rotation, RBAC, rate limiting, Alembic migration) from
 * the spec. The pytest suite is the {@link io.autonoma.agents.testing.TestingAgent}'s job.
 */
public final class BackendAgent implements Agent {
    public static final String NAME = "backend";
    private final BackendTemplates templates;

    public BackendAgent() {
        this(new BackendTemplates());
    }

    public BackendAgent(BackendTemplates templates) {
        this.templates = templates;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of("requirements");
    }

    @Override
    public AgentResult run(AgentContext ctx) {
        AppSpec spec = ctx.spec().orElseThrow(() -> new AutonomaException(
                "the backend agent needs an app spec: run the requirements agent first or pass a spec"));
        Map<String, String> files = templates.application(spec);
        for (Map.Entry<String, String> file : files.entrySet()) {
            ctx.cancellation().throwIfCancelled();
            ctx.artifacts().write(file.getKey(), file.getValue());
        }
        return AgentResult.of("wrote the FastAPI backend (" + files.size() + " files, " + spec.entities().size()
                + " entities)");
    }
}
