package io.autonoma.bench;

import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.core.spec.AppSpec;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The offline analyst's own time per prompt, warm (the lexicon loaded, the JIT done): a prompt as people
 * write it, a prompt that lists fields, and a long one. The target is at most 300 ms per prompt; the
 * cold first prompt of a process (lexicon read, classes loaded) is measured by {@code bench/cli-cold.sh}.
 * Run: {@code java -jar bench/target/benchmarks.jar Analyst}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AnalystBenchmark {
    @Param({"natural", "fields", "long"})
    public String prompt;

    private String text;
    private OfflineRequirementsAnalyst analyst;

    @Setup
    public void setup() {
        text = switch (prompt) {
            case "natural" -> "A sailing club where members book boats for a slot, skippers approve or reject the "
                    + "bookings, and everyone can see the tide notes in real time.";
            case "fields" -> "Inventory for a bike shop: bikes with a frame number, a model, a price and a status (new, "
                    + "used, sold); suppliers with a name, an email and a phone; orders that belong to a supplier and have "
                    + "an order date and a total.";
            default -> String.join(" ", java.util.Collections.nCopies(8, "Owners list their boats with a length and a "
                    + "berth; crews sign up for races, judges score each race and clubs host regattas with prizes."));
        };
        analyst = OfflineRequirementsAnalyst.create();
        analyst.analyze(text);
    }

    @Benchmark
    public AppSpec analyze() {
        return analyst.analyze(text);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(AnalystBenchmark.class.getSimpleName()).build()).run();
    }
}
