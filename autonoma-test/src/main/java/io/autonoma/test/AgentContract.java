package io.autonoma.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationEvent.AgentFinished;
import io.autonoma.core.pipeline.GenerationEvent.AgentStarted;
import io.autonoma.core.pipeline.GenerationEvent.ArtifactWritten;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.spec.AppSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Agent} must show. An agent's test extends this class, returns the
 * agent and a request it can handle, and (when the agent reads its dependencies' outputs)
 * overrides {@link #stubFor(String)} to stand in for them.
 *
 * <p>The agent is run alone in a {@link DefaultPipeline} whose other agents are the stubs, with a
 * fresh map-backed store ({@link #store()}).
 */
public abstract class AgentContract {

    /** The agent under test. May return a new instance per call or the same one. */
    protected abstract Agent agent();

    /** A request the agent can handle on its own (with its dependencies stubbed). */
    protected abstract GenerationRequest request();

    /**
     * Stands in for dependency {@code name} of the agent. By default a stub that publishes nothing,
     * so the agent sees the request's spec; override to publish outputs the agent needs (e.g. an
     * {@link AppSpec} under {@link AgentContext#SPEC_KEY}). The stub must be named {@code name}.
     */
    protected Agent stubFor(String name) {
        return TestAgent.noop(name);
    }

    /** The store the agent writes to; a fresh map-backed one by default. */
    protected ArtifactStore store() {
        return TestStores.mapBacked();
    }

    /** How long one run of the agent may take. */
    protected Duration timeout() {
        return Duration.ofMinutes(2);
    }

    /** A run of the agent with its dependencies stubbed: the result, the events and the store. */
    protected record Run(GenerationResult result, List<GenerationEvent> events, ArtifactStore store) {}

    protected final Run runAlone() {
        Agent agent = agent();
        ArtifactStore store = store();
        try (DefaultPipeline pipeline = pipeline(agent, store)) {
            RunHandle handle = pipeline.run(request());
            return new Run(await(agent, handle), handle.events(), store);
        }
    }

    /** A pipeline of {@code agent} and stubs for its dependencies, writing to {@code store}. */
    private DefaultPipeline pipeline(Agent agent, ArtifactStore store) {
        List<Agent> agents = new ArrayList<>();
        agents.add(agent);
        for (String dep : agent.dependsOn()) {
            Agent stub = stubFor(dep);
            assertThat(stub.name()).as("stubFor(%s) must return an agent named %s", dep, dep).isEqualTo(dep);
            agents.add(stub);
        }
        return DefaultPipeline.builder().agents(agents).store(store).agentTimeout(timeout()).maxAttempts(1).build();
    }

    private GenerationResult await(Agent agent, RunHandle handle) {
        try {
            return handle.result().get(timeout().toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("agent '" + agent.name() + "' did not finish within " + timeout());
        } catch (Exception e) {
            return fail("the run's result future failed: " + e, e);
        }
    }

    /** Runs the agent alone and asserts the run succeeded, showing the error otherwise. */
    protected final Run runAloneSuccessfully() {
        Run run = runAlone();
        assertThat(run.result().status()).as("run of agent '%s' failed: %s", agent().name(), run.result().error().orElse(""))
                .isEqualTo(GenerationResult.Status.SUCCEEDED);
        return run;
    }

    @Test
    void has_a_stable_non_blank_name() {
        Agent agent = agent();

        assertThat(agent.name()).isNotBlank();
        assertThat(agent.name()).isEqualTo(agent.name()).isEqualTo(agent().name());
    }

    @Test
    void has_stable_dependencies_that_exclude_itself() {
        Agent agent = agent();
        Set<String> deps = agent.dependsOn();

        assertThat(deps).isNotNull().doesNotContainNull().doesNotContain(agent.name());
        assertThat(agent.dependsOn()).isEqualTo(deps);
        assertThat(agent().dependsOn()).isEqualTo(deps);
    }

    @Test
    void runs_successfully_with_its_dependencies_stubbed() {
        Run run = runAloneSuccessfully();

        assertThat(run.result().agentResults()).containsKey(agent().name());
    }

    @Test
    void writes_only_safe_paths_attributed_to_itself() {
        Run run = runAloneSuccessfully();
        String name = agent().name();
        List<ArtifactWritten> writes = writesOf(run, name);

        for (ArtifactWritten w : writes) {
            assertThat(ArtifactPaths.normalize(w.path())).as("reported path is normalised").isEqualTo(w.path());
            List<Artifact> history = run.store().history(run.result().projectId(), w.path());
            assertThat(history).as("version %d of %s is stored", w.version(), w.path()).hasSizeGreaterThanOrEqualTo(w.version());
            assertThat(history.get(w.version() - 1).producedBy()).as("producer of %s", w.path()).isEqualTo(name);
        }
        assertThat(run.result().files()).containsAll(writes.stream().map(ArtifactWritten::path).toList());
    }

    @Test
    void reports_start_first_and_finish_last() {
        Run run = runAloneSuccessfully();
        String name = agent().name();
        List<GenerationEvent> mine = run.events().stream().filter(e ->
                (e instanceof AgentStarted s && s.agent().equals(name))
                        || (e instanceof AgentFinished f && f.agent().equals(name))
                        || (e instanceof ArtifactWritten w && w.agent().equals(name))
                        || (e instanceof GenerationEvent.AgentLog l && l.agent().equals(name))).toList();

        assertThat(mine).isNotEmpty();
        assertThat(mine.get(0)).isInstanceOf(AgentStarted.class);
        assertThat(mine.get(mine.size() - 1)).isInstanceOf(AgentFinished.class);
        assertThat(mine).filteredOn(AgentStarted.class::isInstance).hasSize(1);
    }

    private static List<ArtifactWritten> writesOf(Run run, String agent) {
        return run.events().stream().filter(ArtifactWritten.class::isInstance).map(ArtifactWritten.class::cast)
                .filter(w -> w.agent().equals(agent)).toList();
    }

    /**
     * {@link Agent} says implementations are thread-safe, since a pipeline may run several requests
     * at once: one instance runs the same request in several projects at the same time, and every
     * run succeeds with the same files.
     */
    @Test
    void one_instance_serves_concurrent_runs_alike() {
        Agent agent = agent();
        ArtifactStore store = store();
        int runs = 4;
        List<GenerationResult> results = new ArrayList<>();
        try (DefaultPipeline pipeline = pipeline(agent, store)) {
            GenerationRequest r = request();
            List<RunHandle> handles = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                handles.add(pipeline.run(new GenerationRequest("concurrent-" + i, r.prompt(), r.spec(), r.budget(), r.options())));
            }
            handles.forEach(h -> results.add(await(agent, h)));
        }

        Map<String, String> first = contents(store, "concurrent-0");
        for (GenerationResult result : results) {
            assertThat(result.status()).as("run %s: %s", result.projectId(), result.error().orElse(""))
                    .isEqualTo(GenerationResult.Status.SUCCEEDED);
            assertThat(contents(store, result.projectId())).as("files of %s", result.projectId()).isEqualTo(first);
        }
    }

    private static Map<String, String> contents(ArtifactStore store, String projectId) {
        Map<String, String> out = new TreeMap<>();
        store.list(projectId).forEach(a -> out.put(a.path(), a.sha256()));
        return out;
    }

    @Test
    void publishes_only_an_app_spec_under_the_spec_key() {
        Run run = runAloneSuccessfully();

        Object spec = run.result().agentResults().get(agent().name()).outputs().get(AgentContext.SPEC_KEY);

        if (spec != null) {
            assertThat(spec).isInstanceOf(AppSpec.class);
        }
    }
}
