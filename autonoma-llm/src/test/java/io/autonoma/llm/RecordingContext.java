package io.autonoma.llm;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.ArtifactSink;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CancellationToken;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.spec.AppSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** An AgentContext for one agent: files in a map, logs and validation reports recorded. */
final class RecordingContext implements AgentContext {
    record Report(String tool, boolean passed, List<String> problems) {}

    private final GenerationRequest request;
    private final Map<String, Artifact> files = new TreeMap<>();
    final List<String> logs = new CopyOnWriteArrayList<>();
    final List<Report> reports = new CopyOnWriteArrayList<>();
    final AtomicBoolean cancelled = new AtomicBoolean();
    private final Budget budget;

    RecordingContext(GenerationRequest request) {
        this.request = request;
        this.budget = request.budget();
    }

    static RecordingContext forPrompt(String prompt) {
        return new RecordingContext(GenerationRequest.builder().prompt(prompt).build());
    }

    static RecordingContext forPromptAndSpec(String prompt, AppSpec spec, Budget budget) {
        return new RecordingContext(GenerationRequest.builder().prompt(prompt).spec(spec).budget(budget).build());
    }

    Map<String, String> texts() {
        Map<String, String> out = new TreeMap<>();
        files.forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    void put(String path, String content) {
        artifacts().write(path, content);
    }

    List<Report> failedReports() {
        return reports.stream().filter(r -> !r.passed()).toList();
    }

    @Override public GenerationRequest request() { return request; }
    @Override public String runId() { return "test-run"; }
    @Override public Optional<AppSpec> spec() { return request.spec(); }
    @Override public <T> Optional<T> output(String key, Class<T> type) { return Optional.empty(); }
    @Override public void log(String message) { logs.add(message); }
    @Override public void report(String tool, boolean passed, List<String> problems) { reports.add(new Report(tool, passed, List.copyOf(problems))); }
    @Override public CancellationToken cancellation() { return cancelled::get; }
    @Override public Budget budget() { return budget; }

    @Override
    public ArtifactSink artifacts() {
        return new ArtifactSink() {
            @Override
            public Artifact write(String path, String content) {
                synchronized (files) {
                    String p = ArtifactPaths.normalize(path);
                    int version = files.containsKey(p) ? files.get(p).version() + 1 : 1;
                    Artifact a = new Artifact("app", p, version, content.getBytes(StandardCharsets.UTF_8), "", "test", Instant.EPOCH);
                    files.put(p, a);
                    return a;
                }
            }

            @Override
            public Optional<Artifact> read(String path) {
                synchronized (files) {
                    return Optional.ofNullable(files.get(ArtifactPaths.normalize(path)));
                }
            }

            @Override
            public List<Artifact> list() {
                synchronized (files) {
                    return List.copyOf(files.values());
                }
            }
        };
    }
}
