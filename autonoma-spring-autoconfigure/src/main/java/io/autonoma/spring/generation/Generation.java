package io.autonoma.spring.generation;

import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.core.pipeline.RunHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One run started through {@link Generations}: its events so far (for replay), the state of each
 * agent, and the result once it has ended. Thread-safe. For a generation the id is also the project id in the
 * store; a change ({@link Generations#change}) is a run of its own whose {@link #projectId()} is the project it changed.
 */
public final class Generation {

    /** Overall state; {@code RUNNING} until {@code RunFinished}. */
    public enum Status { RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** What one agent is doing. */
    public enum AgentStatus { PENDING, RUNNING, RETRYING, DONE, FAILED, CANCELLED }

    /** A snapshot of one agent. {@code durationMillis} is 0 until it is done. */
    public record AgentState(String name, AgentStatus status, int attempt, long durationMillis, String summary, String error) {}

    private final String id;
    private final String projectId;
    private final Instant createdAt;
    private final String source;
    private final String promptNote;
    private final List<GenerationEvent> events = new ArrayList<>();
    private final Map<String, AgentState> agents = new LinkedHashMap<>();
    private final Set<String> paths = new TreeSet<>();
    private final List<Consumer<GenerationEvent>> subscribers = new CopyOnWriteArrayList<>();
    private volatile RunHandle handle;
    private volatile java.util.function.BooleanSupplier canceller;
    private volatile GenerationResult result;
    private Status status = Status.RUNNING;
    private String message = "";

    private final String owner;

    Generation(String id, String owner, Instant createdAt, String source, String promptNote) {
        this(id, id, owner, createdAt, source, promptNote);
    }

    Generation(String id, String projectId, String owner, Instant createdAt, String source, String promptNote) {
        this.id = id;
        this.owner = owner;
        this.projectId = projectId;
        this.createdAt = createdAt;
        this.source = source;
        this.promptNote = promptNote == null ? "" : promptNote;
    }

    public String id() { return id; }

    /**
     * The project id in the store: the same as {@link #id()} for a generation; for a change, the project it changed
     * (its files are that project's files).
     */
    public String projectId() { return projectId; }

    public Instant createdAt() { return createdAt; }

    /** Who started it: the authenticated user's name, or {@link Generations#ANONYMOUS} when the API is not secured. */
    public String owner() { return owner; }

    /** {@code "prompt"} or {@code "spec"} for a generation, {@code "change"} for a change of a project. */
    public String source() { return source; }

    /** What {@link io.autonoma.core.guard.PromptGuard} removed from the prompt, e.g. "removed code fences from the prompt"; empty when nothing. */
    public String promptNote() { return promptNote; }

    public synchronized Status status() { return status; }

    /** The error (failed), the reason (cancelled) or empty. */
    public synchronized String message() { return message; }

    public synchronized List<AgentState> agents() { return List.copyOf(agents.values()); }

    /** Paths written so far, or every file of the result once the run has ended. */
    public synchronized List<String> files() {
        GenerationResult r = result;
        return r != null && !r.files().isEmpty() ? r.files() : List.copyOf(paths);
    }

    public synchronized List<GenerationEvent> events() { return List.copyOf(events); }

    public Optional<GenerationResult> result() { return Optional.ofNullable(result); }

    public synchronized boolean finished() { return status != Status.RUNNING; }

    /** Asks the run to stop; returns false when it had already ended. */
    public boolean cancel() {
        if (finished()) return false;
        RunHandle h = handle;
        if (h != null) {
            h.cancel();
            return true;
        }
        java.util.function.BooleanSupplier c = canceller;
        return c != null && c.getAsBoolean();
    }

    /**
     * A generation whose run executes elsewhere (another instance, through a shared store): what feeds it its events,
     * in order and with {@code seq} numbering the run's whole stream, and ends it. {@code canceller} asks the run to
     * stop and says whether it was still going.
     */
    public static Replica replica(String id, String owner, Instant createdAt, String source, String promptNote,
                                  java.util.function.BooleanSupplier canceller) {
        Generation g = new Generation(id, owner, createdAt, source, promptNote);
        g.canceller = canceller;
        return new Replica(g);
    }

    /** Feeds a {@link #replica}. */
    public static final class Replica {
        private final Generation generation;

        private Replica(Generation generation) {
            this.generation = generation;
        }

        public Generation generation() { return generation; }

        /** Delivers the next event of the run (ignored once the generation has ended). */
        public void accept(GenerationEvent event) {
            synchronized (generation) {
                if (generation.result == null) {
                    generation.onEvent(event);
                }
            }
        }

        /** Ends the generation with the run's result. */
        public void finish(GenerationResult result) {
            generation.finish(result);
        }
    }

    /**
     * Delivers every event with {@code seq > afterSeq} recorded so far, then every later event as it
     * happens, in order and without gaps or duplicates. {@code consumer} must not block (it runs under
     * this generation's lock); hand work to another thread. Returns a handle that stops live delivery.
     */
    public synchronized Runnable subscribe(long afterSeq, Consumer<GenerationEvent> consumer) {
        for (GenerationEvent e : events) {
            if (e.seq() > afterSeq) consumer.accept(e);
        }
        subscribers.add(consumer);
        return () -> subscribers.remove(consumer);
    }

    void attach(RunHandle handle) {
        this.handle = handle;
    }

    synchronized void onEvent(GenerationEvent event) {
        events.add(event);
        if (event instanceof GenerationEvent.RunStarted e) {
            e.agents().forEach(a -> agents.putIfAbsent(a, new AgentState(a, AgentStatus.PENDING, 0, 0, "", "")));
        } else if (event instanceof GenerationEvent.AgentStarted e) {
            agents.put(e.agent(), new AgentState(e.agent(), AgentStatus.RUNNING, e.attempt(), 0, "", ""));
        } else if (event instanceof GenerationEvent.AgentFinished e) {
            agents.put(e.agent(), new AgentState(e.agent(), AgentStatus.DONE, attempt(e.agent()), e.durationMillis(), e.summary(), ""));
        } else if (event instanceof GenerationEvent.AgentFailed e) {
            agents.put(e.agent(), new AgentState(e.agent(), e.willRetry() ? AgentStatus.RETRYING : AgentStatus.FAILED,
                    e.attempt(), 0, "", e.error()));
        } else if (event instanceof GenerationEvent.ArtifactWritten e) {
            paths.add(e.path());
        } else if (event instanceof GenerationEvent.RunFinished e) {
            status = switch (e.status()) {
                case "succeeded" -> Status.SUCCEEDED;
                case "cancelled" -> Status.CANCELLED;
                default -> Status.FAILED;
            };
            message = e.message() == null ? "" : e.message();
            if (status == Status.CANCELLED) {
                // agents stopped by the cancellation (still running, or failed with the cancellation) show as cancelled
                agents.replaceAll((k, a) -> a.status() == AgentStatus.RUNNING || a.status() == AgentStatus.RETRYING
                        || (a.status() == AgentStatus.FAILED && a.error().toLowerCase(java.util.Locale.ROOT).contains("cancel"))
                        ? new AgentState(a.name(), AgentStatus.CANCELLED, a.attempt(), 0, "", "") : a);
            }
        }
        for (Consumer<GenerationEvent> s : subscribers) {
            s.accept(event);
        }
    }

    synchronized void finish(GenerationResult r) {
        this.result = r;
        if (status == Status.RUNNING) { // a pipeline that never published RunFinished
            status = switch (r.status()) {
                case SUCCEEDED -> Status.SUCCEEDED;
                case CANCELLED -> Status.CANCELLED;
                case FAILED -> Status.FAILED;
            };
            message = r.error().orElse("");
        }
        if (message.isEmpty() && r.error().isPresent()) {
            message = r.error().get();
        }
    }

    private int attempt(String agent) {
        AgentState a = agents.get(agent);
        return a == null ? 1 : Math.max(1, a.attempt());
    }
}
