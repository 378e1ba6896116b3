package io.autonoma.agents.preview;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** One running (or ended) preview of {@link PreviewSupervisor}. Thread-safe. */
public final class Preview {

    /** {@code RUNNING} until stopped on purpose ({@code STOPPED}) or one of its processes ended by itself ({@code FAILED}). */
    public enum State { RUNNING, STOPPED, FAILED }

    private final String id;
    private final String projectId;
    private final String url;
    private final Map<String, Integer> ports;
    private final Instant startedAt;
    private final int maxLogLines;
    private final ArrayDeque<String> logs = new ArrayDeque<>();
    private final List<Consumer<String>> subscribers = new CopyOnWriteArrayList<>();
    private State state = State.RUNNING;
    private String reason = "";
    private volatile long lastActivity;

    Preview(String id, String projectId, String url, Map<String, Integer> ports, Instant startedAt, int maxLogLines, long now) {
        this.id = id;
        this.projectId = projectId;
        this.url = url;
        this.ports = Map.copyOf(ports);
        this.startedAt = startedAt;
        this.maxLogLines = maxLogLines;
        this.lastActivity = now;
    }

    public String id() { return id; }

    public String projectId() { return projectId; }

    /** Where the app is seen, e.g. {@code http://127.0.0.1:41234/}. */
    public String url() { return url; }

    public Map<String, Integer> ports() { return ports; }

    public Instant startedAt() { return startedAt; }

    public synchronized State state() { return state; }

    /** Why it ended ("idle for 600 s", "backend exited with code 1", "stopped by the user"); empty while running. */
    public synchronized String reason() { return reason; }

    /** The last log lines of its processes, each {@code [name] line}, oldest first. */
    public synchronized List<String> logs() { return List.copyOf(logs); }

    /** Delivers the lines logged so far, then each new one; the returned handle stops delivery. Must not block. */
    public synchronized Runnable subscribe(Consumer<String> consumer) {
        logs.forEach(consumer);
        subscribers.add(consumer);
        return () -> subscribers.remove(consumer);
    }

    synchronized void log(String line) {
        if (logs.size() == maxLogLines) logs.removeFirst();
        logs.addLast(line);
        subscribers.forEach(s -> s.accept(line));
    }

    /** Ends it (once); returns false when it had ended already. */
    synchronized boolean end(State how, String why) {
        if (state != State.RUNNING) return false;
        state = how;
        reason = why;
        return true;
    }

    void touch(long now) { lastActivity = now; }

    long lastActivity() { return lastActivity; }
}
