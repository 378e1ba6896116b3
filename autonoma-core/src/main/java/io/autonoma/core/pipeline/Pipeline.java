package io.autonoma.core.pipeline;

import io.autonoma.core.artifact.ArtifactStore;
import java.util.List;

/**
 * A DAG of {@link Agent}s. Agents whose dependencies have finished run in parallel. Build with
 * {@code DefaultPipeline.builder()}; cycles and unknown dependency names are rejected by {@code build()}.
 */
public interface Pipeline {

    /** Starts a run; files go to {@link #store()} under the request's project id. Never returns null. */
    RunHandle run(GenerationRequest request, GenerationListener listener);

    default RunHandle run(GenerationRequest request) {
        return run(request, e -> {});
    }

    /** Runs and waits for the result. */
    default GenerationResult generate(GenerationRequest request) {
        return run(request).await();
    }

    /** The agents, in a topological order. */
    List<Agent> agents();

    ArtifactStore store();
}
