package io.autonoma.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A host application with its own Flyway setup (defaults: {@code classpath:db/migration},
 * {@code flyway_schema_history}) and Autonoma's schema live side by side in one database schema:
 * neither runs the other's scripts or writes the other's history.
 */
class HostFlywayIT {

    @Test
    void host_flyway_and_autonoma_schema_do_not_run_each_others_migrations() throws Exception {
        String schema = "host_" + UUID.randomUUID().toString().replace("-", "");
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setUrl(PgTest.url());
        exec(admin, "CREATE SCHEMA " + schema);
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(PgTest.url());
            ds.setCurrentSchema(schema + ",public"); // public holds the vector extension's type

            int hostRan = Flyway.configure().dataSource(ds).schemas(schema).load().migrate().migrationsExecuted;
            assertThat(hostRan).isEqualTo(1);
            assertThat(tables(ds, schema)).contains("host_orders", "flyway_schema_history").doesNotContain("projects");

            assertThat(AutonomaSchema.migrate(ds)).isEqualTo(2);
            assertThat(tables(ds, schema)).contains("projects", "autonoma_jobs", "autonoma_schema_history", "host_orders");
            assertThat(scripts(ds, schema + ".flyway_schema_history")).containsExactly("V1__host_app.sql");
            assertThat(scripts(ds, schema + ".autonoma_schema_history")).containsExactly("V1__schema.sql", "V2__jobs.sql");

            // and again: both are up to date, nothing runs twice
            assertThat(Flyway.configure().dataSource(ds).schemas(schema).load().migrate().migrationsExecuted).isZero();
            assertThat(AutonomaSchema.migrate(ds)).isZero();
        } finally {
            exec(admin, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void exec(PGSimpleDataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> tables(PGSimpleDataSource ds, String schema) throws Exception {
        return column(ds, "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'");
    }

    private static List<String> scripts(PGSimpleDataSource ds, String table) throws Exception {
        return column(ds, "SELECT script FROM " + table + " WHERE success AND type <> 'BASELINE' ORDER BY installed_rank");
    }

    private static List<String> column(PGSimpleDataSource ds, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
