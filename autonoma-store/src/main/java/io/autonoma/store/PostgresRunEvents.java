package io.autonoma.store;

import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.store.internal.Db;
import io.autonoma.store.internal.EventJson;
import io.autonoma.store.internal.Tenancy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events {@link PostgresRunRecorder} stored, read back by any instance: a run's stream in the order it was
 * recorded, across its segments (a resumed run starts its {@code seq} again, so events read here are renumbered:
 * {@code seq} is the event's position in the run's whole stream, 0 first), and {@link #listen} for the
 * notification each stored event sends on {@value #CHANNEL} (LISTEN/NOTIFY: no broker).
 *
 * <pre>{@code
 * PostgresRunEvents events = PostgresRunEvents.create(dataSource, "acme");
 * PostgresRunEvents.Page page = events.read(runId, PostgresRunEvents.Page.START);
 * page.events().forEach(System.out::println);
 * page = events.read(runId, page);   // only what was stored since
 * }</pre>
 */
public final class PostgresRunEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRunEvents.class);
    /** The notification channel; the payload is the run id. */
    public static final String CHANNEL = "autonoma_events";

    /**
     * Events read so far: {@code cursor} is the last stored row read, {@code next} the position the next event gets.
     * Pass a page back to {@link #read(String, Page)} to get what came after it.
     */
    public record Page(List<GenerationEvent> events, long cursor, long next) {
        /** Before the first event of a run. */
        public static final Page START = new Page(List.of(), 0, 0);

        public Page {
            events = List.copyOf(events);
        }
    }

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final String ownerId;

    private PostgresRunEvents(DataSource dataSource, String ownerId) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.jdbi = Db.jdbi(dataSource);
        this.ownerId = Tenancy.requireOwnerId(ownerId);
    }

    /** The stored events of {@code ownerId}'s runs (the store's tenant, as in {@link PostgresRuns}). */
    public static PostgresRunEvents create(DataSource dataSource, String ownerId) {
        return new PostgresRunEvents(dataSource, ownerId);
    }

    /** The events of run {@code runId} stored after {@code after}, oldest first (empty for an unknown run). */
    public Page read(String runId, Page after) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(after, "after");
        record Row(long id, String json) {}
        List<Row> rows = PostgresCheckpointStore.call("reading the events of run " + runId, () -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT l.id, l.event::text AS event FROM agent_logs l JOIN generation_requests r ON r.run_id = l.run_id
                        WHERE l.run_id = :r AND r.owner_id = :o AND l.id > :after AND l.event IS NOT NULL ORDER BY l.id""")
                .bind("r", runId).bind("o", ownerId).bind("after", after.cursor())
                .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("event"))).list()));
        List<GenerationEvent> events = new ArrayList<>(rows.size());
        long cursor = after.cursor();
        long next = after.next();
        for (Row row : rows) {
            cursor = row.id();
            Optional<GenerationEvent> e = EventJson.read(row.json(), next);
            if (e.isPresent()) {
                events.add(e.get());
                next++;
            } else {
                LOG.warn("skipping stored event {} of run {}: not an event this version reads", row.id(), runId);
            }
        }
        return new Page(events, cursor, next);
    }

    /**
     * Calls {@code onRun} with the run id of every event stored from now on (by any instance), and {@code onIdle}
     * after each {@code idle} without one and after every (re)connection, when a notification may have been missed.
     * One daemon thread with its own connection; it reconnects after a database failure. Close the returned handle
     * to stop it. The callbacks run on that thread: keep them short.
     */
    public AutoCloseable listen(Consumer<String> onRun, Runnable onIdle, Duration idle) {
        Objects.requireNonNull(onRun, "onRun");
        Objects.requireNonNull(onIdle, "onIdle");
        int timeout = (int) Math.max(50, Math.min(Integer.MAX_VALUE, idle.toMillis()));
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(true);
                    try (Statement st = c.createStatement()) {
                        st.execute("LISTEN " + CHANNEL);
                    }
                    PGConnection pg = c.unwrap(PGConnection.class);
                    onIdle.run();
                    while (!Thread.currentThread().isInterrupted()) {
                        PGNotification[] ns = pg.getNotifications(timeout);
                        if (ns == null || ns.length == 0) {
                            onIdle.run();
                            continue;
                        }
                        for (PGNotification n : ns) {
                            onRun.accept(n.getParameter());
                        }
                    }
                } catch (SQLException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    LOG.warn("listening for run events failed ({}); reconnecting in 1 s", e.getMessage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("a run event callback failed; listening goes on", e);
                }
            }
        }, "autonoma-run-events");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            thread.interrupt();
            thread.join(5000);
        };
    }
}
