package io.autonoma.spring.generation;

import io.autonoma.core.pipeline.GenerationResult;

/**
 * Told about the result of every run started through {@link Generations}. Beans of this type are
 * picked up by the auto-configuration. Called on a pipeline thread; an exception is logged and ignored.
 */
@FunctionalInterface
public interface RunResultListener {
    void onResult(GenerationResult result);
}
