package io.autonoma.bench;

import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.ArtifactWrite;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.AgentContext;
import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What the pipeline engine itself costs: one whole run of agents that do nothing, so every
 * microsecond measured is scheduling, context creation, events and result assembly.
 *
 * <ul>
 *   <li>{@code wide}: one root, {@code agents - 2} independent middle agents that depend on it, and
 *       one sink that depends on all of them — the shape of a real pipeline (analyst → many
 *       generators → packager), maximal fan-out and fan-in.
 *   <li>{@code chain}: {@code agents} agents each depending on the previous one — no parallelism,
 *       so it shows the hand-off latency from one agent to the next.
 * </ul>
 *
 * Overhead per agent = score / agents. Run: {@code java -jar bench/target/benchmarks.jar PipelineOverhead}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PipelineOverheadBenchmark {

    @Param({"100"})
    public int agents;

    @Param({"wide", "chain"})
    public String shape;

    private DefaultPipeline pipeline;
    private GenerationRequest request;

    @Setup
    public void setUp() {
        if (agents < 3) {
            throw new IllegalArgumentException("agents must be at least 3");
        }
        pipeline = DefaultPipeline.builder().agents(dag(shape, agents)).store(new UnusedStore()).build();
        request = GenerationRequest.builder().projectId("bench").prompt("benchmark").build();
        GenerationResult warm = pipeline.run(request).await();
        if (!warm.succeeded()) {
            throw new IllegalStateException("benchmark pipeline failed: " + warm.error());
        }
    }

    @TearDown
    public void tearDown() {
        pipeline.close();
    }

    @Benchmark
    public GenerationResult run() {
        return pipeline.run(request).await();
    }

    static List<Agent> dag(String shape, int n) {
        List<Agent> out = new ArrayList<>(n);
        switch (shape) {
            case "wide" -> {
                out.add(new NoopAgent("root", Set.of()));
                List<String> middle = new ArrayList<>();
                for (int i = 0; i < n - 2; i++) {
                    String name = "mid-" + i;
                    middle.add(name);
                    out.add(new NoopAgent(name, Set.of("root")));
                }
                out.add(new NoopAgent("sink", Set.copyOf(middle)));
            }
            case "chain" -> {
                out.add(new NoopAgent("step-0", Set.of()));
                for (int i = 1; i < n; i++) {
                    out.add(new NoopAgent("step-" + i, Set.of("step-" + (i - 1))));
                }
            }
            default -> throw new IllegalArgumentException("unknown shape " + shape + "; use wide or chain");
        }
        return out;
    }

    /** An agent that does nothing. */
    record NoopAgent(String name, Set<String> dependsOn) implements Agent {
        @Override
        public AgentResult run(AgentContext context) {
            return AgentResult.of("noop");
        }
    }

    /** No-op agents never write; the pipeline only needs a store to exist. */
    static final class UnusedStore implements ArtifactStore {
        @Override
        public Artifact put(ArtifactWrite write) {
            throw new UnsupportedOperationException("UnusedStore stores nothing");
        }

        @Override
        public Optional<Artifact> get(String projectId, String path) {
            return Optional.empty();
        }

        @Override
        public List<Artifact> list(String projectId) {
            return List.of();
        }

        @Override
        public List<Artifact> history(String projectId, String path) {
            return List.of();
        }

        @Override
        public List<String> projects() {
            return List.of();
        }
    }

    /** Runs this benchmark briefly from an IDE: {@code main} → 2 warm-up and 3 measured iterations. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(PipelineOverheadBenchmark.class.getSimpleName())
                .warmupIterations(2)
                .measurementIterations(3)
                .forks(1)
                .build()).run();
    }
}
