package io.autonoma.agents.pack;

import io.autonoma.core.AutonomaException;

/**
 * A template pack that cannot be used: its manifest is missing or malformed, a template it names is not on the
 * class path, a rendered path is unsafe, or the pack's descriptor contradicts itself. The message names the pack,
 * the manifest line when there is one, and what to fix.
 */
public class InvalidPackException extends AutonomaException {
    public InvalidPackException(String message) {
        super(message);
    }

    public InvalidPackException(String message, Throwable cause) {
        super(message, cause);
    }
}
