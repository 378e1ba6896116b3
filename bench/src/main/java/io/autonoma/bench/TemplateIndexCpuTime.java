package io.autonoma.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Companion to {@link TemplateIndexBenchmark} for shared, overloaded machines: measures the
 * <em>CPU time</em> of the calling thread per operation (wall-clock averages from JMH include time
 * spent waiting for a core). Only the index paths are measured: ONNX Runtime runs all-MiniLM
 * inference partly on native threads of its own, which the calling thread's CPU time misses.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.autonoma.bench.TemplateIndexCpuTime [iterations]</pre>
 */
public final class TemplateIndexCpuTime {

    private TemplateIndexCpuTime() {}

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        TemplateIndexBenchmark b = new TemplateIndexBenchmark();
        b.setUp();
        measure("keywordOnly", iterations, b::keywordOnly);
        measure("hybridPrecomputedQueryEmbedding", iterations, b::hybridPrecomputedQueryEmbedding);
        measure("hybridPrecomputedQueryEmbeddingWithCollectionFilter", iterations,
                b::hybridPrecomputedQueryEmbeddingWithCollectionFilter);
        System.exit(0); // don't wait for the embedding model's pool threads to time out
    }

    private static void measure(String name, int iterations, Supplier<?> op) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < iterations; i++) { // warm-up
            op.get();
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            op.get();
        }
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long wall = System.nanoTime() - wall0;
        System.out.printf(Locale.ROOT, "%-55s cpu %8.1f us/op   wall %8.1f us/op%n", name,
                cpu / 1e3 / iterations, wall / 1e3 / iterations);
    }
}
