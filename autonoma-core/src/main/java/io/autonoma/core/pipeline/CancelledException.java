package io.autonoma.core.pipeline;

import io.autonoma.core.AutonomaException;

/** The run was cancelled before this work finished. */
public class CancelledException extends AutonomaException {
    public CancelledException(String message) {
        super(message);
    }
}
