package io.autonoma.agents;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.autonoma.agents.analyst.OfflineRequirementsAnalyst;
import io.autonoma.agents.analyst.RequirementsAnalystAgent;
import io.autonoma.agents.engine.Engine;
import io.autonoma.agents.engine.EngineContext;
import io.autonoma.agents.pack.TemplatePack;
import io.autonoma.agents.pack.TemplatePacks;
import io.autonoma.agents.render.TemplateRenderer;
import io.autonoma.agents.security.SecurityAgent;
import io.autonoma.agents.seed.DefaultTemplateIndex;
import io.autonoma.agents.spi.ChatModelEngineProvider;
import io.autonoma.core.AutonomaException;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.InMemoryArtifactStore;
import io.autonoma.core.guard.PromptGuard;
import io.autonoma.core.pipeline.Agent;
import io.autonoma.core.pipeline.Budget;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.core.pipeline.DefaultPipeline;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.pipeline.RunStore;
import io.autonoma.core.spec.AppSpec;
import io.autonoma.core.template.TemplateIndex;
import io.autonoma.agents.backend.FastApiPack;
import io.autonoma.agents.change.ChangePlan;
import io.autonoma.agents.change.ChangeRequest;
import io.autonoma.agents.change.ChangeResult;
import io.autonoma.agents.change.DestructiveChangeException;
import io.autonoma.agents.change.GenerationRecord;
import io.autonoma.agents.change.internal.ChangeMigration;
import io.autonoma.agents.change.internal.Evolution;
import io.autonoma.agents.pack.PackAgent;
import io.autonoma.agents.verify.Verifier;
import io.autonoma.agents.verify.VerifyAgent;
import io.autonoma.core.pipeline.AgentId;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.change.ChangeReader;
import io.autonoma.core.change.SpecDelta;
import io.autonoma.core.spec.AppSpecJson;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/**
 * The front door and the one composition root: {@link #builder()} assembles the engine, the store,
 * the template index, the run store (checkpoints and resume), the executor and the budget into a
 * pipeline, and every request enters through it: the prompt is checked once by the
 * {@link PromptGuard} (the one prompt-length limit, {@link Builder#maxPromptChars}), the request is
 * stamped with the engine and this instance's budget, and the run is recorded for
 * {@link #resume(String, GenerationListener)}. The CLI and the Spring starter are thin adapters
 * over it.
 *
 * <pre>{@code
 * try (Autonoma autonoma = Autonoma.builder().build()) {
 *     GenerationResult result = autonoma.generate("A todo app where users keep tasks with a title and a due date.");
 *     autonoma.export(result.projectId(), Path.of("todo"));
 * }
 * }</pre>
 *
 * Thread-safe once built: one instance may run many requests at once.
 */
public final class Autonoma implements AutoCloseable {
    private final Pipeline pipeline;
    private final boolean ownsPipeline;
    private final Engine engine;
    private final TemplateIndex templateIndex;
    private volatile OfflineRequirementsAnalyst planner;
    private final RunStore runs;
    private final Budget budget;
    private final PromptGuard guard;
    private final TemplatePacks packs;
    private final ChangeReader changeReader;

    private Autonoma(Builder b, Pipeline pipeline, boolean ownsPipeline, Engine engine, TemplateIndex templateIndex, TemplatePacks packs) {
        this.pipeline = pipeline;
        this.packs = packs;
        this.ownsPipeline = ownsPipeline;
        this.engine = engine;
        this.templateIndex = templateIndex;
        this.runs = b.runs;
        this.budget = b.budget;
        this.guard = PromptGuard.withMaxChars(b.maxPromptChars);
        this.changeReader = b.changeReader != null ? b.changeReader : engine.changeReader();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The eight offline agents of the {@link TemplatePacks#defaults() built-in packs}: requirements → (architecture,
     * backend → testing, frontend, performance, deployment) → security, which reviews everything the others wrote.
     * The analyst looks archetypes up in {@code index}. Every {@link Engine} builds on these.
     */
    public static List<Agent> offlineAgents(TemplateIndex index) {
        return offlineAgents(index, TemplatePacks.defaults());
    }

    /**
     * The offline agents for {@code packs}: the requirements analyst, a {@link io.autonoma.agents.pack.PackAgent} per
     * pack (in order, sharing one renderer) and the security review after all of them.
     */
    public static List<Agent> offlineAgents(TemplateIndex index, TemplatePacks packs) {
        List<Agent> agents = new ArrayList<>();
        agents.add(new RequirementsAnalystAgent(OfflineRequirementsAnalyst.builder().templateIndex(index).build()));
        agents.addAll(packs.agents(new TemplateRenderer()));
        agents.add(new SecurityAgent(packs.agentIds()));
        return agents;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    public ArtifactStore store() {
        return pipeline.store();
    }

    /** The engine whose agents the pipeline runs. */
    public Engine engine() {
        return engine;
    }

    /** The template packs the app is generated from, and its spec validated against. */
    public TemplatePacks packs() {
        return packs;
    }

    /** The template index (archetypes, code examples) the engine was given. */
    public TemplateIndex templateIndex() {
        return templateIndex;
    }

    /** Where runs are recorded for {@link #resume}; empty when none was configured. */
    public Optional<RunStore> runs() {
        return Optional.ofNullable(runs);
    }

    /** The longest prompt accepted, in characters. */
    public int maxPromptChars() {
        return guard.maxChars();
    }

    /**
     * A request for {@code prompt} as it leaves the request boundary: the prompt checked and cleaned
     * by the {@link PromptGuard} ({@link PromptGuard#NOTE_OPTION} says what was removed), this
     * instance's engine and a fresh copy of its budget, project {@code app}. Change the project with
     * {@code toBuilder()}.
     *
     * @throws PromptGuard.RejectedPromptException when the prompt is null, blank, too long, binary or
     *     nothing but an attack; the message says what to do
     */
    public GenerationRequest request(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            guard.check(prompt); // throws, with the guard's message
        }
        return boundary(GenerationRequest.builder().prompt(prompt).build());
    }

    /**
     * A request for a ready spec (the analyst only validates it), with this instance's engine and budget.
     *
     * @throws io.autonoma.core.spec.InvalidSpecException when the spec is invalid or uses a name one of the
     *     {@link #packs()} reserves; every problem names its JSON path
     */
    public GenerationRequest request(AppSpec spec) {
        return boundary(GenerationRequest.builder().spec(Objects.requireNonNull(spec, "spec")).build());
    }

    /**
     * Starts a run. The request passes the boundary first (its prompt checked as in
     * {@link #request(String)}, idempotent for requests that came from there; a spec validated against the
     * {@link #packs()}; the engine recorded; a request without caps gets this instance's budget) and, with a
     * {@link RunStore}, is recorded under its run id ({@link CheckpointStore#RUN_ID_OPTION}, a new one if absent) so
     * it can be resumed.
     *
     * @throws PromptGuard.RejectedPromptException when the request's prompt cannot be used
     * @throws io.autonoma.core.spec.InvalidSpecException when the request's spec cannot be generated from
     */
    public RunHandle start(GenerationRequest request, GenerationListener listener) {
        GenerationRequest checked = boundary(Objects.requireNonNull(request, "request"));
        GenerationListener perRun = listener == null ? e -> {} : listener;
        if (runs == null) {
            return pipeline.run(checked, perRun);
        }
        String runId = checked.options().getOrDefault(CheckpointStore.RUN_ID_OPTION, UUID.randomUUID().toString());
        GenerationRequest recorded = checked.toBuilder().option(CheckpointStore.RUN_ID_OPTION, runId).build();
        runs.started(runId, recorded);
        return pipeline.run(recorded, both(runs.listener(), perRun));
    }

    public GenerationResult generate(GenerationRequest request) {
        return start(request, null).await();
    }

    /** Generates into project {@code "app"} from a prompt (see {@link #request(String)}). */
    public GenerationResult generate(String prompt) {
        return generate(request(prompt));
    }

    /** Generates into project {@code "app"} from a ready spec (the analyst only validates it). */
    public GenerationResult generate(AppSpec spec) {
        return generate(request(spec));
    }

    /**
     * Runs a recorded run again with its recorded request: agents that finished in it (checkpointed in
     * the {@link RunStore}) are not redone, their outputs feed the others. Works for unfinished runs
     * (the process died), failed or cancelled ones, and finished ones (nothing runs again).
     *
     * @throws AutonomaException when no run store is configured, the run is unknown, or it was started
     *     with another engine
     */
    public RunHandle resume(String runId, GenerationListener listener) {
        Objects.requireNonNull(runId, "runId");
        if (runs == null) {
            throw new AutonomaException("cannot resume run '" + runId + "': this Autonoma records no runs; "
                    + "build it with Autonoma.builder().runs(...) (e.g. autonoma-store's PostgresRuns)");
        }
        GenerationRequest recorded = runs.request(runId).orElseThrow(() -> new AutonomaException("no run '" + runId
                + "' is recorded in " + runs.getClass().getSimpleName() + "; list the unfinished ones with unfinishedRuns()"));
        String startedWith = recorded.options().get(Engine.OPTION);
        if (startedWith != null && !startedWith.equals(engine.name())) {
            throw new AutonomaException("run '" + runId + "' was started with the " + startedWith + " engine; resume it with the "
                    + startedWith + " engine, not the " + engine.name() + " engine");
        }
        return start(recorded, listener);
    }

    /**
     * The spec the offline requirements analyst reads from {@code prompt} (checked as in {@link #request(String)}), to
     * show or correct before generating; nothing runs and nothing is stored.
     *
     * @throws PromptGuard.RejectedPromptException when the prompt cannot be used
     */
    public AppSpec plan(String prompt) {
        OfflineRequirementsAnalyst a = planner;
        if (a == null) {
            a = OfflineRequirementsAnalyst.builder().templateIndex(templateIndex).build();
            planner = a;
        }
        return a.analyze(request(prompt).prompt());
    }

    /** Recorded runs that have not finished, oldest first; empty without a run store. */
    public List<String> unfinishedRuns() {
        return runs == null ? List.of() : runs.unfinished();
    }

    /**
     * Writes the latest files of a project into a directory; returns the number of files. A generated app (it has an
     * {@code app-spec.json}) also gets its {@link GenerationRecord} ({@value GenerationRecord#PATH}), which
     * {@link #change} needs to keep the user's edits.
     */
    public int export(String projectId, Path directory) {
        int written = store().exportTo(projectId, directory);
        record(projectId).ifPresent(r -> r.write(directory));
        return written;
    }

    /**
     * The {@link GenerationRecord} of a generated project (it has an {@code app-spec.json}): its spec, its text files
     * and the create-everything migration; what {@link #export} writes beside the files, for a store to keep instead.
     */
    public Optional<GenerationRecord> record(String projectId) {
        Map<String, String> files = textFiles(projectId);
        String spec = files.get("app-spec.json");
        return spec == null ? Optional.empty() : Optional.of(new GenerationRecord(AppSpecJson.read(spec), files,
                ChangeMigration.initialPath(files).map(files::get).orElse(null)));
    }

    /**
     * Changes a generated app in place: reads the request into a {@link SpecDelta} (the engine's change reader, or the
     * difference to a given spec), generates the new spec as one run (same events, budget and run tracking as a
     * generation), and writes it over the app three ways: files the user never touched are updated, the user's edits
     * are kept or merged, clashes are left between conflict markers (see {@link ChangeResult#conflicts()}), files the
     * user added are never touched. The database follows through a new Alembic revision chained on the app's current
     * head; the initial migration is never rewritten.
     *
     * @throws DestructiveChangeException when the delta would drop data and the request does not allow it (nothing is
     *     written)
     * @throws IllegalArgumentException when the app has no record of its generation and no app-spec.json, the request
     *     cannot be read, or the changed spec is invalid (nothing is written)
     */
    public ChangeResult change(Path appDir, ChangeRequest request, GenerationListener listener) {
        Objects.requireNonNull(appDir, "appDir");
        Objects.requireNonNull(request, "request");
        GenerationRecord base = Evolution.base(appDir, spec -> generatedFiles(spec, listener));
        SpecDelta delta;
        AppSpec next;
        if (request.spec() != null) {
            next = request.spec();
            delta = SpecDelta.between(base.spec(), next);
        } else {
            String text = guard.apply(GenerationRequest.builder().prompt(request.text()).build()).prompt();
            delta = changeReader.read(base.spec(), text);
            next = delta.apply(base.spec());
        }
        packs.validate(next).throwIfInvalid();
        if (delta.isEmpty()) {
            return new ChangeResult(delta, base.spec(), new ChangePlan(List.of()), Optional.empty(), null);
        }
        if (delta.destructive() && !request.allowDestructive()) {
            throw new DestructiveChangeException(delta.losses());
        }
        GenerationResult generated = start(fresh(request(next)), listener).await();
        if (!generated.succeeded()) {
            return new ChangeResult(delta, base.spec(), new ChangePlan(List.of()), Optional.empty(), generated);
        }
        AppSpec renamed = Evolution.renamesOnly(base.spec(), delta);
        String renamedSchema = renamed.equals(base.spec()) ? null : packs.named(FastApiPack.NAME)
                .map(pack -> new PackAgent(pack, new TemplateRenderer()).render(renamed))
                .flatMap(files -> ChangeMigration.initialPath(files).map(files::get)).orElse(null);
        Evolution.Composed composed = Evolution.compose(appDir, base, next, delta, textFiles(generated.projectId()), renamedSchema);
        ChangePlan plan = ChangePlan.of(base.files(), Evolution.current(appDir, base, composed.files()), composed.files());
        Evolution.apply(appDir, plan);
        new GenerationRecord(next, composed.files(), composed.schema()).write(appDir);
        return new ChangeResult(delta, next, plan, Optional.ofNullable(composed.migration()), generated);
    }

    private Map<String, String> generatedFiles(AppSpec spec, GenerationListener listener) {
        GenerationResult r = start(fresh(request(spec)), listener).await();
        if (!r.succeeded()) {
            throw new AutonomaException("regenerating the app's recorded spec failed: " + r.error().orElse("no reason given"));
        }
        return textFiles(r.projectId());
    }

    /** The request in a project of its own: a project keeps the files of earlier runs, which a change must not see. */
    private static GenerationRequest fresh(GenerationRequest request) {
        return request.toBuilder().projectId("change-" + UUID.randomUUID()).build();
    }

    /** The project's latest files that are UTF-8 text (binary files are not merged). */
    private Map<String, String> textFiles(String projectId) {
        Map<String, String> out = new TreeMap<>();
        for (Artifact a : store().list(projectId)) {
            Evolution.text(a.content()).ifPresent(text -> out.put(a.path(), text)); // a binary file is regenerated, never merged
        }
        return out;
    }

    /** Closes the pipeline this instance built (cancelling runs in progress) and the engine. */
    @Override
    public void close() {
        try {
            if (ownsPipeline && pipeline instanceof AutoCloseable c) {
                c.close();
            }
        } catch (Exception e) {
            throw new AutonomaException("closing the pipeline failed: " + e.getMessage(), e);
        } finally {
            engine.close();
        }
    }

    @Override
    public String toString() {
        return "Autonoma[" + engine.name() + " engine, " + pipeline + ", " + templateIndex + (runs == null ? "" : ", runs in " + runs) + "]";
    }

    private GenerationRequest boundary(GenerationRequest request) {
        request.spec().ifPresent(spec -> packs.validate(spec).throwIfInvalid());
        GenerationRequest.Builder b = guard.apply(request).toBuilder().option(Engine.OPTION, engine.name());
        Budget given = request.budget();
        if (given.maxTokens() == Long.MAX_VALUE && given.maxCostMicros() == Long.MAX_VALUE) {
            b.budget(budget.fresh());
        }
        return b.build();
    }

    private static GenerationListener both(GenerationListener first, GenerationListener second) {
        return e -> {
            first.onEvent(e);
            second.onEvent(e);
        };
    }

    /** Builds an {@link Autonoma}; {@link #build()} validates. Every setting has a working default. */
    public static final class Builder {
        private Engine engine;
        private ChatModel chatModel;
        private ArtifactStore store;
        private TemplateIndex index;
        private EmbeddingModel embeddingModel;
        private boolean semanticSearch = true;
        private RunStore runs;
        private ExecutorService executor;
        private Budget budget = Budget.unlimited();
        private int maxPromptChars = PromptGuard.DEFAULT_MAX_CHARS;
        private List<Agent> agents;
        private TemplatePacks packs = TemplatePacks.defaults();
        private Pipeline pipeline;
        private final List<GenerationListener> listeners = new ArrayList<>();
        private Duration agentTimeout = Duration.ofMinutes(10);
        private ChangeReader changeReader;
        private Verifier verifier;

        private Builder() {}

        /** What writes the app; default {@link Engine#offline()}. Autonoma closes it on {@link Autonoma#close()}. */
        public Builder engine(Engine engine) { this.engine = engine; return this; }

        /**
         * The LLM engine asking {@code model} (any langchain4j {@code ChatModel}), with its defaults;
         * needs autonoma-llm on the class path. For its settings, use autonoma-llm's {@code LlmEngine}
         * with {@link #engine(Engine)}.
         */
        public Builder chatModel(ChatModel model) { this.chatModel = model; return this; }

        /** Where files go; default an in-memory store. */
        public Builder store(ArtifactStore store) { this.store = store; return this; }

        /**
         * Archetype and template search; default {@link DefaultTemplateIndex#lazy(boolean) the seed index},
         * built on first use: semantic with {@link #embeddingModel} or an embedding module found on the
         * class path, else keyword-only.
         */
        public Builder templateIndex(TemplateIndex index) { this.index = index; return this; }

        /** The embedding model of the default template index (instead of one found on the class path). */
        public Builder embeddingModel(EmbeddingModel model) { this.embeddingModel = model; return this; }

        /** Whether the default template index uses an embedding module found on the class path (default true). */
        public Builder semanticSearch(boolean semantic) { this.semanticSearch = semantic; return this; }

        /** Where runs are recorded: checkpoints, and {@link Autonoma#resume} by run id. Default none. */
        public Builder runs(RunStore runs) { this.runs = runs; return this; }

        /** Where agents run; default a pool of {@code max(2, cores)} daemon threads owned by the pipeline. */
        public Builder executor(ExecutorService executor) { this.executor = executor; return this; }

        /** Caps for each run that brings none (each gets {@link Budget#fresh()}); default unlimited. */
        public Builder budget(Budget budget) { this.budget = budget; return this; }

        /** The longest prompt accepted; default {@link PromptGuard#DEFAULT_MAX_CHARS}. At least 10. */
        public Builder maxPromptChars(int max) { this.maxPromptChars = max; return this; }

        /**
         * Adds a template pack (a target stack of your own) after those set so far, by default the
         * {@link TemplatePacks#defaults() built-in ones}: its agent renders it after the spec is read, the security
         * review waits for it, a spec is validated against its reserved names, and an engine that writes code fills
         * its extension points.
         */
        public Builder pack(TemplatePack pack) { this.packs = packs.with(pack); return this; }

        /** Exactly these template packs instead of the built-in ones (e.g. a backend of your own without the FastAPI one). */
        public Builder packs(TemplatePacks packs) { this.packs = Objects.requireNonNull(packs, "packs"); return this; }

        /** Replaces the engine's agents (the {@link #packs(TemplatePacks) packs} then only validate the specs of requests). */
        public Builder agents(List<Agent> agents) { this.agents = List.copyOf(agents); return this; }

        /**
         * A ready pipeline instead of one assembled here (its store, agents and executor are used as they
         * are); it cannot be combined with the settings it replaces. Not closed by {@link Autonoma#close()}. The
         * {@link #packs(TemplatePacks) packs} then only validate the specs of requests: the pipeline's own agents render.
         */
        public Builder pipeline(Pipeline pipeline) { this.pipeline = pipeline; return this; }

        /** Receives the events of every run. */
        public Builder listener(GenerationListener listener) { listeners.add(Objects.requireNonNull(listener, "listener")); return this; }

        /**
         * Adds the verify stage ({@link VerifyAgent}) after every other agent: the app's own checks run on the files of
         * each run with {@code verifier}; results are {@code CheckFinished} events and the agent's output. The engine gets
         * the verifier too ({@link EngineContext#verifier()}): the LLM engine runs the checks on the model's code and
         * sends their failures back to the model. Default none.
         */
        public Builder verify(Verifier verifier) { this.verifier = Objects.requireNonNull(verifier, "verifier"); return this; }

        /** What reads change requests for {@link Autonoma#change}; default the engine's. */
        public Builder changeReader(ChangeReader reader) { this.changeReader = Objects.requireNonNull(reader, "reader"); return this; }

        /** Limit for one attempt of one agent; default 10 minutes. */
        public Builder agentTimeout(Duration timeout) { this.agentTimeout = timeout; return this; }

        /**
         * @throws IllegalArgumentException when settings contradict each other (an engine and a chat model,
         *     an index and an embedding model, a ready pipeline and what it replaces), the budget is null
         *     or the prompt limit is below 10
         * @throws AutonomaException when {@link #chatModel} is set and autonoma-llm is not on the class path
         */
        public Autonoma build() {
            if (engine != null && chatModel != null) {
                throw new IllegalArgumentException("give either an engine or a chat model, not both");
            }
            if (index != null && embeddingModel != null) {
                throw new IllegalArgumentException("give either a template index or an embedding model for the default index, not both");
            }
            if (pipeline != null && (store != null || agents != null || executor != null || runs != null || !listeners.isEmpty()
                    || verifier != null)) {
                throw new IllegalArgumentException("a ready pipeline brings its own store, agents, executor, checkpoints, listeners "
                        + "and verify stage; "
                        + "set them on the pipeline, not on Autonoma.builder()");
            }
            if (maxPromptChars < 10) {
                throw new IllegalArgumentException("maxPromptChars must be at least 10, was " + maxPromptChars);
            }
            Objects.requireNonNull(budget, "budget");
            Engine e = engine != null ? engine : chatModel != null ? llmEngine(chatModel) : Engine.offline();
            TemplateIndex idx = index != null ? index
                    : embeddingModel != null ? DefaultTemplateIndex.lazy(embeddingModel) : DefaultTemplateIndex.lazy(semanticSearch);
            if (pipeline != null) {
                return new Autonoma(this, pipeline, false, e, idx, packs);
            }
            try {
                List<Agent> all = new ArrayList<>(agents != null ? agents : e.agents(new EngineContext(offlineAgents(idx, packs), idx, packs, Optional.ofNullable(verifier))));
                if (verifier != null) {
                    all.add(new VerifyAgent(all.stream().map(a -> AgentId.of(a.name())).toList(), verifier));
                }
                DefaultPipeline.Builder b = DefaultPipeline.builder()
                        .store(store != null ? store : new InMemoryArtifactStore())
                        .agents(all)
                        .agentTimeout(agentTimeout)
                        .executor(executor);
                if (runs != null) {
                    b.checkpoints(runs.checkpoints());
                }
                listeners.forEach(b::listener);
                return new Autonoma(this, b.build(), true, e, idx, packs);
            } catch (RuntimeException failed) {
                if (chatModel != null) {
                    e.close(); // made here: nobody else can
                }
                throw failed;
            }
        }

        private static Engine llmEngine(ChatModel model) {
            for (ChatModelEngineProvider p : ServiceLoader.load(ChatModelEngineProvider.class, Autonoma.class.getClassLoader())) {
                return p.engine(model);
            }
            throw new AutonomaException("Autonoma.builder().chatModel(...) needs the LLM engine: add the dependency "
                    + "io.autonoma:autonoma-llm (it registers a ChatModelEngineProvider)");
        }
    }
}
