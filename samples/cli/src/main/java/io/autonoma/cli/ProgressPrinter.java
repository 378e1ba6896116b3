package io.autonoma.cli;

import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationListener;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Prints one line per agent step: plain text that reads well in a terminal and in CI logs. */
final class ProgressPrinter implements GenerationListener {
    private final PrintWriter out;
    private final boolean quiet;
    private final Map<String, AtomicInteger> files = new ConcurrentHashMap<>();
    private volatile int total;
    private final AtomicInteger done = new AtomicInteger();
    private final long start = System.nanoTime();

    ProgressPrinter(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    @Override
    public synchronized void onEvent(GenerationEvent event) {
        if (quiet) {
            return;
        }
        if (event instanceof GenerationEvent.RunStarted e) {
            total = e.agents().size();
            line("run", "started with " + total + " agents: " + String.join(", ", e.agents()));
        } else if (event instanceof GenerationEvent.AgentStarted e) {
            line(e.agent(), e.attempt() > 1 ? "retrying (attempt " + e.attempt() + ")" : "started");
        } else if (event instanceof GenerationEvent.ArtifactWritten e) {
            files.computeIfAbsent(e.agent(), k -> new AtomicInteger()).incrementAndGet();
        } else if (event instanceof GenerationEvent.AgentLog e) {
            line(e.agent(), e.message());
        } else if (event instanceof GenerationEvent.AgentFinished e) {
            int n = files.getOrDefault(e.agent(), new AtomicInteger()).get();
            line(e.agent(), String.format("done%s (%d files, %d ms)  [%d/%d]",
                    e.summary().isBlank() ? "" : ": " + e.summary(), n, e.durationMillis(), done.incrementAndGet(), total));
        } else if (event instanceof GenerationEvent.AgentFailed e) {
            line(e.agent(), "FAILED: " + e.error() + (e.willRetry() ? " (will retry)" : ""));
        } else if (event instanceof GenerationEvent.CheckFinished e) {
            line(e.agent(), String.format("%s %s%s (%.1f s)", e.check(), e.status().replace('_', ' '),
                    e.counts().isEmpty() ? "" : ", " + e.counts(), e.durationMillis() / 1000.0));
        } else if (event instanceof GenerationEvent.ValidationReport e) {
            line(e.agent(), e.tool() + (e.passed() ? " passed" : " found " + e.problems().size() + " problems"));
        } else if (event instanceof GenerationEvent.RunFinished e) {
            line("run", e.status() + (e.message().isBlank() ? "" : ": " + e.message()));
        }
        out.flush();
    }

    private void line(String who, String what) {
        out.printf("[%6.1fs] %-13s %s%n", (System.nanoTime() - start) / 1e9, who, what);
    }
}
