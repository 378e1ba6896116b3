package io.autonoma.store;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The persisted schema: Flyway migrations in {@code classpath:io/autonoma/store/migration}
 * ({@code V1__schema.sql}…), history in {@code autonoma_schema_history}. Both are Autonoma's own, so
 * a host application's Flyway (default {@code classpath:db/migration}, {@code flyway_schema_history})
 * neither runs these scripts nor has its scripts run here.
 * Every store's {@code migrate()} calls {@link #migrate(DataSource)}; calling it again is a no-op.
 */
public final class AutonomaSchema {
    /** Where the migrations live on the classpath. */
    public static final String LOCATION = "classpath:io/autonoma/store/migration";

    private AutonomaSchema() {}

    /**
     * Applies pending migrations and returns how many ran. Needs the {@code vector} extension to
     * exist in the database or a role allowed to create it (see autonoma-store/README.md).
     */
    public static int migrate(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try {
            MigrateResult r = Flyway.configure()
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .table("autonoma_schema_history")
                    // A host application's tables may already be in the schema: start Autonoma's
                    // own history at version 0 there instead of refusing a non-empty schema.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            return r.migrationsExecuted;
        } catch (RuntimeException e) {
            throw new StoreException("migrating the Autonoma schema failed: " + e.getMessage()
                    + "; check that the database is reachable and that the 'vector' extension exists"
                    + " (CREATE EXTENSION vector as a superuser, or run ci/pgvector.sh start)", e);
        }
    }
}
