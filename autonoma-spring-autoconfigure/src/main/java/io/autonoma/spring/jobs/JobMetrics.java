package io.autonoma.spring.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters of {@link GenerationJobs}, per instance:
 * <ul>
 *   <li>{@code autonoma.jobs.queued} gauge: jobs waiting for an instance (all instances; read at most once a second);</li>
 *   <li>{@code autonoma.jobs.running} gauge: jobs running on this instance; {@code autonoma.jobs.threads}: its workers;</li>
 *   <li>{@code autonoma.jobs.wait} timer: time from submission to a job's first start here;</li>
 *   <li>{@code autonoma.jobs.duration} timer, tag {@code status}: how long jobs ran here;</li>
 *   <li>{@code autonoma.jobs.revived} counter: jobs this instance took over from a dead one.</li>
 * </ul>
 */
public final class JobMetrics implements GenerationJobs.Observer {
    private final MeterRegistry registry;
    private final Timer wait;
    private final Counter revived;

    private JobMetrics(GenerationJobs jobs, MeterRegistry registry) {
        this.registry = registry;
        this.wait = Timer.builder("autonoma.jobs.wait").description("Time from a job's submission to its first start").register(registry);
        this.revived = Counter.builder("autonoma.jobs.revived").description("Jobs taken over from an instance that died").register(registry);
        QueueDepth depth = new QueueDepth(jobs);
        Gauge.builder("autonoma.jobs.queued", depth, QueueDepth::get).description("Jobs waiting for an instance").register(registry);
        Gauge.builder("autonoma.jobs.running", jobs, GenerationJobs::runningHere).description("Jobs running on this instance").register(registry);
        Gauge.builder("autonoma.jobs.threads", jobs, GenerationJobs::threads).description("Jobs this instance runs at once").register(registry);
    }

    /** Registers the meters and observes {@code jobs}. */
    public static JobMetrics bind(GenerationJobs jobs, MeterRegistry registry) {
        JobMetrics m = new JobMetrics(jobs, registry);
        jobs.observe(m);
        return m;
    }

    @Override
    public void started(String runId, Duration waited, int start) {
        if (start == 1) {
            wait.record(waited);
        } else {
            revived.increment();
        }
    }

    @Override
    public void finished(String runId, String status, Duration took) {
        Timer.builder("autonoma.jobs.duration").description("How long jobs ran on this instance").tag("status", status)
                .register(registry).record(took);
    }

    /** The queue depth, read from the database at most once a second (a scrape must not load it). */
    private static final class QueueDepth {
        private final GenerationJobs jobs;
        private final AtomicLong readAt = new AtomicLong();
        private volatile double value;

        QueueDepth(GenerationJobs jobs) {
            this.jobs = jobs;
        }

        double get() {
            long now = System.nanoTime();
            long last = readAt.get();
            if ((last == 0 || now - last > 1_000_000_000L) && readAt.compareAndSet(last, now)) {
                try {
                    value = jobs.queued();
                } catch (RuntimeException e) {
                    value = Double.NaN;
                }
            }
            return value;
        }
    }
}
