package io.autonoma.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.core.pipeline.GenerationListener;
import io.autonoma.core.pipeline.GenerationRequest;
import io.autonoma.core.pipeline.Pipeline;
import io.autonoma.core.pipeline.RunHandle;
import io.autonoma.core.pipeline.RunStore;
import io.autonoma.core.spec.AppSpecJson;
import io.autonoma.store.internal.Db;
import io.autonoma.store.internal.Tenancy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * Durable runs for one owner, the PostgreSQL {@link RunStore}: records each request
 * ({@code generation_requests}) before it starts, records its events ({@link #recorder()}),
 * checkpoints finished agents ({@link #checkpoints()}) and resumes an interrupted run by its id
 * without redoing finished agents. Give it to {@code Autonoma.builder().runs(...)}, or drive a
 * pipeline with {@link #start} and {@link #resume} yourself:
 *
 * <pre>{@code
 * PostgresRuns runs = PostgresRuns.builder().dataSource(ds).ownerId("alice").build();
 * Pipeline pipeline = DefaultPipeline.builder().store(artifactStore).checkpoints(runs.checkpoints()).agents(...).build();
 * RunHandle h = runs.start(pipeline, request);          // run id: h.runId()
 * // … the JVM dies …
 * for (String id : runs.unfinished()) runs.resume(pipeline, id).await();
 * }</pre>
 * The pipeline must have been built with {@link #checkpoints()}, else a resumed run redoes every agent.
 */
public final class PostgresRuns implements RunStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final String ownerId;
    private final PostgresRunRecorder recorder;
    private final PostgresCheckpointStore checkpoints;

    private PostgresRuns(DataSource dataSource, String ownerId) {
        this.dataSource = dataSource;
        this.jdbi = Db.jdbi(dataSource);
        this.ownerId = ownerId;
        this.recorder = new PostgresRunRecorder(dataSource, ownerId);
        this.checkpoints = new PostgresCheckpointStore(dataSource, ownerId);
    }

    public static Builder builder() {
        return new Builder();
    }

    public PostgresRunRecorder recorder() {
        return recorder;
    }

    @Override
    public PostgresCheckpointStore checkpoints() {
        return checkpoints;
    }

    /** The {@link #recorder()}. */
    @Override
    public GenerationListener listener() {
        return recorder;
    }

    /** Records the request in {@code generation_requests} (nothing happens for a run id that is already there). */
    @Override
    public void started(String runId, GenerationRequest request) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(request, "request");
        GenerationRequest withId = withRunId(request, runId);
        PostgresCheckpointStore.call("recording run " + runId, () -> jdbi.inTransaction(h -> {
            UUID project = Tenancy.ensureProject(h, ownerId, Tenancy.requireProjectId(request.projectId()));
            return h.createUpdate("""
                    INSERT INTO generation_requests (run_id, owner_id, project_id, prompt, spec, options, segment_started_at)
                    VALUES (:r, :o, :p, :prompt, CAST(:spec AS jsonb), CAST(:options AS jsonb), NULL)
                    ON CONFLICT (run_id) DO NOTHING""")
                    .bind("r", runId).bind("o", ownerId).bind("p", project).bind("prompt", request.prompt())
                    .bind("spec", request.spec().map(AppSpecJson::write).orElse(null))
                    .bind("options", json(withId.options())).execute();
        }));
    }

    public int migrate() {
        return AutonomaSchema.migrate(dataSource);
    }

    /** Records the request under a new run id and starts it; the recorder and {@code listener} get its events. */
    public RunHandle start(Pipeline pipeline, GenerationRequest request, GenerationListener listener) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(request, "request");
        String runId = request.options().getOrDefault(CheckpointStore.RUN_ID_OPTION, UUID.randomUUID().toString());
        started(runId, request);
        return pipeline.run(withRunId(request, runId), both(listener));
    }

    public RunHandle start(Pipeline pipeline, GenerationRequest request) {
        return start(pipeline, request, null);
    }

    /**
     * Runs {@code runId} again with its recorded request: agents with a checkpoint are not redone.
     * Throws {@link IllegalArgumentException} for a run id this owner does not have.
     */
    public RunHandle resume(Pipeline pipeline, String runId, GenerationListener listener) {
        Objects.requireNonNull(pipeline, "pipeline");
        GenerationRequest request = request(runId).orElseThrow(() -> new IllegalArgumentException(
                "no run '" + runId + "' of owner '" + ownerId + "' is recorded; start runs with PostgresRuns.start(...) to make them resumable"));
        return pipeline.run(request, both(listener));
    }

    public RunHandle resume(Pipeline pipeline, String runId) {
        return resume(pipeline, runId, null);
    }

    /** The recorded request of a run (with {@link CheckpointStore#RUN_ID_OPTION} set), if this owner has it. */
    @Override
    public Optional<GenerationRequest> request(String runId) {
        Objects.requireNonNull(runId, "runId");
        return PostgresCheckpointStore.call("reading run " + runId, () -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT p.name, r.prompt, r.spec::text AS spec, r.options::text AS options
                        FROM generation_requests r JOIN projects p ON p.id = r.project_id
                        WHERE r.run_id = :r AND r.owner_id = :o""")
                .bind("r", runId).bind("o", ownerId)
                .map((rs, ctx) -> {
                    GenerationRequest.Builder b = GenerationRequest.builder().projectId(rs.getString("name")).prompt(rs.getString("prompt"));
                    String spec = rs.getString("spec");
                    if (spec != null) {
                        b.spec(AppSpecJson.read(spec));
                    }
                    readOptions(rs.getString("options")).forEach(b::option);
                    b.option(CheckpointStore.RUN_ID_OPTION, runId);
                    return b.build();
                }).findOne()));
    }

    /** Runs of this owner that started and never finished (e.g. the JVM died), oldest first. */
    @Override
    public List<String> unfinished() {
        return PostgresCheckpointStore.call("listing unfinished runs", () -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT run_id FROM generation_requests WHERE owner_id = :o AND status = 'running' ORDER BY started_at, run_id")
                .bind("o", ownerId).mapTo(String.class).list()));
    }

    private GenerationListener both(GenerationListener listener) {
        return listener == null ? recorder : e -> {
            recorder.onEvent(e);
            listener.onEvent(e);
        };
    }

    private static GenerationRequest withRunId(GenerationRequest r, String runId) {
        return r.toBuilder().option(CheckpointStore.RUN_ID_OPTION, runId).build();
    }

    private static String json(Map<String, String> options) {
        try {
            return JSON.writeValueAsString(options);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readOptions(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (Exception e) {
            throw new StoreException("stored request options are not a JSON object of strings: " + e.getMessage(), e);
        }
    }

    /** Builds {@link PostgresRuns}: a database and an owner id are required. */
    public static final class Builder {
        private DataSource dataSource;
        private String jdbcUrl;
        private String user;
        private String password;
        private String ownerId;

        private Builder() {}

        public Builder dataSource(DataSource v) { this.dataSource = v; return this; }
        public Builder jdbcUrl(String v) { this.jdbcUrl = v; return this; }
        public Builder user(String v) { this.user = v; return this; }
        public Builder password(String v) { this.password = v; return this; }
        public Builder ownerId(String v) { this.ownerId = v; return this; }

        public PostgresRuns build() {
            Tenancy.requireOwnerId(ownerId);
            return new PostgresRuns(PostgresArtifactStore.resolve(dataSource, jdbcUrl, null, 5432, null, user, password), ownerId);
        }
    }
}
