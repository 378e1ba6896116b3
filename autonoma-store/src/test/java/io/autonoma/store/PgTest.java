package io.autonoma.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The PostgreSQL every *IT uses: AUTONOMA_PG_URL (environment or system property). Missing means failure, never a skip. */
public final class PgTest {
    public static final String VARIABLE = "AUTONOMA_PG_URL";
    private static DataSource dataSource;

    private PgTest() {}

    public static String url() {
        String url = System.getenv(VARIABLE);
        if (url == null || url.isBlank()) {
            url = System.getProperty(VARIABLE);
        }
        if (url == null || url.isBlank()) {
            fail(VARIABLE + " is not set: the *IT tests need PostgreSQL with pgvector. Start one with"
                    + " 'bash ci/pgvector.sh start' and run 'AUTONOMA_PG_URL=\"$(bash ci/pgvector.sh url)\" mvn verify'"
                    + " (or skip integration tests with -DskipITs). See autonoma-store/README.md.");
        }
        return url;
    }

    /** A migrated database (migrations run once per JVM). */
    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url());
            AutonomaSchema.migrate(ds);
            dataSource = ds;
        }
        return dataSource;
    }

    /** A fresh owner: a store for it starts empty, whatever other tests left in the database. */
    public static String newOwner() {
        return "test-" + UUID.randomUUID();
    }
}
