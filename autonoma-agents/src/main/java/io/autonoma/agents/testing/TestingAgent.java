package io.autonoma.agents.testing;

import io.autonoma.agents.backend.BackendTemplates;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.spec.AppSpec;
import java.util.Map;
import java.util.Set;

/**
 * Writes the backend's pytest suite ({@code backend/tests/}): CRUD, validation (422), 404, unique
 * 409, auth flows, RBAC, rate limiting, relation integrity, pagination/sort/search/filter, and a
 * check that the Alembic migration matches the models.
 */
public final class TestingAgent implements Agent {
    public static final String NAME = "testing";
    private final BackendTemplates templates;

    public TestingAgent() {
        this(new BackendTemplates());
    }

    public TestingAgent(BackendTemplates templates) {
        this.templates = templates;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> dependsOn() {
        return Set.of("backend");
    }

    @Override
    public AgentResult run(AgentContext ctx) {
        AppSpec spec = ctx.spec().orElseThrow(() -> new AutonomaException(
                "the testing agent needs an app spec: run the requirements agent first or pass a spec"));
        Map<String, String> files = templates.tests(spec);
        for (Map.Entry<String, String> file : files.entrySet()) {
            ctx.cancellation().throwIfCancelled();
            ctx.artifacts().write(file.getKey(), file.getValue());
        }
        return AgentResult.of("wrote the backend test suite (" + files.size() + " files)");
    }
}
