package io.autonoma.spring.preview;

import java.time.Instant;
import java.util.List;

/**
 * Where the preview of a project stands, as {@code GET /api/generations/{id}/preview} answers it.
 *
 * @param projectId the project previewed
 * @param state {@code preparing} (its files exported, dependencies being installed), {@code starting} (processes up,
 *     not answering yet), {@code running} (answering), {@code failed} (see {@code reason}) or {@code stopped}
 * @param ready the frontend answers HTTP (any status below 500) and the backend's {@code /health} answers 200
 * @param url where the app is seen (the frontend), {@code http://127.0.0.1:<port>/}; null while preparing
 * @param backendUrl the backend, {@code http://127.0.0.1:<port>}; null while preparing or when there is none
 * @param reason why it failed or stopped (the installer's error, "backend exited with code 1", "idle for 600 s"); null otherwise
 * @param startedAt when this preview was asked for
 * @param logs its last log lines, oldest first, each {@code [source] line}
 */
public record PreviewStatus(String projectId, String state, boolean ready, String url, String backendUrl, String reason,
                            Instant startedAt, List<String> logs) {
    public static final String PREPARING = "preparing";
    public static final String STARTING = "starting";
    public static final String RUNNING = "running";
    public static final String FAILED = "failed";
    public static final String STOPPED = "stopped";

    public PreviewStatus {
        logs = List.copyOf(logs);
    }

    /** Failed or stopped: nothing more will happen to it. */
    public boolean ended() {
        return state.equals(FAILED) || state.equals(STOPPED);
    }
}
