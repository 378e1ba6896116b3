package io.autonoma.core;

/** Base of every error Autonoma raises on purpose. Messages say what was wrong and what to do. */
public class AutonomaException extends RuntimeException {
    public AutonomaException(String message) {
        super(message);
    }

    public AutonomaException(String message, Throwable cause) {
        super(message, cause);
    }
}
