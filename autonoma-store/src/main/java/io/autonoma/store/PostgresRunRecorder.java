package io.autonoma.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.core.pipeline.GenerationEvent;
import io.autonoma.core.pipeline.GenerationEvent.AgentFailed;
import io.autonoma.core.pipeline.GenerationEvent.AgentFinished;
import io.autonoma.core.pipeline.GenerationEvent.AgentLog;
import io.autonoma.core.pipeline.GenerationEvent.AgentStarted;
import io.autonoma.core.pipeline.GenerationEvent.ArtifactWritten;
import io.autonoma.core.pipeline.GenerationEvent.RunFinished;
import io.autonoma.core.pipeline.GenerationEvent.RunStarted;
import io.autonoma.core.pipeline.GenerationEvent.ValidationReport;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.store.internal.Db;
import io.autonoma.store.internal.EventJson;
import io.autonoma.store.internal.Tenancy;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a run as its events arrive, for one owner: {@code generation_requests} (one row per run:
 * status, duration), {@code agent_sessions} (one row per agent attempt: running → finished / failed /
 * retrying, with duration) and {@code agent_logs} (every event, in {@code seq} order, with the whole event as JSON for
 * {@link PostgresRunEvents}).
 *
 * <p><b>Idempotent.</b> Delivering the same event twice changes nothing: events are keyed by
 * {@code (run_id, segment, seq)}, sessions by {@code (run_id, segment, agent, attempt)}.
 * A <b>segment</b> is one start of a run: a resumed run keeps its run id and its sequence numbers
 * start again, so each {@code RunStarted} with a new timestamp opens the next segment. An agent
 * restored from a checkpoint (an {@code AgentFinished} without {@code AgentStarted} in the segment)
 * gets a session with status {@code restored}. When a new segment opens, attempts of earlier segments
 * still {@code running} (the process died) are closed as {@code finished} when the agent has a
 * checkpoint (it finished just before the crash), else {@code interrupted}.
 *
 * <p>Each event is one short transaction on the calling pipeline thread. A database failure is
 * logged (WARN) and the event dropped, never thrown into the pipeline. Events of a run id that
 * belongs to another owner are ignored.
 */
public final class PostgresRunRecorder implements GenerationListener {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRunRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbi jdbi;
    private final String ownerId;
    /** run id → (segment, project uuid) of the segment this recorder saw start; -1 segment: not ours. */
    private final Map<String, Segment> segments = new ConcurrentHashMap<>();

    private record Segment(int number, UUID project) {}

    PostgresRunRecorder(DataSource dataSource, String ownerId) {
        this.jdbi = Db.jdbi(dataSource);
        this.ownerId = Tenancy.requireOwnerId(ownerId);
    }

    /** A recorder for {@code ownerId}'s runs. */
    public static PostgresRunRecorder create(DataSource dataSource, String ownerId) {
        return new PostgresRunRecorder(Objects.requireNonNull(dataSource, "dataSource"), ownerId);
    }

    @Override
    public void onEvent(GenerationEvent event) {
        try {
            jdbi.useTransaction(h -> record(h, event));
        } catch (RuntimeException e) {
            LOG.warn("could not record {} of run {}: {}", event.getClass().getSimpleName(), event.runId(), e.getMessage());
        }
    }

    private void record(Handle h, GenerationEvent event) {
        Segment seg;
        if (event instanceof RunStarted rs) {
            seg = startSegment(h, rs);
        } else {
            seg = segments.computeIfAbsent(event.runId(), id -> currentSegment(h, id).orElse(new Segment(-1, null)));
        }
        if (seg.number() < 0) {
            LOG.debug("ignoring {} of run {}: not a run of owner {}", event.getClass().getSimpleName(), event.runId(), ownerId);
            return;
        }
        int inserted = log(h, seg, event);
        if (inserted == 0 && !(event instanceof RunStarted)) {
            return; // a replay: this event was recorded already
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC);
        if (event instanceof AgentStarted s) {
            h.createUpdate("""
                    INSERT INTO agent_sessions (run_id, segment, agent, attempt, status, started_at)
                    VALUES (:r, :seg, :a, :n, 'running', :at) ON CONFLICT (run_id, segment, agent, attempt) DO NOTHING""")
                    .bind("r", s.runId()).bind("seg", seg.number()).bind("a", s.agent()).bind("n", s.attempt()).bind("at", at).execute();
        } else if (event instanceof AgentFinished f) {
            int n = h.createUpdate("""
                    UPDATE agent_sessions SET status = 'finished', summary = :s, finished_at = :at, duration_ms = :d
                    WHERE run_id = :r AND segment = :seg AND agent = :a AND attempt =
                      (SELECT max(attempt) FROM agent_sessions WHERE run_id = :r AND segment = :seg AND agent = :a)""")
                    .bind("r", f.runId()).bind("seg", seg.number()).bind("a", f.agent()).bind("s", f.summary())
                    .bind("at", at).bind("d", f.durationMillis()).execute();
            if (n == 0) {
                h.createUpdate("""
                        INSERT INTO agent_sessions (run_id, segment, agent, attempt, status, summary, started_at, finished_at, duration_ms)
                        VALUES (:r, :seg, :a, 1, 'restored', :s, :at, :at, :d) ON CONFLICT DO NOTHING""")
                        .bind("r", f.runId()).bind("seg", seg.number()).bind("a", f.agent()).bind("s", f.summary())
                        .bind("at", at).bind("d", f.durationMillis()).execute();
            }
        } else if (event instanceof AgentFailed f) {
            h.createUpdate("""
                    INSERT INTO agent_sessions (run_id, segment, agent, attempt, status, error, started_at, finished_at, duration_ms)
                    VALUES (:r, :seg, :a, :n, :st, :e, :at, :at, 0)
                    ON CONFLICT (run_id, segment, agent, attempt) DO UPDATE SET status = EXCLUDED.status, error = EXCLUDED.error,
                      finished_at = EXCLUDED.finished_at,
                      duration_ms = greatest(0, (extract(epoch FROM EXCLUDED.finished_at - agent_sessions.started_at) * 1000)::bigint)""")
                    .bind("r", f.runId()).bind("seg", seg.number()).bind("a", f.agent()).bind("n", f.attempt())
                    .bind("st", f.willRetry() ? "retrying" : "failed").bind("e", f.error()).bind("at", at).execute();
        } else if (event instanceof ArtifactWritten w) {
            h.createUpdate("""
                    UPDATE generated_components SET run_id = :r
                    WHERE project_id = :p AND path = :path AND version = :v AND run_id IS NULL""")
                    .bind("r", w.runId()).bind("p", seg.project()).bind("path", w.path()).bind("v", w.version()).execute();
        } else if (event instanceof RunFinished f) {
            h.createUpdate("""
                    UPDATE generation_requests SET status = :st, message = :m, finished_at = :at, duration_ms = :d, updated_at = now()
                    WHERE run_id = :r AND owner_id = :o""")
                    .bind("st", f.status()).bind("m", f.message()).bind("at", at).bind("d", f.durationMillis())
                    .bind("r", f.runId()).bind("o", ownerId).execute();
        }
    }

    /** Opens (or, for a replayed RunStarted, finds) the run's segment. */
    private Segment startSegment(Handle h, RunStarted rs) {
        UUID project = Tenancy.ensureProject(h, ownerId, Tenancy.requireProjectId(rs.projectId()));
        OffsetDateTime at = OffsetDateTime.ofInstant(rs.at(), ZoneOffset.UTC);
        Optional<Integer> seg = h.createQuery("""
                INSERT INTO generation_requests (run_id, owner_id, project_id, agents, status, segment, segment_started_at, started_at)
                VALUES (:r, :o, :p, :agents, 'running', 1, :at, :at)
                ON CONFLICT (run_id) DO UPDATE SET
                  segment = CASE WHEN generation_requests.segment_started_at IS NULL
                                   OR generation_requests.segment_started_at = EXCLUDED.segment_started_at
                                 THEN generation_requests.segment ELSE generation_requests.segment + 1 END,
                  segment_started_at = EXCLUDED.segment_started_at,
                  agents = EXCLUDED.agents,
                  status = CASE WHEN generation_requests.segment_started_at = EXCLUDED.segment_started_at
                                THEN generation_requests.status ELSE 'running' END,
                  finished_at = CASE WHEN generation_requests.segment_started_at = EXCLUDED.segment_started_at
                                THEN generation_requests.finished_at END,
                  updated_at = now()
                WHERE generation_requests.owner_id = EXCLUDED.owner_id
                RETURNING segment""")
                .bind("r", rs.runId()).bind("o", ownerId).bind("p", project)
                .bindArray("agents", String.class, rs.agents()).bind("at", at)
                .mapTo(Integer.class).findOne();
        Segment s = seg.map(n -> new Segment(n, project)).orElse(new Segment(-1, null));
        if (s.number() > 1) {
            // the previous segment ended without events (the JVM died): close its open attempts
            h.createUpdate("""
                    UPDATE agent_sessions s SET
                      status = CASE WHEN c.agent IS NULL THEN 'interrupted' ELSE 'finished' END,
                      finished_at = coalesce(c.finished_at, :at),
                      duration_ms = greatest(0, (extract(epoch FROM coalesce(c.finished_at, :at) - s.started_at) * 1000)::bigint)
                    FROM agent_sessions s2 LEFT JOIN agent_checkpoints c ON c.run_id = s2.run_id AND c.agent = s2.agent AND c.owner_id = :o
                    WHERE s2.id = s.id AND s.run_id = :r AND s.segment < :seg AND s.status = 'running'""")
                    .bind("r", rs.runId()).bind("o", ownerId).bind("seg", s.number()).bind("at", at).execute();
        }
        segments.put(rs.runId(), s);
        return s;
    }

    private Optional<Segment> currentSegment(Handle h, String runId) {
        return h.createQuery("SELECT segment, project_id FROM generation_requests WHERE run_id = :r AND owner_id = :o")
                .bind("r", runId).bind("o", ownerId)
                .map((rs, ctx) -> new Segment(rs.getInt("segment"), rs.getObject("project_id", UUID.class))).findOne();
    }

    /** Appends the event to agent_logs; returns 0 when it was there already. */
    private int log(Handle h, Segment seg, GenerationEvent e) {
        String agent = null;
        String message = "";
        Map<String, Object> details = Map.of();
        if (e instanceof RunStarted s) {
            message = "run started for project " + s.projectId();
            details = Map.of("agents", s.agents());
        } else if (e instanceof AgentStarted s) {
            agent = s.agent();
            message = "attempt " + s.attempt();
            details = Map.of("attempt", s.attempt());
        } else if (e instanceof ArtifactWritten w) {
            agent = w.agent();
            message = w.path() + " v" + w.version();
            details = Map.of("path", w.path(), "version", w.version(), "bytes", w.bytes());
        } else if (e instanceof AgentLog l) {
            agent = l.agent();
            message = l.message();
        } else if (e instanceof AgentFinished f) {
            agent = f.agent();
            message = f.summary();
            details = Map.of("durationMillis", f.durationMillis());
        } else if (e instanceof AgentFailed f) {
            agent = f.agent();
            message = f.error();
            details = Map.of("attempt", f.attempt(), "willRetry", f.willRetry());
        } else if (e instanceof ValidationReport v) {
            agent = v.agent();
            message = v.tool() + (v.passed() ? " passed" : " failed");
            details = Map.of("tool", v.tool(), "passed", v.passed(), "problems", v.problems());
        } else if (e instanceof GenerationEvent.CheckFinished c) {
            agent = c.agent();
            message = c.check() + " " + c.status() + (c.counts().isEmpty() ? "" : " (" + c.counts() + ")");
            details = Map.of("check", c.check(), "status", c.status(), "counts", c.counts(), "durationMillis", c.durationMillis(),
                    "excerpt", c.excerpt(), "isolation", c.isolation());
        } else if (e instanceof RunFinished f) {
            message = f.status() + (f.message() == null ? "" : ": " + f.message());
            details = Map.of("status", f.status(), "durationMillis", f.durationMillis());
        }
        String json;
        try {
            json = JSON.writeValueAsString(details);
        } catch (Exception ex) {
            json = "{}";
        }
        return h.createUpdate("""
                INSERT INTO agent_logs (run_id, segment, seq, agent, kind, message, details, at, event)
                VALUES (:r, :seg, :seq, :a, :k, :m, CAST(:d AS jsonb), :at, CAST(:ev AS jsonb))
                ON CONFLICT (run_id, segment, seq) DO NOTHING""")
                .bind("r", e.runId()).bind("seg", seg.number()).bind("seq", e.seq()).bind("a", agent)
                .bind("k", e.getClass().getSimpleName()).bind("m", message == null ? "" : message).bind("d", json)
                .bind("at", OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC)).bind("ev", EventJson.write(e)).execute();
    }
}
