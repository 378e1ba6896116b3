package io.autonoma.llm;

import io.autonoma.agents.AgentIds;
import io.autonoma.agents.architecture.DocsPack;
import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.performance.PerformancePack;
import io.autonoma.agents.security.SecurityAgent;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.spec.AppSpec;
import java.util.List;
import java.util.Set;

/**
 * Stand-ins for the offline engine's agents until they land: an analyst that must not run in the
 * LLM engine, and a "backend" agent that writes a minimal backend with the rules extension point;
 * the architecture, performance and security agents are the real ones.
 */
final class FakeTemplateAgents {
    private FakeTemplateAgents() {}

    static List<Agent> offlineAgents() {
        return List.of(new OfflineAnalyst(), new Backend(), new PackAgent(new DocsPack()), new PackAgent(new PerformancePack()),
                new SecurityAgent(List.of(AgentIds.BACKEND, AgentIds.ARCHITECTURE, AgentIds.PERFORMANCE)));
    }

    static final class OfflineAnalyst implements Agent {
        @Override public String name() { return "requirements"; }
        @Override public AgentResult run(AgentContext ctx) { throw new AssertionError("the offline analyst ran in the llm engine"); }
    }

    static final class Backend implements Agent {
        @Override public String name() { return "backend"; }
        @Override public Set<String> dependsOn() { return Set.of("requirements"); }

        @Override
        public AgentResult run(AgentContext ctx) {
            AppSpec spec = ctx.spec().orElseThrow();
            ctx.artifacts().write("backend/app/__init__.py", "");
            ctx.artifacts().write("backend/app/main.py", "from fastapi import FastAPI\n\napp = FastAPI(title=\"" + spec.name() + "\")\n");
            StringBuilder models = new StringBuilder();
            spec.entities().forEach(e -> models.append("class ").append(e.name()).append(":\n    pass\n\n\n"));
            ctx.artifacts().write("backend/app/models/__init__.py", models.toString().strip() + "\n");
            ctx.artifacts().write("backend/app/rules.py", Fixtures.defaultRulesPy());
            ctx.artifacts().write("backend/tests/__init__.py", "");
            return AgentResult.of("wrote a minimal backend");
        }
    }
}
