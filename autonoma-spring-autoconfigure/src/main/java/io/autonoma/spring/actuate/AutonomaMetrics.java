package io.autonoma.spring.actuate;

import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.core.pipeline.GenerationResult;
import io.autonoma.spring.generation.RunResultListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Micrometer meters for Autonoma runs:
 * <ul>
 *   <li>{@code autonoma.runs} counter, tag {@code status} (succeeded, failed, cancelled);</li>
 *   <li>{@code autonoma.agent.duration} timer, tag {@code agent}: successful agent attempts;</li>
 *   <li>{@code autonoma.agent.failures} counter, tags {@code agent} and {@code retried} (true when the
 *       pipeline tries again);</li>
 *   <li>{@code autonoma.tokens} counter: model tokens spent by runs started through
 *       {@link io.autonoma.spring.generation.Generations} (the events carry no token counts).</li>
 * </ul>
 * As a {@link GenerationListener} bean it is attached to the auto-configured pipeline.
 */
public final class AutonomaMetrics implements GenerationListener, RunResultListener {
    private final MeterRegistry registry;
    private final Counter tokens;

    public AutonomaMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.tokens = Counter.builder("autonoma.tokens").description("Model tokens spent by Autonoma runs")
                .baseUnit("tokens").register(registry);
    }

    @Override
    public void onEvent(GenerationEvent event) {
        if (event instanceof GenerationEvent.RunFinished e) {
            Counter.builder("autonoma.runs").description("Autonoma runs that ended, by status")
                    .tag("status", e.status()).register(registry).increment();
        } else if (event instanceof GenerationEvent.AgentFinished e) {
            Timer.builder("autonoma.agent.duration").description("Time an agent took for a successful attempt")
                    .tag("agent", e.agent()).register(registry).record(Duration.ofMillis(e.durationMillis()));
        } else if (event instanceof GenerationEvent.AgentFailed e) {
            Counter.builder("autonoma.agent.failures").description("Failed agent attempts")
                    .tag("agent", e.agent()).tag("retried", Boolean.toString(e.willRetry()))
                    .register(registry).increment();
        }
    }

    @Override
    public void onResult(GenerationResult result) {
        if (result.tokensSpent() > 0) {
            tokens.increment(result.tokensSpent());
        }
    }
}
