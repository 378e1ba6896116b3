package io.autonoma.agents.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactSink;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CancellationToken;
import io.autonoma.core.pipeline.CancelledException;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.core.spec.Entity;
import io.autonoma.core.spec.Field;
import io.autonoma.core.spec.FieldType;
import io.autonoma.core.spec.InvalidSpecException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RequirementsAnalystAgentTest {

    /** Just enough context for one agent: records files and log lines. */
    static final class Ctx implements AgentContext {
        final GenerationRequest request;
        final Map<String, String> files = new TreeMap<>();
        final List<String> logs = new ArrayList<>();
        boolean cancelled;

        Ctx(GenerationRequest request) {
            this.request = request;
        }

        @Override public GenerationRequest request() { return request; }
        @Override public String runId() { return "run-1"; }
        @Override public Optional<AppSpec> spec() { return request.spec(); }
        @Override public <T> Optional<T> output(String key, Class<T> type) { return Optional.empty(); }
        @Override public void log(String message) { logs.add(message); }
        @Override public CancellationToken cancellation() { return () -> cancelled; }
        @Override public Budget budget() { return request.budget(); }

        @Override
        public ArtifactSink artifacts() {
            return new ArtifactSink() {
                @Override
                public Artifact write(String path, String content) {
                    files.put(path, content);
                    byte[] b = content.getBytes(StandardCharsets.UTF_8);
                    return new Artifact(request.projectId(), path, 1, b, "", "requirements", Instant.EPOCH);
                }

                @Override
                public Optional<Artifact> read(String path) {
                    return Optional.empty();
                }

                @Override
                public List<Artifact> list() {
                    return List.of();
                }
            };
        }
    }

    private final RequirementsAnalystAgent agent = new RequirementsAnalystAgent();

    @Test
    void is_named_requirements_and_depends_on_nothing() {
        assertThat(agent.name()).isEqualTo("requirements");
        assertThat(agent.dependsOn()).isEmpty();
    }

    @Test
    void analyses_the_prompt_publishes_the_spec_and_writes_app_spec_json() {
        String prompt = "A todo app where users keep tasks with a title, a due date and a priority (low, medium, high).";
        Ctx ctx = new Ctx(GenerationRequest.builder().prompt(prompt).build());

        AgentResult result = agent.run(ctx);

        AppSpec spec = (AppSpec) result.outputs().get(AgentContext.SPEC_KEY);
        assertThat(spec).isEqualTo(OfflineRequirementsAnalyst.create().analyze(prompt));
        assertThat(ctx.files).containsOnlyKeys("app-spec.json");
        assertThat(ctx.files.get("app-spec.json")).isEqualTo(AppSpecJson.write(spec));
        assertThat(result.summary()).contains("Task");
        assertThat(ctx.logs).isNotEmpty();
    }

    @Test
    void publishes_a_given_spec_unchanged() {
        AppSpec given = AppSpec.builder("Given").entity(new Entity("Widget",
                List.of(Field.builder("label", FieldType.STRING).build()))).build();
        Ctx ctx = new Ctx(GenerationRequest.builder().prompt("ignored: products with a price").spec(given).build());

        AgentResult result = agent.run(ctx);

        assertThat(result.outputs().get(AgentContext.SPEC_KEY)).isSameAs(given);
        assertThat(AppSpecJson.read(ctx.files.get("app-spec.json"))).isEqualTo(given);
    }

    @Test
    void rejects_an_invalid_given_spec() {
        AppSpec invalid = new AppSpec("Bad", null, List.of(new Entity("User", List.of())), null, null, null, null, null, null);
        Ctx ctx = new Ctx(GenerationRequest.builder().spec(invalid).build());

        assertThatThrownBy(() -> agent.run(ctx)).isInstanceOf(InvalidSpecException.class).hasMessageContaining("User");
        assertThat(ctx.files).isEmpty();
    }

    @Test
    void stops_when_cancelled() {
        Ctx ctx = new Ctx(GenerationRequest.builder().prompt("tasks with a title").build());
        ctx.cancelled = true;

        assertThatThrownBy(() -> agent.run(ctx)).isInstanceOf(CancelledException.class);
    }

    @Test
    void uses_the_given_analyst() {
        FakeTemplateIndex index = new FakeTemplateIndex();
        index.addAll(Archetypes.entries());
        RequirementsAnalystAgent custom = new RequirementsAnalystAgent(
                OfflineRequirementsAnalyst.builder().templateIndex(index).build());
        Ctx ctx = new Ctx(GenerationRequest.builder().prompt("a personal reading list app").build());

        custom.run(ctx);

        assertThat(index.queries).isNotEmpty();
        assertThat(ctx.files.get("app-spec.json")).contains("reading-list");
    }
}
