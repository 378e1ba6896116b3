package io.autonoma.spring;

import io.autonoma.agents.Autonoma;
import io.autonoma.core.AutonomaException;
import io.autonoma.spring.generation.GenerationQueue;
import io.autonoma.spring.jobs.GenerationJobs;
import io.autonoma.spring.jobs.JobMetrics;
import io.autonoma.store.PostgresArtifactStore;
import io.autonoma.store.PostgresJobs;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code autonoma.jobs.enabled=true}: generations become {@link GenerationJobs} shared by every instance on the
 * application's PostgreSQL ({@code autonoma.jobs.*}, per-user {@code autonoma.quotas.*}), with Micrometer meters when a
 * registry exists ({@link JobMetrics}).
 */
abstract class JobsConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "autonoma.jobs.enabled")
    @ConditionalOnClass(name = {"com.github.kagkarlsson.scheduler.Scheduler", "io.autonoma.store.PostgresJobs"})
    @ConditionalOnBean(DataSource.class)
    static class Enabled {
        @Bean(initMethod = "start", destroyMethod = "close")
        @ConditionalOnMissingBean(GenerationQueue.class)
        GenerationJobs autonomaGenerationJobs(Autonoma autonoma, DataSource dataSource, AutonomaProperties properties) {
            if (!(autonoma.pipeline().store() instanceof PostgresArtifactStore)) {
                throw new AutonomaException("autonoma.jobs.enabled=true needs the PostgreSQL store, so that every instance serves "
                        + "every project's files: leave autonoma.store.type unset (or postgres), not "
                        + autonoma.pipeline().store().getClass().getSimpleName());
            }
            AutonomaProperties.Jobs j = properties.getJobs();
            AutonomaProperties.Quotas q = properties.getQuotas();
            long costMicros = q.getMaxCostPerDayUsd() == null ? 0
                    : q.getMaxCostPerDayUsd().multiply(BigDecimal.valueOf(1_000_000)).longValue();
            GenerationJobs.Builder b = GenerationJobs.builder()
                    .autonoma(autonoma)
                    .dataSource(dataSource)
                    .storeOwnerId(properties.getStore().getOwnerId())
                    .limits(new PostgresJobs.Limits(q.getMaxConcurrentRuns(), q.getMaxTokensPerDay(), costMicros))
                    .retryAfter(q.getRetryAfter())
                    .threads(j.getThreads())
                    .pollingInterval(j.getPollingInterval())
                    .heartbeat(j.getHeartbeat())
                    .missedHeartbeats(j.getMissedHeartbeats())
                    .shutdownWait(j.getShutdownWait());
            if (j.getInstance() != null && !j.getInstance().isBlank()) {
                b.instance(j.getInstance());
            }
            return b.build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "autonoma.jobs.enabled")
    @ConditionalOnClass(name = {"com.github.kagkarlsson.scheduler.Scheduler", "io.autonoma.store.PostgresJobs",
            "io.micrometer.core.instrument.MeterRegistry"})
    @ConditionalOnBean({GenerationJobs.class, MeterRegistry.class})
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        JobMetrics autonomaJobMetrics(GenerationJobs jobs, MeterRegistry registry) {
            return JobMetrics.bind(jobs, registry);
        }
    }

    /** {@code autonoma.jobs.enabled=true} without what it needs: fail at startup saying what is missing. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "autonoma.jobs.enabled")
    static class Missing {
        @Bean
        @ConditionalOnMissingBean(GenerationQueue.class)
        GenerationQueue autonomaGenerationJobs(ObjectProvider<DataSource> dataSource) {
            throw new AutonomaException("autonoma.jobs.enabled=true needs com.github.kagkarlsson:db-scheduler and "
                    + "io.autonoma:autonoma-store on the class path and a PostgreSQL DataSource (spring.datasource.url); "
                    + (dataSource.getIfAvailable() == null ? "no DataSource bean was found" : "a class is missing")
                    + " — add them, or set autonoma.jobs.enabled=false");
        }
    }
}
