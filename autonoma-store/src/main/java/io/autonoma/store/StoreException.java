package io.autonoma.store;

import io.autonoma.core.AutonomaException;

/** A database failure in autonoma-store; the message says what was being done and what to check. */
public class StoreException extends AutonomaException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
