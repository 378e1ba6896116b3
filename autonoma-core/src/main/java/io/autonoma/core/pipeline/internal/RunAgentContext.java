package io.autonoma.core.pipeline.internal;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactSink;
import io.autonoma.core.artifact.ArtifactWrite;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CancellationToken;
import io.autonoma.core.pipeline.CancelledException;
import io.autonoma.core.pipeline.GenerationEvent.AgentLog;
import io.autonoma.core.pipeline.GenerationEvent.ArtifactWritten;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationEvent.ValidationReport;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.spec.AppSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AgentContext} of one attempt of one agent. Its cancellation token turns true when the
 * run's outcome is decided (failure elsewhere, cancel) or this attempt timed out; from then on
 * {@link ArtifactSink#write} refuses with {@link CancelledException} so nothing is written after
 * the run has been decided.
 */
final class RunAgentContext implements AgentContext {
    private static final Logger LOG = LoggerFactory.getLogger(RunAgentContext.class);

    private final PipelineRun run;
    private final int index;
    private final String name;
    private final PipelineRun.Attempt attempt;
    private final CancellationToken token;
    private final ArtifactSink sink = new Sink();

    RunAgentContext(PipelineRun run, int index, PipelineRun.Attempt attempt) {
        this.run = run;
        this.index = index;
        this.name = run.agentName(index);
        this.attempt = attempt;
        this.token = () -> run.isCancelled() || attempt.isTimedOut();
    }

    @Override
    public GenerationRequest request() {
        return run.request();
    }

    @Override
    public String runId() {
        return run.runId();
    }

    @Override
    public Optional<AppSpec> spec() {
        Optional<AppSpec> published = output(SPEC_KEY, AppSpec.class);
        return published.isPresent() ? published : run.request().spec();
    }

    /**
     * @throws ClassCastException naming the publishing agent when the value is not a {@code type}
     */
    @Override
    public <T> Optional<T> output(String key, Class<T> type) {
        if (key == null || type == null) {
            throw new IllegalArgumentException("output(key, type) needs a key and a type");
        }
        Optional<Map.Entry<String, Object>> found = run.upstreamOutput(index, key);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Object v = found.get().getValue();
        if (!type.isInstance(v)) {
            throw new ClassCastException("output '" + key + "' of agent '" + found.get().getKey() + "' is a "
                    + v.getClass().getName() + ", not a " + type.getName() + " as agent '" + name + "' expects");
        }
        return Optional.of(type.cast(v));
    }

    @Override
    public ArtifactSink artifacts() {
        return sink;
    }

    @Override
    public void log(String message) {
        String m = message == null ? "" : message;
        LOG.debug("run {} agent '{}': {}", run.runId(), name, m);
        if (!attempt.active()) {
            return; // the agent already ended (or timed out): its events are closed
        }
        run.dispatcher().enqueue((seq, at) -> new AgentLog(run.runId(), seq, at, name, m));
        run.dispatcher().drain();
    }

    @Override
    public void report(String tool, boolean passed, List<String> problems) {
        String t = tool == null ? "" : tool;
        List<String> p = problems == null ? List.of() : List.copyOf(problems);
        if (!attempt.active()) {
            return;
        }
        run.dispatcher().enqueue((seq, at) -> new ValidationReport(run.runId(), seq, at, name, t, passed, p));
        run.dispatcher().drain();
    }

    @Override
    public void checked(String check, String status, String counts, long durationMillis, String excerpt, String isolation) {
        if (!attempt.active()) {
            return;
        }
        String c = check == null ? "" : check;
        String st = status == null ? "" : status;
        String n = counts == null ? "" : counts;
        String x = excerpt == null ? "" : excerpt;
        String iso = isolation == null ? "" : isolation;
        run.dispatcher().enqueue((seq, at) -> new GenerationEvent.CheckFinished(run.runId(), seq, at, name, c, st, n, durationMillis, x, iso));
        run.dispatcher().drain();
    }

    @Override
    public CancellationToken cancellation() {
        return token;
    }

    @Override
    public Budget budget() {
        return run.budget();
    }

    @Override
    public String toString() {
        return "AgentContext[" + name + ", run " + run.runId() + ", attempt " + attempt.number + "]";
    }

    private final class Sink implements ArtifactSink {
        @Override
        public Artifact write(String path, String content) {
            if (content == null) {
                throw new IllegalArgumentException("agent '" + name + "' tried to write null content to '" + path
                        + "'; write an empty string instead");
            }
            if (token.isCancelled()) {
                throw new CancelledException("run " + run.runId() + " was cancelled or has ended; agent '" + name
                        + "' may not write '" + path + "' any more");
            }
            if (!attempt.active()) {
                throw new IllegalStateException("agent '" + name + "' wrote '" + path
                        + "' after its run() returned; write only from inside run()");
            }
            Artifact a = run.settings().store().put(new ArtifactWrite(run.request().projectId(), path,
                    content.getBytes(StandardCharsets.UTF_8), name));
            run.recordWrite(a.path());
            run.dispatcher().enqueue((seq, at) -> new ArtifactWritten(run.runId(), seq, at, name, a.path(), a.version(), a.size()));
            run.dispatcher().drain();
            return a;
        }

        @Override
        public Optional<Artifact> read(String path) {
            return run.settings().store().get(run.request().projectId(), path);
        }

        @Override
        public List<Artifact> list() {
            return run.settings().store().list(run.request().projectId());
        }
    }
}
