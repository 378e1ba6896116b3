package io.autonoma.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import io.autonoma.core.pipeline.GenerationEvent.AgentFailed;
import io.autonoma.core.pipeline.GenerationEvent.AgentFinished;
import io.autonoma.core.pipeline.GenerationEvent.RunFinished;
import io.autonoma.core.pipeline.GenerationResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AutonomaMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AutonomaMetrics metrics = new AutonomaMetrics(registry);
    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void counts_runs_by_status() {
        metrics.onEvent(new RunFinished("r1", 9, now, "succeeded", "", 100));
        metrics.onEvent(new RunFinished("r2", 9, now, "succeeded", "", 100));
        metrics.onEvent(new RunFinished("r3", 9, now, "failed", "agent 'x' failed: boom", 100));
        assertThat(registry.get("autonoma.runs").tag("status", "succeeded").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("autonoma.runs").tag("status", "failed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void times_agents_by_name() {
        metrics.onEvent(new AgentFinished("r1", 3, now, "backend", "12 files", 250));
        metrics.onEvent(new AgentFinished("r2", 3, now, "backend", "12 files", 750));
        var timer = registry.get("autonoma.agent.duration").tag("agent", "backend").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1000.0);
    }

    @Test
    void counts_agent_failures_with_whether_they_were_retried() {
        metrics.onEvent(new AgentFailed("r1", 4, now, "frontend", "429", 1, true));
        metrics.onEvent(new AgentFailed("r1", 6, now, "frontend", "429", 2, false));
        assertThat(registry.get("autonoma.agent.failures").tag("agent", "frontend").tag("retried", "true").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("autonoma.agent.failures").tag("agent", "frontend").tag("retried", "false").counter().count()).isEqualTo(1.0);
    }

    @Test
    void counts_tokens_from_results() {
        metrics.onResult(result(1200));
        metrics.onResult(result(0));
        metrics.onResult(result(300));
        assertThat(registry.get("autonoma.tokens").counter().count()).isEqualTo(1500.0);
    }

    private static GenerationResult result(long tokens) {
        return new GenerationResult("r", "p", GenerationResult.Status.SUCCEEDED, Optional.empty(), List.of(), Map.of(),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(1), tokens, 0);
    }
}
