package io.autonoma.store.internal;

import com.pgvector.PGvector;
import java.sql.Types;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.postgresql.ds.PGSimpleDataSource;

/** Connection settings shared by the store builders, and the Jdbi set-up (pgvector type). */
public final class Db {
    private Db() {}

    /** A {@link DataSource} from a JDBC URL (user/password may be null when the URL carries them). */
    public static DataSource dataSource(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:postgresql:', was '" + jdbcUrl + "'");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }

    public static String url(String host, int port, String database) {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host must not be blank");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be 1..65535, was " + port);
        if (database == null || database.isBlank()) throw new IllegalArgumentException("database must not be blank");
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** A Jdbi on the data source with the pgvector {@code vector} type registered as an argument and a column type. */
    public static Jdbi jdbi(DataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.registerArgument(new AbstractArgumentFactory<PGvector>(Types.OTHER) {
            @Override
            protected Argument build(PGvector value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position, value);
            }
        });
        jdbi.registerColumnMapper(PGvector.class, (rs, col, ctx) -> {
            String s = rs.getString(col);
            return s == null ? null : new PGvector(s);
        });
        return jdbi;
    }
}
