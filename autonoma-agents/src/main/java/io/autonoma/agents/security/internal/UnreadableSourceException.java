package io.autonoma.agents.security.internal;

/** The review's reader could not make sense of a source file; the review treats that as a finding. */
public final class UnreadableSourceException extends Exception {
    private final int line;

    public UnreadableSourceException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
    }

    /** The 1-based line where reading failed. */
    public int line() {
        return line;
    }
}
