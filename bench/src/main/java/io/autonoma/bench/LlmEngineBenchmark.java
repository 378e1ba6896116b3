package io.autonoma.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.agents.Autonoma;
import io.autonoma.llm.LlmCallRecord;
import io.autonoma.llm.LlmClient;
import io.autonoma.llm.LlmEngine;
import io.autonoma.llm.LlmPricing;
import io.autonoma.llm.LlmResponseCache;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.test.llm.OpenAiStubServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wall time of a whole LLM-engine run against an OpenAI-compatible stub on 127.0.0.1 that adds a
 * fixed latency (default 1 s) to every call, compared with the critical path of the agent DAG
 * (the longest dependency chain, using each agent's measured duration). A ratio near 1.0 means the
 * pipeline adds nothing on top of the model's latency and runs independent agents in parallel.
 * Then a cached re-run (new client, same on-disk cache) must make zero model calls.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.autonoma.bench.LlmEngineBenchmark [runs] [latencyMillis]}
 */
public final class LlmEngineBenchmark {
    private static final String PROMPT = "A library system with books (title, author, ISBN, published year), members (name, email, "
            + "membership number) and loans that record which member borrowed which book, the loan date and the return date. "
            + "A member can have at most 3 active loans.";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        String rulesAnswer = new ObjectMapper().writeValueAsString(Map.of("files", List.of(
                Map.of("path", "backend/app/rules.py", "content", resource("rules.py")),
                Map.of("path", "backend/tests/test_rules.py", "content", resource("test_rules.py")))));
        String spec = resource("library.app-spec.json");
        System.out.printf(Locale.ROOT, "LLM engine benchmark: %d runs, stub latency %d ms per call, %d cores%n", runs, latency,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| run | model calls | wall ms | critical path ms | wall / critical path | cached re-run ms | cached re-run calls |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<Double> ratios = new ArrayList<>();
        try (OpenAiStubServer stub = OpenAiStubServer.builder().latency(Duration.ofMillis(latency))
                .responder(r -> r.first("system").contains("requirements analyst") ? spec : rulesAnswer).start()) {
            for (int run = 1; run <= runs; run++) {
                Path cache = Files.createTempDirectory("autonoma-llm-bench");
                // a different cache per run so every measured run calls the model; the re-run shares it
                Measured first = measure(stub, cache);
                Measured again = measure(stub, cache);
                ratios.add(first.ratio());
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %.3f | %d | %d |%n", run, first.calls, first.wallMillis,
                        first.criticalMillis, first.ratio(), again.wallMillis, again.calls);
                if (!first.ok || !again.ok) {
                    throw new IllegalStateException("a run failed: " + first.error + " / " + again.error);
                }
            }
        }
        ratios.sort(Double::compare);
        System.out.printf(Locale.ROOT, "median wall / critical path: %.3f (target <= 1.15)%n", ratios.get(ratios.size() / 2));
    }

    record Measured(boolean ok, String error, int calls, long wallMillis, long criticalMillis) {
        double ratio() {
            return criticalMillis == 0 ? 0 : (double) wallMillis / criticalMillis;
        }
    }

    static Measured measure(OpenAiStubServer stub, Path cache) {
        List<LlmCallRecord> calls = new CopyOnWriteArrayList<>();
        List<GenerationEvent> events = new CopyOnWriteArrayList<>();
        try (LlmClient client = LlmClient.builder()
                .model(LlmEngine.openAiCompatible(stub.baseUrl(), "bench", "stub-model", Duration.ofSeconds(30)))
                .modelName("stub-model").pricing(LlmPricing.perThousand(0.00015, 0.0006))
                .cache(LlmResponseCache.onDisk(cache)).listener(calls::add).build()) {
            List<Agent> agents = LlmEngine.builder().client(client).build().agents(offlineAgents());
            try (DefaultPipeline pipeline = DefaultPipeline.builder().store(new InMemoryArtifactStore()).agents(agents).build()) {
                GenerationResult result = pipeline.run(GenerationRequest.builder().prompt(PROMPT).build(), events::add).await();
                return new Measured(result.succeeded(), result.error().orElse(""), client.modelCalls(),
                        result.duration().toMillis(), criticalPath(pipeline.agents(), events));
            }
        }
    }

    /** Longest chain through the DAG, each agent weighted with its measured duration. */
    static long criticalPath(List<Agent> topological, List<GenerationEvent> events) {
        Map<String, Long> duration = new HashMap<>();
        for (GenerationEvent e : events) {
            if (e instanceof GenerationEvent.AgentFinished f) {
                duration.put(f.agent(), f.durationMillis());
            }
        }
        Map<String, Long> finish = new HashMap<>();
        long longest = 0;
        for (Agent a : topological) {
            long start = 0;
            for (String d : a.dependsOn()) {
                start = Math.max(start, finish.getOrDefault(d, 0L));
            }
            long end = start + duration.getOrDefault(a.name(), 0L);
            finish.put(a.name(), end);
            longest = Math.max(longest, end);
        }
        return longest;
    }

    /** The real eight offline agents; the keyword-only seed index (no embedding model: the analyst is the model). */
    static List<Agent> offlineAgents() {
        return Autonoma.offlineAgents(DefaultTemplateIndex.keywordOnly());
    }

    static String resource(String name) {
        try (InputStream in = LlmEngineBenchmark.class.getResourceAsStream("/io/autonoma/test/llm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
