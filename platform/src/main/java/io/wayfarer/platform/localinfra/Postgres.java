package io.wayfarer.platform.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for local runs and tests: the machine's own when one answers on
 * the configured host and port, otherwise an embedded one (real binaries shipped in a Maven
 * artifact). Knows how to create and drop the databases each service or test context owns.
 */
public final class Postgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Postgres.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private Postgres(String host, int port, String user, String password, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    /**
     * Uses the server at {@code WAYFARER_PG_HOST:WAYFARER_PG_PORT} (default 127.0.0.1:5432, user
     * postgres) if it accepts a connection; otherwise starts an embedded server.
     *
     * @param embeddedDataDirectory where an embedded server keeps its data; {@code null} for a
     *                              throwaway directory that is wiped at start
     * @param embeddedPort          port for an embedded server, 0 for any free port
     */
    public static Postgres startOrConnect(Path embeddedDataDirectory, int embeddedPort) {
        String host = LocalSettings.get("WAYFARER_PG_HOST", "127.0.0.1");
        int port = Integer.parseInt(LocalSettings.get("WAYFARER_PG_PORT", "5432"));
        String user = LocalSettings.get("WAYFARER_PG_USER", "postgres");
        String password = LocalSettings.get("WAYFARER_PG_PASSWORD", "");
        Postgres machine = new Postgres(host, port, user, password, null);
        if (LocalSettings.forceEmbedded() || !machine.answers()) {
            return startEmbedded(embeddedDataDirectory, embeddedPort);
        }
        log.info("Using PostgreSQL at {}:{}", host, port);
        return machine;
    }

    private static Postgres startEmbedded(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port);
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres embedded = builder.start();
            log.info("Started embedded PostgreSQL on port {}", embedded.getPort());
            return new Postgres("127.0.0.1", embedded.getPort(), "postgres", "", embedded);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start embedded PostgreSQL", e);
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
        } catch (IOException e) {
            return false;
        }
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            log.warn("PostgreSQL at {}:{} refused a connection: {}", host, port, e.getMessage());
            return false;
        }
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates the database unless it exists. Returns true if it was created. */
    public boolean createDatabaseIfMissing(String database) {
        requireValidName(database);
        try (Connection connection = connect("postgres");
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (exists.executeQuery().next()) {
                return false;
            }
            try (var create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
            return true;
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) { // created concurrently by someone else
                return false;
            }
            throw new IllegalStateException("Could not create database " + database, e);
        }
    }

    public void dropDatabase(String database) {
        requireValidName(database);
        try (Connection connection = connect("postgres"); var drop = connection.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            log.warn("Could not drop database {}: {}", database, e.getMessage());
        }
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, Optional.ofNullable(password).orElse(""));
    }

    private static void requireValidName(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a safe database name: " + database);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("Could not stop embedded PostgreSQL: {}", e.getMessage());
            }
        }
    }
}
