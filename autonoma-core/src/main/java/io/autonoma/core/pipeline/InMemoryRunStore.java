package io.autonoma.core.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory reference {@link RunStore}: resumes runs within one JVM (tests, a retry after a
 * failed run). Keeps every recorded request and checkpoint until {@link #forget(String)}.
 */
public final class InMemoryRunStore implements RunStore {
    private final Map<String, GenerationRequest> requests = new LinkedHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final GenerationListener listener = event -> {
        if (event instanceof GenerationEvent.RunStarted) {
            finished.remove(event.runId());
        } else if (event instanceof GenerationEvent.RunFinished) {
            finished.add(event.runId());
        }
    };

    @Override
    public synchronized void started(String runId, GenerationRequest request) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(request, "request");
        requests.computeIfAbsent(runId, id -> request.toBuilder().budget(Budget.unlimited()).option(CheckpointStore.RUN_ID_OPTION, id).build());
    }

    @Override
    public synchronized Optional<GenerationRequest> request(String runId) {
        Objects.requireNonNull(runId, "runId");
        return Optional.ofNullable(requests.get(runId));
    }

    @Override
    public synchronized List<String> unfinished() {
        List<String> out = new ArrayList<>();
        for (String id : requests.keySet()) {
            if (!finished.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    @Override
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    @Override
    public GenerationListener listener() {
        return listener;
    }

    /** Forgets a run: its request and its checkpoints. */
    public synchronized void forget(String runId) {
        requests.remove(runId);
        finished.remove(runId);
        checkpoints.clear(runId);
    }
}
