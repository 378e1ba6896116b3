package io.autonoma.bench;

import io.autonoma.agents.Autonoma;
import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.agents.analyst.RequirementsAnalystAgent;
import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.agents.testing.FastApiTestsPack;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process, warm: offline generation for the largest shared prompt ("inventory", 252 chars, 3
 * entities). {@code backendOnly} runs requirements → backend → testing; {@code fullApp} runs all
 * eight agents. Each invocation uses a fresh in-memory store (a new project id).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GenerationBenchmark {
    static final String PROMPT = "Inventory management for a small shop: products with a SKU, a name, a price and a stock "
            + "quantity; suppliers with a name, an email and a phone number; purchase orders that belong to a supplier "
            + "and have an order date and a status (draft, sent, received).";

    private Autonoma backendOnly;
    private Autonoma fullApp;
    private long n;

    @Setup(Level.Trial)
    public void setUp() {
        TemplateRenderer renderer = new TemplateRenderer();
        backendOnly = Autonoma.builder()
                .agents(List.of(
                        new RequirementsAnalystAgent(OfflineRequirementsAnalyst.builder()
                                .templateIndex(DefaultTemplateIndex.keywordOnly()).build()),
                        new PackAgent(new FastApiPack(), renderer), new PackAgent(new FastApiTestsPack(), renderer)))
                .build();
        fullApp = Autonoma.builder().templateIndex(DefaultTemplateIndex.keywordOnly()).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backendOnly.close();
        fullApp.close();
    }

    private static GenerationResult run(Autonoma autonoma, long n) {
        GenerationResult r = autonoma.generate(GenerationRequest.builder().projectId("p" + n).prompt(PROMPT).build());
        if (!r.succeeded()) {
            throw new IllegalStateException(r.error().orElse("failed"));
        }
        return r;
    }

    @Benchmark
    public GenerationResult backendOnly() {
        return run(backendOnly, n++);
    }

    @Benchmark
    public GenerationResult fullApp() {
        return run(fullApp, n++);
    }
}
