package io.autonoma.spring.generation;

import io.autonoma.core.AutonomaException;

/** {@link Generations#start} refused a run because the configured number of runs is already in progress. */
public class TooManyRunsException extends AutonomaException {
    public TooManyRunsException(int limit) {
        super(limit + " generations are already running (autonoma.api.max-concurrent-runs); try again when one has finished");
    }
}
