package io.autonoma.agents;

import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.agents.analyst.RequirementsAnalystAgent;
import io.autonoma.agents.architecture.ArchitectureAgent;
import io.autonoma.agents.backend.BackendAgent;
import io.autonoma.agents.backend.BackendTemplates;
import io.autonoma.agents.deploy.DeploymentAgent;
import io.autonoma.agents.performance.PerformanceAgent;
import io.autonoma.agents.security.SecurityAgent;
import io.autonoma.agents.frontend.FrontendAgent;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.agents.testing.TestingAgent;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.template.TemplateIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The front door: the default offline pipeline over an {@link ArtifactStore}.
 *
 * <pre>{@code
 * try (Autonoma autonoma = Autonoma.builder().build()) {
 *     GenerationResult result = autonoma.generate("A todo app where users keep tasks with a title and a due date.");
 *     autonoma.store().exportTo(result.projectId(), Path.of("todo"));
 * }
 * }</pre>
 */
public final class Autonoma implements AutoCloseable {
    private final DefaultPipeline pipeline;

    private Autonoma(DefaultPipeline pipeline) {
        this.pipeline = pipeline;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The eight offline agents, sharing one renderer: requirements → (architecture, backend → testing,
     * frontend, performance, deployment) → security, which reviews everything the others wrote.
     */
    public static List<Agent> offlineAgents(TemplateIndex index) {
        TemplateRenderer renderer = new TemplateRenderer();
        List<Agent> agents = new ArrayList<>();
        agents.add(new RequirementsAnalystAgent(OfflineRequirementsAnalyst.builder().templateIndex(index).build()));
        agents.add(new ArchitectureAgent(renderer));
        BackendTemplates backend = new BackendTemplates(renderer);
        agents.add(new BackendAgent(backend));
        agents.add(new TestingAgent(backend));
        agents.add(new FrontendAgent(renderer));
        agents.add(new PerformanceAgent(renderer));
        agents.add(new DeploymentAgent(renderer));
        agents.add(new SecurityAgent(java.util.Set.of("architecture", "backend", "testing", "frontend", "performance", "deployment")));
        return agents;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public ArtifactStore store() {
        return pipeline.store();
    }

    public RunHandle start(GenerationRequest request, GenerationListener listener) {
        return pipeline.run(request, listener);
    }

    public GenerationResult generate(GenerationRequest request) {
        return pipeline.generate(request);
    }

    /** Generates into project {@code "app"} from a prompt. */
    public GenerationResult generate(String prompt) {
        return generate(GenerationRequest.builder().prompt(prompt).build());
    }

    /** Generates into project {@code "app"} from a ready spec (the analyst only validates it). */
    public GenerationResult generate(AppSpec spec) {
        return generate(GenerationRequest.builder().spec(spec).build());
    }

    /** Writes the latest files of a project into a directory; returns the number of files. */
    public int export(String projectId, Path directory) {
        return store().exportTo(projectId, directory);
    }

    @Override
    public void close() {
        pipeline.close();
    }

    public static final class Builder {
        private ArtifactStore store;
        private TemplateIndex index;
        private List<Agent> agents;
        private final List<GenerationListener> listeners = new ArrayList<>();
        private Duration agentTimeout = Duration.ofMinutes(10);

        /** Where files go; default an in-memory store. */
        public Builder store(ArtifactStore store) { this.store = store; return this; }

        /** Archetype and template search; default {@link DefaultTemplateIndex#lazy(boolean) the seed index}: semantic when an embedding module is on the class path, else keyword-only; built on first use. */
        public Builder templateIndex(TemplateIndex index) { this.index = index; return this; }

        /** Replaces the default offline agents. */
        public Builder agents(List<Agent> agents) { this.agents = List.copyOf(agents); return this; }

        public Builder listener(GenerationListener listener) { listeners.add(listener); return this; }

        public Builder agentTimeout(Duration timeout) { this.agentTimeout = timeout; return this; }

        public Autonoma build() {
            TemplateIndex idx = index != null ? index : DefaultTemplateIndex.lazy(true);
            DefaultPipeline.Builder b = DefaultPipeline.builder()
                    .store(store != null ? store : new InMemoryArtifactStore())
                    .agents(agents != null ? agents : offlineAgents(idx))
                    .agentTimeout(agentTimeout);
            listeners.forEach(b::listener);
            return new Autonoma(b.build());
        }
    }
}
