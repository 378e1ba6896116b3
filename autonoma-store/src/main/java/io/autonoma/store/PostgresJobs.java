package io.autonoma.store;

import io.autonoma.store.internal.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Generation jobs shared by every instance on one database ({@code autonoma_jobs}): who asked for each run, whether it
 * waits, runs or ended, where it runs and how often it was started, and each user's model usage per UTC day
 * ({@code autonoma_usage}) for quotas. {@link #submit} admits a job against the user's {@link Limits} and queues it for
 * the job engine in the same transaction, so that two instances cannot both admit a user's last allowed job. Thread-safe.
 */
public final class PostgresJobs {

    /** A job's row. {@code starts} counts executions: more than one means it was revived after its instance died. */
    public record Job(String runId, String owner, String source, String promptNote, String status, String message,
                      boolean cancelRequested, String instance, int starts, long tokens, long costMicros,
                      Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt) {
        public boolean ended() {
            return !status.equals("queued") && !status.equals("running");
        }
    }

    /** Per-user limits; 0 means none. */
    public record Limits(int maxConcurrentRuns, long maxTokensPerDay, long maxCostMicrosPerDay) {
        public static final Limits NONE = new Limits(0, 0, 0);

        public Limits {
            if (maxConcurrentRuns < 0 || maxTokensPerDay < 0 || maxCostMicrosPerDay < 0) {
                throw new IllegalArgumentException("limits must be 0 (none) or more");
            }
        }
    }

    /** Why a job was not admitted, and when asking again can succeed. */
    public record Rejection(String reason, Duration retryAfter) {}

    /** What {@link #cancel} did. */
    public enum Cancel { CANCELLED_WHILE_QUEUED, REQUESTED, ALREADY_ENDED, UNKNOWN }

    private final Jdbi jdbi;
    private final String tasksTable;

    private PostgresJobs(DataSource dataSource, String tasksTable) {
        this.jdbi = Db.jdbi(Objects.requireNonNull(dataSource, "dataSource"));
        this.tasksTable = tasksTable;
    }

    /** Jobs on {@code dataSource}, queued into db-scheduler's table {@value #TASKS_TABLE}. */
    public static PostgresJobs create(DataSource dataSource) {
        return new PostgresJobs(dataSource, TASKS_TABLE);
    }

    /** The db-scheduler table the migrations create. */
    public static final String TASKS_TABLE = "autonoma_scheduled_tasks";

    /**
     * Admits run {@code runId} of {@code owner} and queues it as task {@code taskName} (instance = run id, no data, due
     * now), unless the owner is at a limit. {@code beforeCommit} runs inside the transaction after the rows are written
     * (e.g. to record the run's request elsewhere); if it throws, nothing is queued. Admissions of one owner are
     * serialised across instances (a transaction-scoped advisory lock on the owner).
     *
     * @return the rejection, or empty when the job was queued
     */
    public Optional<Rejection> submit(String runId, String owner, String source, String promptNote, String taskName,
                                      Limits limits, Duration concurrentRetryAfter, Runnable beforeCommit) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(limits, "limits");
        return PostgresCheckpointStore.call("queueing job " + runId, () -> jdbi.inTransaction(h -> {
            h.execute("SELECT pg_advisory_xact_lock(hashtext(?))", "autonoma-jobs:" + owner);
            if (limits.maxConcurrentRuns() > 0) {
                // a run whose RunFinished is recorded counts as ended, even before its job row is closed a moment later
                int open = h.createQuery("SELECT count(*) FROM autonoma_jobs j LEFT JOIN generation_requests r ON r.run_id = j.run_id "
                                + "WHERE j.owner = :o AND j.status IN ('queued', 'running') AND (r.status IS NULL OR r.status = 'running')")
                        .bind("o", owner).mapTo(Integer.class).one();
                if (open >= limits.maxConcurrentRuns()) {
                    return Optional.of(new Rejection("you have " + open + " generation(s) queued or running, the most allowed at once ("
                            + limits.maxConcurrentRuns() + "); start another when one has ended", concurrentRetryAfter));
                }
            }
            if (limits.maxTokensPerDay() > 0 || limits.maxCostMicrosPerDay() > 0) {
                record Usage(long tokens, long cost, long secondsToMidnight) {}
                Usage u = h.createQuery("""
                                SELECT coalesce(sum(tokens), 0) AS tokens, coalesce(sum(cost_micros), 0) AS cost,
                                       ceil(extract(epoch FROM (date_trunc('day', now() AT TIME ZONE 'UTC') + interval '1 day')
                                                              - (now() AT TIME ZONE 'UTC')))::bigint AS left_s
                                FROM autonoma_usage WHERE owner = :o AND day = (now() AT TIME ZONE 'UTC')::date""")
                        .bind("o", owner).map((rs, ctx) -> new Usage(rs.getLong("tokens"), rs.getLong("cost"), rs.getLong("left_s"))).one();
                Duration untilTomorrow = Duration.ofSeconds(Math.max(1, u.secondsToMidnight()));
                if (limits.maxTokensPerDay() > 0 && u.tokens() >= limits.maxTokensPerDay()) {
                    return Optional.of(new Rejection("you have spent " + u.tokens() + " model tokens today, the daily limit is "
                            + limits.maxTokensPerDay() + "; it resets at midnight UTC", untilTomorrow));
                }
                if (limits.maxCostMicrosPerDay() > 0 && u.cost() >= limits.maxCostMicrosPerDay()) {
                    return Optional.of(new Rejection(String.format(java.util.Locale.ROOT,
                            "you have spent $%.4f on model calls today, the daily limit is $%.4f; it resets at midnight UTC",
                            u.cost() / 1e6, limits.maxCostMicrosPerDay() / 1e6), untilTomorrow));
                }
            }
            h.createUpdate("INSERT INTO autonoma_jobs (run_id, owner, source, prompt_note) VALUES (:r, :o, :s, :n)")
                    .bind("r", runId).bind("o", owner).bind("s", source).bind("n", promptNote == null ? "" : promptNote).execute();
            h.createUpdate("INSERT INTO " + tasksTable + " (task_name, task_instance, task_data, execution_time, picked, version) "
                            + "VALUES (:t, :r, NULL, now(), false, 1)")
                    .bind("t", taskName).bind("r", runId).execute();
            if (beforeCommit != null) {
                beforeCommit.run();
            }
            return Optional.<Rejection>empty();
        }));
    }

    /**
     * Marks the job running on {@code instance} (one more start); empty when it has ended (or is unknown), in which
     * case it must not run.
     */
    public Optional<Job> started(String runId, String instance) {
        return PostgresCheckpointStore.call("starting job " + runId, () -> jdbi.withHandle(h -> h.createQuery("""
                        UPDATE autonoma_jobs SET status = 'running', instance = :i, starts = starts + 1,
                          started_at = coalesce(started_at, clock_timestamp())
                        WHERE run_id = :r AND status IN ('queued', 'running') RETURNING *""")
                .bind("r", runId).bind("i", instance).map(PostgresJobs::job).findOne()));
    }

    /**
     * Ends the job with {@code status} and adds what it spent to its owner's usage of the day, once: returns false (and
     * changes nothing) when the job had already ended.
     */
    public boolean finished(String runId, String status, String message, long tokens, long costMicros) {
        return PostgresCheckpointStore.call("ending job " + runId, () -> jdbi.inTransaction(h -> {
            Optional<String> owner = h.createQuery("""
                            UPDATE autonoma_jobs SET status = :s, message = :m, tokens = :t, cost_micros = :c, finished_at = clock_timestamp()
                            WHERE run_id = :r AND status IN ('queued', 'running') RETURNING owner""")
                    .bind("r", runId).bind("s", status).bind("m", message == null ? "" : message)
                    .bind("t", tokens).bind("c", costMicros).mapTo(String.class).findOne();
            if (owner.isEmpty()) {
                return false;
            }
            if (tokens > 0 || costMicros > 0) {
                h.createUpdate("""
                                INSERT INTO autonoma_usage (owner, day, tokens, cost_micros) VALUES (:o, (now() AT TIME ZONE 'UTC')::date, :t, :c)
                                ON CONFLICT (owner, day) DO UPDATE SET tokens = autonoma_usage.tokens + EXCLUDED.tokens,
                                  cost_micros = autonoma_usage.cost_micros + EXCLUDED.cost_micros""")
                        .bind("o", owner.get()).bind("t", tokens).bind("c", costMicros).execute();
            }
            return true;
        }));
    }

    /**
     * Asks job {@code runId} to stop: a job still waiting is taken off the queue and ended as cancelled here; a running
     * one is flagged ({@link #cancelRequested}) for the instance that runs it.
     */
    public Cancel cancel(String runId, String taskName) {
        return PostgresCheckpointStore.call("cancelling job " + runId, () -> jdbi.inTransaction(h -> {
            Optional<String> status = h.createQuery("SELECT status FROM autonoma_jobs WHERE run_id = :r FOR UPDATE")
                    .bind("r", runId).mapTo(String.class).findOne();
            if (status.isEmpty()) return Cancel.UNKNOWN;
            if (!status.get().equals("queued") && !status.get().equals("running")) return Cancel.ALREADY_ENDED;
            int unqueued = h.createUpdate("DELETE FROM " + tasksTable + " WHERE task_name = :t AND task_instance = :r AND NOT picked")
                    .bind("t", taskName).bind("r", runId).execute();
            if (unqueued == 1 && status.get().equals("queued")) {
                h.createUpdate("""
                        UPDATE autonoma_jobs SET status = 'cancelled', cancel_requested = true, message = 'cancelled before it started',
                          finished_at = clock_timestamp() WHERE run_id = :r""").bind("r", runId).execute();
                return Cancel.CANCELLED_WHILE_QUEUED;
            }
            h.createUpdate("UPDATE autonoma_jobs SET cancel_requested = true WHERE run_id = :r").bind("r", runId).execute();
            return Cancel.REQUESTED;
        }));
    }

    public boolean cancelRequested(String runId) {
        return PostgresCheckpointStore.call("reading job " + runId, () -> jdbi.withHandle(h -> h.createQuery(
                "SELECT cancel_requested FROM autonoma_jobs WHERE run_id = :r").bind("r", runId).mapTo(Boolean.class).findOne().orElse(false)));
    }

    public Optional<Job> find(String runId) {
        if (runId == null) return Optional.empty();
        return PostgresCheckpointStore.call("reading job " + runId, () -> jdbi.withHandle(h -> h.createQuery(
                "SELECT * FROM autonoma_jobs WHERE run_id = :r").bind("r", runId).map(PostgresJobs::job).findOne()));
    }

    /** The newest {@code limit} jobs of {@code owner}, oldest first. */
    public List<Job> list(String owner, int limit) {
        return PostgresCheckpointStore.call("listing jobs", () -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM (SELECT * FROM autonoma_jobs WHERE owner = :o ORDER BY created_at DESC, run_id LIMIT :n) j
                        ORDER BY created_at, run_id""")
                .bind("o", owner).bind("n", limit).map(PostgresJobs::job).list()));
    }

    /** Jobs waiting for an instance, over all instances. */
    public int queued() {
        return count("queued");
    }

    /** Jobs running, over all instances. */
    public int running() {
        return count("running");
    }

    private int count(String status) {
        return PostgresCheckpointStore.call("counting jobs", () -> jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*) FROM autonoma_jobs WHERE status = :s").bind("s", status).mapTo(Integer.class).one()));
    }

    /** Model tokens and cost (micro-dollars) spent. */
    public record Usage(long tokens, long costMicros) {}

    /** What {@code owner}'s jobs spent today (UTC). */
    public Usage usageToday(String owner) {
        return PostgresCheckpointStore.call("reading usage", () -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT coalesce(sum(tokens), 0), coalesce(sum(cost_micros), 0) FROM autonoma_usage
                        WHERE owner = :o AND day = (now() AT TIME ZONE 'UTC')::date""")
                .bind("o", owner).map((rs, ctx) -> new Usage(rs.getLong(1), rs.getLong(2))).one()));
    }

    private static Job job(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        return new Job(rs.getString("run_id"), rs.getString("owner"), rs.getString("source"), rs.getString("prompt_note"),
                rs.getString("status"), rs.getString("message"), rs.getBoolean("cancel_requested"), rs.getString("instance"),
                rs.getInt("starts"), rs.getLong("tokens"), rs.getLong("cost_micros"), instant(rs, "created_at").orElseThrow(),
                instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }

}
