package io.autonoma.agents.verify;

import io.autonoma.core.AutonomaException;

/**
 * A sandbox cannot run commands on this machine (a tool it needs is missing, or a required isolation is not allowed
 * by the kernel); nothing was run. A verify stage reports such a run as "not verified", never as a pass.
 */
public final class SandboxUnavailableException extends AutonomaException {
    public SandboxUnavailableException(String message) {
        super(message);
    }
}
