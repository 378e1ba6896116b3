package io.autonoma.spring.generation;

import io.autonoma.agents.Autonoma;
import io.autonoma.core.guard.PromptGuard;
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
 * Starts runs through the application's {@link Autonoma} and remembers them by id, so that status,
 * events (with replay for late subscribers), files and cancellation are available to anyone holding
 * the id (the REST API, your own controllers, a scheduled job). Thread-safe.
 *
 * <ul>
 *   <li>Each run gets a fresh random id, which is also its project id in the store.</li>
 *   <li>Prompts pass the request boundary of {@link Autonoma#request(String)}: empty, oversized or
 *       binary prompts throw {@link PromptGuard.RejectedPromptException}; injection attempts and markup
 *       are removed. The engine, budget and prompt limit are the {@link Autonoma}'s.</li>
 *   <li>At most {@code maxConcurrentRuns} runs at once; one more throws {@link TooManyRunsException}.</li>
 *   <li>At most {@code maxRetainedRuns} finished runs are remembered; the oldest are forgotten first
 *       (their files stay in the store).</li>
 * </ul>
 */
public final class Generations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Generations.class);

    private final Autonoma autonoma;
    private final int maxConcurrentRuns;
    private final int maxRetainedRuns;
    private final List<RunResultListener> resultListeners;
    private final Semaphore slots;
    private final Clock clock = Clock.systemUTC();
    private final LinkedHashMap<String, Generation> runs = new LinkedHashMap<>();

    private Generations(Builder b) {
        this.autonoma = b.autonoma;
        this.maxConcurrentRuns = b.maxConcurrentRuns;
        this.maxRetainedRuns = b.maxRetainedRuns;
        this.resultListeners = List.copyOf(b.resultListeners);
        this.slots = new Semaphore(b.maxConcurrentRuns);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Autonoma autonoma() {
        return autonoma;
    }

    public Pipeline pipeline() {
        return autonoma.pipeline();
    }

    /**
     * Starts a run from the prompt as the request boundary cleaned it.
     *
     * @throws PromptGuard.RejectedPromptException when the prompt is empty, too long or binary
     * @throws TooManyRunsException when the concurrency limit is reached
     */
    public Generation start(String prompt) {
        return start("prompt", autonoma.request(prompt));
    }

    /** Starts a run from a ready spec (the analyst only validates it). */
    public Generation start(AppSpec spec) {
        return start("spec", autonoma.request(Objects.requireNonNull(spec, "spec")));
    }

    private Generation start(String source, GenerationRequest checked) {
        if (!slots.tryAcquire()) {
            throw new TooManyRunsException(maxConcurrentRuns);
        }
        String id = UUID.randomUUID().toString();
        GenerationRequest request = checked.toBuilder().projectId(id).build();
        Generation generation = new Generation(id, clock.instant(), source, PromptGuard.note(request).orElse(""));
        synchronized (runs) {
            runs.put(id, generation);
        }
        RunHandle handle;
        try {
            handle = autonoma.start(request, generation::onEvent);
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
        private Autonoma autonoma;
        private int maxConcurrentRuns = 4;
        private int maxRetainedRuns = 200;
        private final List<RunResultListener> resultListeners = new ArrayList<>();

        private Builder() {}

        /** Required: what runs the generations (engine, store, budget, prompt limit). */
        public Builder autonoma(Autonoma v) { this.autonoma = v; return this; }
        public Builder maxConcurrentRuns(int v) { this.maxConcurrentRuns = v; return this; }
        public Builder maxRetainedRuns(int v) { this.maxRetainedRuns = v; return this; }
        public Builder resultListener(RunResultListener v) { resultListeners.add(Objects.requireNonNull(v)); return this; }

        /** @throws IllegalArgumentException when no Autonoma is set or a limit is out of range */
        public Generations build() {
            if (autonoma == null) throw new IllegalArgumentException("Generations needs an Autonoma; call autonoma(...)");
            if (maxConcurrentRuns < 1) throw new IllegalArgumentException("maxConcurrentRuns must be at least 1, was " + maxConcurrentRuns);
            if (maxRetainedRuns < 0) throw new IllegalArgumentException("maxRetainedRuns must be 0 or more, was " + maxRetainedRuns);
            return new Generations(this);
        }
    }
}
