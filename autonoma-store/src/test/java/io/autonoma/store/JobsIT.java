package io.autonoma.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PostgresJobs: admission against quotas (serialised per user across connections), start, end, usage, cancel. */
class JobsIT {
    private static final String TASK = "jobs-it";
    private final Jdbi jdbi = Jdbi.create(PgTest.dataSource());
    private final PostgresJobs jobs = PostgresJobs.create(PgTest.dataSource());
    private String user;

    @BeforeEach
    void setUp() {
        user = "user-" + UUID.randomUUID();
    }

    /** The queue is shared with every scheduler on this database (e.g. ServiceIT's): leave no task it cannot run. */
    @org.junit.jupiter.api.AfterEach
    void removeTasks() {
        jdbi.useHandle(h -> h.execute("DELETE FROM autonoma_scheduled_tasks WHERE task_name = ?", TASK));
    }

    private Optional<PostgresJobs.Rejection> submit(String run, PostgresJobs.Limits limits) {
        return jobs.submit(run, user, "prompt", "", TASK, limits, Duration.ofSeconds(7), null);
    }

    private int queuedTasks(String run) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM autonoma_scheduled_tasks WHERE task_name = :t AND task_instance = :r")
                .bind("t", TASK).bind("r", run).mapTo(Integer.class).one());
    }

    @Test
    void a_job_is_queued_with_its_task_started_and_ended_once_and_its_usage_counted() {
        String run = UUID.randomUUID().toString();
        assertThat(submit(run, PostgresJobs.Limits.NONE)).isEmpty();
        assertThat(queuedTasks(run)).isEqualTo(1);
        assertThat(jobs.find(run)).get().extracting(PostgresJobs.Job::status, PostgresJobs.Job::owner).containsExactly("queued", user);

        assertThat(jobs.started(run, "A")).get().extracting(PostgresJobs.Job::status, PostgresJobs.Job::starts).containsExactly("running", 1);
        assertThat(jobs.started(run, "B")).get().extracting(PostgresJobs.Job::instance, PostgresJobs.Job::starts).containsExactly("B", 2);
        assertThat(jobs.finished(run, "succeeded", "", 1200, 3400)).isTrue();
        assertThat(jobs.finished(run, "failed", "again", 1200, 3400)).as("a job ends once").isFalse();
        assertThat(jobs.started(run, "C")).as("an ended job does not run again").isEmpty();
        assertThat(jobs.usageToday(user)).isEqualTo(new PostgresJobs.Usage(1200, 3400));
        assertThat(jobs.find(run).orElseThrow().status()).isEqualTo("succeeded");
    }

    @Test
    void a_user_at_the_concurrent_limit_is_rejected_with_the_configured_wait_even_when_submissions_race() throws Exception {
        PostgresJobs.Limits two = new PostgresJobs.Limits(2, 0, 0);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Optional<PostgresJobs.Rejection>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                Callable<Optional<PostgresJobs.Rejection>> c = () -> submit(UUID.randomUUID().toString(), two);
                answers.add(pool.submit(c));
            }
            int admitted = 0;
            for (Future<Optional<PostgresJobs.Rejection>> f : answers) {
                Optional<PostgresJobs.Rejection> r = f.get();
                if (r.isEmpty()) {
                    admitted++;
                } else {
                    assertThat(r.get().retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(r.get().reason()).contains("2 generation(s) queued or running");
                }
            }
            assertThat(admitted).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        // another user is not affected
        String other = UUID.randomUUID().toString();
        assertThat(jobs.submit(other, "someone-else-" + UUID.randomUUID(), "prompt", "", TASK, two, Duration.ofSeconds(7), null)).isEmpty();
    }

    @Test
    void the_daily_token_limit_rejects_until_midnight_utc() {
        String run = UUID.randomUUID().toString();
        PostgresJobs.Limits tokens = new PostgresJobs.Limits(0, 1000, 0);
        assertThat(submit(run, tokens)).isEmpty();
        jobs.started(run, "A");
        jobs.finished(run, "succeeded", "", 1000, 0);

        Optional<PostgresJobs.Rejection> r = submit(UUID.randomUUID().toString(), tokens);
        assertThat(r).isPresent();
        assertThat(r.get().reason()).contains("1000 model tokens today");
        assertThat(r.get().retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofDays(1));
    }

    @Test
    void cancelling_a_waiting_job_takes_it_off_the_queue_and_a_running_one_is_flagged() {
        String waiting = UUID.randomUUID().toString();
        submit(waiting, PostgresJobs.Limits.NONE);
        assertThat(jobs.cancel(waiting, TASK)).isEqualTo(PostgresJobs.Cancel.CANCELLED_WHILE_QUEUED);
        assertThat(queuedTasks(waiting)).isZero();
        assertThat(jobs.find(waiting).orElseThrow().status()).isEqualTo("cancelled");
        assertThat(jobs.cancel(waiting, TASK)).isEqualTo(PostgresJobs.Cancel.ALREADY_ENDED);

        String running = UUID.randomUUID().toString();
        submit(running, PostgresJobs.Limits.NONE);
        jdbi.useHandle(h -> h.execute("UPDATE autonoma_scheduled_tasks SET picked = true WHERE task_instance = ?", running));
        jobs.started(running, "A");
        assertThat(jobs.cancelRequested(running)).isFalse();
        assertThat(jobs.cancel(running, TASK)).isEqualTo(PostgresJobs.Cancel.REQUESTED);
        assertThat(jobs.cancelRequested(running)).isTrue();
        assertThat(jobs.cancel("no-such-job", TASK)).isEqualTo(PostgresJobs.Cancel.UNKNOWN);
    }

    @Test
    void what_runs_before_commit_failing_leaves_nothing_queued() {
        String run = UUID.randomUUID().toString();
        try {
            jobs.submit(run, user, "prompt", "", TASK, PostgresJobs.Limits.NONE, Duration.ofSeconds(1), () -> {
                throw new IllegalStateException("recording failed");
            });
        } catch (RuntimeException expected) {
            assertThat(expected).hasStackTraceContaining("recording failed");
        }
        assertThat(jobs.find(run)).isEmpty();
        assertThat(queuedTasks(run)).isZero();
    }
}
