package io.autonoma.spring.generation;

import io.autonoma.core.guard.PromptGuard;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.spec.AppSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts runs on the application's {@link Pipeline} and remembers them by id, so that status, events
 * (with replay for late subscribers), files and cancellation are available to anyone holding the id
 * (the REST API, your own controllers, a scheduled job). Thread-safe.
 *
 * <ul>
 *   <li>Each run gets a fresh random id, which is also its project id in the store.</li>
 *   <li>Prompts pass {@link PromptGuard} first: empty, oversized or binary prompts throw
 *       {@link PromptGuard.RejectedPromptException}; injection attempts and markup are removed.</li>
 *   <li>At most {@code maxConcurrentRuns} runs at once; one more throws {@link TooManyRunsException}.</li>
 *   <li>At most {@code maxRetainedRuns} finished runs are remembered; the oldest are forgotten first
 *       (their files stay in the store).</li>
 * </ul>
 */
public final class Generations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    private final Pipeline pipeline;
    private final Budget budget;
    private final Map<String, String> options;
    private final PromptGuard guard;
    private final int maxConcurrentRuns;
    private final int maxRetainedRuns;
    private final List<RunResultListener> resultListeners;
    private final Semaphore slots;
    private final Clock clock = Clock.systemUTC();
    private final LinkedHashMap<String, Generation> runs = new LinkedHashMap<>();

    private Generations(Builder b) {
        this.pipeline = b.pipeline;
        this.budget = b.budget;
        this.options = Map.copyOf(b.options);
        this.guard = PromptGuard.withMaxChars(b.maxPromptChars);
        this.maxConcurrentRuns = b.maxConcurrentRuns;
        this.maxRetainedRuns = b.maxRetainedRuns;
        this.resultListeners = List.copyOf(b.resultListeners);
        this.slots = new Semaphore(b.maxConcurrentRuns);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * Checks the prompt with {@link PromptGuard} and starts a run from the cleaned text.
     *
     * @throws PromptGuard.RejectedPromptException when the prompt is empty, too long or binary
     * @throws TooManyRunsException when the concurrency limit is reached
     */
    public Generation start(String prompt) {
        PromptGuard.Result checked = guard.check(prompt);
        return start("prompt", checked.summary(), b -> b.prompt(checked.prompt()));
    }

    /** Starts a run from a ready spec (the analyst only validates it). */
    public Generation start(AppSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return start("spec", "", b -> b.spec(spec));
    }

    private Generation start(String source, String promptNote, java.util.function.Consumer<GenerationRequest.Builder> input) {
        if (!slots.tryAcquire()) {
            throw new TooManyRunsException(maxConcurrentRuns);
        }
        String id = UUID.randomUUID().toString();
        GenerationRequest.Builder rb = GenerationRequest.builder().projectId(id).budget(budget.fresh());
        options.forEach(rb::option);
        input.accept(rb);
        GenerationRequest request = rb.build();
        Generation generation = new Generation(id, clock.instant(), source, promptNote);
        synchronized (runs) {
            runs.put(id, generation);
        }
        RunHandle handle;
        try {
            handle = pipeline.run(request, generation::onEvent);
        } catch (RuntimeException e) {
            slots.release();
            synchronized (runs) {
                runs.remove(id);
            }
            throw e;
        }
        generation.attach(handle);
        handle.result().whenComplete((result, error) -> ended(generation, request, result, error));
        return generation;
    }

    private void ended(Generation generation, GenerationRequest request, GenerationResult result, Throwable error) {
        try {
            GenerationResult r = result != null ? result
                    : new GenerationResult(generation.id(), request.projectId(), GenerationResult.Status.FAILED, Optional.empty(),
                            List.of(), Map.of(), Optional.empty(), Optional.of(String.valueOf(error)), java.time.Duration.ZERO, 0, 0);
            generation.finish(r);
            for (RunResultListener l : resultListeners) {
                try {
                    l.onResult(r);
                } catch (RuntimeException e) {
                    log.warn("result listener {} failed for generation {}", l, generation.id(), e);
                }
            }
        } finally {
            slots.release();
            evict();
        }
    }

    private void evict() {
        synchronized (runs) {
            long finished = runs.values().stream().filter(Generation::finished).count();
            Iterator<Generation> it = runs.values().iterator();
            while (finished > maxRetainedRuns && it.hasNext()) {
                if (it.next().finished()) {
                    it.remove();
                    finished--;
                }
            }
        }
    }

    /** The run with this id, or empty when it is unknown or was forgotten. Null-safe. */
    public Optional<Generation> find(String id) {
        if (id == null) return Optional.empty();
        synchronized (runs) {
            return Optional.ofNullable(runs.get(id));
        }
    }

    /** Every remembered run, oldest first. */
    public List<Generation> list() {
        synchronized (runs) {
            return List.copyOf(new ArrayList<>(runs.values()));
        }
    }

    /** Cancels every run in progress. */
    @Override
    public void close() {
        list().forEach(Generation::cancel);
    }

    /** Builds {@link Generations}; {@link #build()} validates. */
    public static final class Builder {
        private Pipeline pipeline;
        private Budget budget = Budget.unlimited();
        private final Map<String, String> options = new LinkedHashMap<>();
        private int maxPromptChars = PromptGuard.DEFAULT_MAX_CHARS;
        private int maxConcurrentRuns = 4;
        private int maxRetainedRuns = 200;
        private final List<RunResultListener> resultListeners = new ArrayList<>();

        private Builder() {}

        /** Required. */
        public Builder pipeline(Pipeline v) { this.pipeline = v; return this; }
        /** Caps for each run (each gets {@link Budget#fresh()}); default unlimited. */
        public Builder budget(Budget v) { this.budget = Objects.requireNonNull(v, "budget"); return this; }
        /** A request option every run gets, e.g. {@code engine=offline}. */
        public Builder option(String key, String value) { options.put(key, value); return this; }
        public Builder maxPromptChars(int v) { this.maxPromptChars = v; return this; }
        public Builder maxConcurrentRuns(int v) { this.maxConcurrentRuns = v; return this; }
        public Builder maxRetainedRuns(int v) { this.maxRetainedRuns = v; return this; }
        public Builder resultListener(RunResultListener v) { resultListeners.add(Objects.requireNonNull(v)); return this; }

        /** @throws IllegalArgumentException when no pipeline is set or a limit is out of range */
        public Generations build() {
            if (pipeline == null) throw new IllegalArgumentException("Generations needs a Pipeline; call pipeline(...)");
            if (maxConcurrentRuns < 1) throw new IllegalArgumentException("maxConcurrentRuns must be at least 1, was " + maxConcurrentRuns);
            if (maxRetainedRuns < 0) throw new IllegalArgumentException("maxRetainedRuns must be 0 or more, was " + maxRetainedRuns);
            if (maxPromptChars < 10) throw new IllegalArgumentException("maxPromptChars must be at least 10, was " + maxPromptChars);
            return new Generations(this);
        }
    }
}
