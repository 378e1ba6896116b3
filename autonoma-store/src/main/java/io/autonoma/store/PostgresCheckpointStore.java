package io.autonoma.store;

import io.autonoma.core.pipeline.AgentResult;
import io.autonoma.core.pipeline.CheckpointStore;
import io.autonoma.store.internal.Db;
import io.autonoma.store.internal.OutputsJson;
import io.autonoma.store.internal.Tenancy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * A {@link CheckpointStore} in table {@code agent_checkpoints}, scoped to one owner: each finished
 * agent's summary and outputs (JSON, see {@link #agentFinished}) are committed when it finishes.
 * Outputs must survive a JSON round trip unchanged, else {@link #agentFinished} throws
 * {@link OutputsJson.UnserialisableOutputException} naming the agent, the output and its type.
 */
public final class PostgresCheckpointStore implements CheckpointStore {
    private final Jdbi jdbi;
    private final String ownerId;

    PostgresCheckpointStore(DataSource dataSource, String ownerId) {
        this.jdbi = Db.jdbi(dataSource);
        this.ownerId = Tenancy.requireOwnerId(ownerId);
    }

    /** A checkpoint store for {@code ownerId}'s runs. */
    public static PostgresCheckpointStore create(DataSource dataSource, String ownerId) {
        return new PostgresCheckpointStore(Objects.requireNonNull(dataSource, "dataSource"), ownerId);
    }

    @Override
    public Optional<AgentResult> finished(String runId, String agent) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agent, "agent");
        return call("reading the checkpoint of agent '" + agent + "' in run " + runId, () -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT summary, outputs::text AS outputs FROM agent_checkpoints WHERE owner_id = :o AND run_id = :r AND agent = :a")
                .bind("o", ownerId).bind("r", runId).bind("a", agent)
                .map((rs, ctx) -> new AgentResult(rs.getString("summary"), OutputsJson.read(rs.getString("outputs"))))
                .findOne()));
    }

    @Override
    public void agentFinished(String runId, String agent, AgentResult result) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(result, "result");
        String outputs = OutputsJson.write(agent, result.outputs());
        call("saving the checkpoint of agent '" + agent + "' in run " + runId, () -> jdbi.inTransaction(h -> {
            Tenancy.ensureOwner(h, ownerId);
            return h.createUpdate("""
                    INSERT INTO agent_checkpoints (run_id, owner_id, agent, summary, outputs)
                    VALUES (:r, :o, :a, :s, CAST(:out AS jsonb)) ON CONFLICT (run_id, agent) DO NOTHING""")
                    .bind("r", runId).bind("o", ownerId).bind("a", agent).bind("s", result.summary()).bind("out", outputs)
                    .execute();
        }));
    }

    /** Agents with a checkpoint in the run, in the order they finished. */
    public List<String> finishedAgents(String runId) {
        return call("listing checkpoints of run " + runId, () -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT agent FROM agent_checkpoints WHERE owner_id = :o AND run_id = :r ORDER BY finished_at, agent")
                .bind("o", ownerId).bind("r", runId).mapTo(String.class).list()));
    }

    static <T> T call(String what, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw new StoreException("PostgreSQL failed while " + what + ": " + e.getMessage()
                    + "; check the connection and that the schema is migrated (AutonomaSchema.migrate)", e);
        }
    }
}
