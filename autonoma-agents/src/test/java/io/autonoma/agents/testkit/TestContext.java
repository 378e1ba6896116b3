package io.autonoma.agents.testkit;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.ArtifactSink;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CancellationToken;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.spec.AppSpecJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A minimal AgentContext for running one agent in a unit test: files in a sorted map. */
public final class TestContext implements AgentContext {
    private final GenerationRequest request;
    private final Map<String, Artifact> files = new TreeMap<>();
    public final List<String> logs = new ArrayList<>();

    public TestContext(AppSpec spec) {
        this.request = GenerationRequest.builder().spec(spec).build();
    }

    public static AppSpec exampleSpec() {
        Path p = Path.of("..", "docs", "examples", "inventory.app-spec.json");
        return AppSpecJson.read(p);
    }

    public Map<String, String> texts() {
        Map<String, String> out = new TreeMap<>();
        files.forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    /** Writes every file under a directory (for inspection or for running tools on them). */
    public void writeTo(Path dir) throws java.io.IOException {
        for (Artifact a : files.values()) {
            Path p = dir.resolve(a.path());
            Files.createDirectories(p.getParent());
            Files.write(p, a.content());
        }
    }

    @Override public GenerationRequest request() { return request; }
    @Override public String runId() { return "test-run"; }
    @Override public Optional<AppSpec> spec() { return request.spec(); }
    @Override public <T> Optional<T> output(String key, Class<T> type) { return Optional.empty(); }
    @Override public void log(String message) { logs.add(message); }
    @Override public CancellationToken cancellation() { return () -> false; }
    @Override public Budget budget() { return Budget.unlimited(); }

    @Override
    public ArtifactSink artifacts() {
        return new ArtifactSink() {
            @Override
            public synchronized Artifact write(String path, String content) {
                String p = ArtifactPaths.normalize(path);
                int version = files.containsKey(p) ? files.get(p).version() + 1 : 1;
                Artifact a = new Artifact("app", p, version, content.getBytes(StandardCharsets.UTF_8), "", "test", Instant.EPOCH);
                files.put(p, a);
                return a;
            }

            @Override
            public Optional<Artifact> read(String path) {
                return Optional.ofNullable(files.get(ArtifactPaths.normalize(path)));
            }

            @Override
            public List<Artifact> list() {
                return List.copyOf(files.values());
            }
        };
    }
}
