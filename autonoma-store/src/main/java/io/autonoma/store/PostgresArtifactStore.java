package io.autonoma.store;

import io.autonoma.core.Sha256;
import io.autonoma.core.artifact.Artifact;
import io.autonoma.core.artifact.ArtifactPaths;
import io.autonoma.core.artifact.ArtifactStore;
import io.autonoma.core.artifact.ArtifactWrite;
import io.autonoma.core.artifact.UnsafePathException;
import io.autonoma.store.internal.Db;
import io.autonoma.store.internal.Tenancy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * An {@link ArtifactStore} in PostgreSQL (table {@code generated_components}), scoped to one owner.
 *
 * <p><b>Tenancy.</b> A store instance acts for exactly one owner ({@link Builder#ownerId(String)}).
 * Project ids are names inside the owner's namespace (unique per owner, table {@code projects}):
 * every query joins {@code projects} on {@code owner_id}, so an owner can never read, list, see
 * the history of, or write into another owner's project; using the same project id as another
 * owner simply names a different project of one's own.
 *
 * <p><b>Versions.</b> A put runs in one transaction that takes the project's row lock, checks the
 * file/directory rule, and inserts version {@code max + 1}: concurrent puts of one path (from any
 * number of JVMs) get versions 1..N without gaps; the unique key {@code (project_id, path, version)}
 * is the safety net. Each put is committed when it returns.
 *
 * <p><b>Errors.</b> Semantics are those of {@link ArtifactStore}; database failures throw
 * {@link UncheckedIOException} whose cause carries the SQL error, and a failed put stores nothing.
 */
public final class PostgresArtifactStore implements ArtifactStore {
    private final DataSource dataSource;
    private final Jdbi jdbi;
    private final String ownerId;
    private final AtomicBoolean ownerKnown = new AtomicBoolean();

    private PostgresArtifactStore(Builder b) {
        this.dataSource = b.dataSource;
        this.jdbi = Db.jdbi(b.dataSource);
        this.ownerId = b.ownerId;
        if (b.migrate) {
            migrate();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Applies the Flyway migrations (idempotent); returns how many ran. */
    public int migrate() {
        return AutonomaSchema.migrate(dataSource);
    }

    public String ownerId() {
        return ownerId;
    }

    /** The same database, acting for another owner. */
    public PostgresArtifactStore forOwner(String otherOwnerId) {
        return builder().dataSource(dataSource).ownerId(otherOwnerId).build();
    }

    @Override
    public Artifact put(ArtifactWrite write) {
        Objects.requireNonNull(write, "write");
        String project = Tenancy.requireProjectId(write.projectId());
        String path = ArtifactPaths.normalize(write.path());
        byte[] content = write.content();
        String sha = Sha256.hex(content);
        Artifact stored = db("storing " + project + ":" + path, () -> jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            if (!ownerKnown.get()) {
                Tenancy.ensureOwner(h, ownerId);
            }
            UUID pid = Tenancy.lockProject(h, ownerId, project);
            rejectFileDirectoryClash(h, pid, path);
            int version = h.createQuery("SELECT coalesce(max(version), 0) + 1 FROM generated_components WHERE project_id = :p AND path = :path")
                    .bind("p", pid).bind("path", path).mapTo(Integer.class).one();
            OffsetDateTime at = h.createQuery("""
                    INSERT INTO generated_components (project_id, path, version, content, size_bytes, sha256, produced_by)
                    VALUES (:p, :path, :v, :content, :size, :sha, :by) RETURNING created_at""")
                    .bind("p", pid).bind("path", path).bind("v", version).bind("content", content)
                    .bind("size", content.length).bind("sha", sha).bind("by", write.producedBy())
                    .mapTo(OffsetDateTime.class).one();
            return new Artifact(project, path, version, content, sha, write.producedBy(), at.toInstant());
        }));
        ownerKnown.set(true); // only once committed: other threads may then skip the owner insert
        return stored;
    }

    /** A path is a file or a directory, never both (so every project exports to a real file system). */
    private static void rejectFileDirectoryClash(Handle h, UUID pid, String path) {
        List<String> prefixes = new ArrayList<>();
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            prefixes.add(path.substring(0, i));
        }
        Optional<String> clash = h.createQuery("""
                SELECT path FROM generated_components
                WHERE project_id = :p AND (path = ANY(:prefixes) OR starts_with(path, :dir))
                LIMIT 1""")
                .bind("p", pid).bindArray("prefixes", String.class, prefixes).bind("dir", path + "/")
                .mapTo(String.class).findOne();
        if (clash.isPresent()) {
            String other = clash.get();
            throw new UnsafePathException(path, other.startsWith(path + "/")
                    ? "is a directory of the project (it holds '" + other + "')"
                    : "goes through '" + other + "', which is a file of the project");
        }
    }

    private static final String SELECT = """
            SELECT p.name AS project, c.path, c.version, c.content, c.sha256, c.produced_by, c.created_at
            FROM generated_components c JOIN projects p ON p.id = c.project_id
            WHERE p.owner_id = :o AND p.name = :n""";

    @Override
    public Optional<Artifact> get(String projectId, String path) {
        String project = Tenancy.requireProjectId(projectId);
        String p = ArtifactPaths.normalize(path);
        return db("reading " + project + ":" + p, () -> jdbi.withHandle(h -> h.createQuery(SELECT
                        + " AND c.path = :path ORDER BY c.version DESC LIMIT 1")
                .bind("o", ownerId).bind("n", project).bind("path", p)
                .map(PostgresArtifactStore::artifact).findOne()));
    }

    @Override
    public List<Artifact> list(String projectId) {
        String project = Tenancy.requireProjectId(projectId);
        List<Artifact> out = db("listing " + project, () -> jdbi.withHandle(h -> h.createQuery(
                        SELECT.replace("SELECT p.name", "SELECT DISTINCT ON (c.path) p.name") + " ORDER BY c.path, c.version DESC")
                .bind("o", ownerId).bind("n", project)
                .map(PostgresArtifactStore::artifact).list()));
        List<Artifact> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(Artifact::path));
        return List.copyOf(sorted);
    }

    @Override
    public List<Artifact> history(String projectId, String path) {
        String project = Tenancy.requireProjectId(projectId);
        String p = ArtifactPaths.normalize(path);
        return List.copyOf(db("reading the history of " + project + ":" + p, () -> jdbi.withHandle(h -> h.createQuery(SELECT
                        + " AND c.path = :path ORDER BY c.version")
                .bind("o", ownerId).bind("n", project).bind("path", p)
                .map(PostgresArtifactStore::artifact).list())));
    }

    @Override
    public List<String> projects() {
        List<String> names = new ArrayList<>(db("listing projects", () -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT p.name FROM projects p
                        WHERE p.owner_id = :o AND EXISTS (SELECT 1 FROM generated_components c WHERE c.project_id = p.id)""")
                .bind("o", ownerId).mapTo(String.class).list())));
        names.sort(Comparator.naturalOrder());
        return List.copyOf(names);
    }

    private static Artifact artifact(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Artifact(rs.getString("project"), rs.getString("path"), rs.getInt("version"), rs.getBytes("content"),
                rs.getString("sha256"), rs.getString("produced_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static <T> T db(String what, Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e;
            throw new UncheckedIOException("PostgreSQL failed while " + what + ": " + cause.getMessage()
                    + "; check the connection and that the schema is migrated (PostgresArtifactStore.migrate())",
                    new IOException(cause));
        }
    }

    @Override
    public String toString() {
        return "PostgresArtifactStore[owner=" + ownerId + "]";
    }

    /** Builds a {@link PostgresArtifactStore}: a data source (or URL, or host/port/database) and an owner id are required. */
    public static final class Builder {
        private DataSource dataSource;
        private String jdbcUrl;
        private String host;
        private int port = 5432;
        private String database;
        private String user;
        private String password;
        private String ownerId;
        private boolean migrate;

        private Builder() {}

        /** An external data source (a pool, Spring's…); takes precedence over URL settings. */
        public Builder dataSource(DataSource v) { this.dataSource = v; return this; }
        public Builder jdbcUrl(String v) { this.jdbcUrl = v; return this; }
        public Builder host(String v) { this.host = v; return this; }
        public Builder port(int v) { this.port = v; return this; }
        public Builder database(String v) { this.database = v; return this; }
        public Builder user(String v) { this.user = v; return this; }
        public Builder password(String v) { this.password = v; return this; }
        /** The owner (user id) every project of this store belongs to. Required. */
        public Builder ownerId(String v) { this.ownerId = v; return this; }
        /** Run the Flyway migrations in {@code build()} (default false: call {@link #migrate()} or migrate at deploy time). */
        public Builder migrate(boolean v) { this.migrate = v; return this; }

        public PostgresArtifactStore build() {
            Tenancy.requireOwnerId(ownerId);
            dataSource = resolve(dataSource, jdbcUrl, host, port, database, user, password);
            return new PostgresArtifactStore(this);
        }
    }

    static DataSource resolve(DataSource ds, String jdbcUrl, String host, int port, String database, String user, String password) {
        if (ds != null) {
            return ds;
        }
        if (jdbcUrl != null) {
            return Db.dataSource(jdbcUrl, user, password);
        }
        if (host != null || database != null) {
            return Db.dataSource(Db.url(host, port, database), user, password);
        }
        throw new IllegalStateException("no database given: call dataSource(...), jdbcUrl(...) or host/port/database(...)");
    }
}
