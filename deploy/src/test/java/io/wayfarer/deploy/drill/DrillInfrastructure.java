package io.wayfarer.deploy.drill;

import io.wayfarer.platform.localinfra.Kafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.embedded.RedisServer;

/**
 * The drill's own PostgreSQL, Redis and Kafka, each on a fixed port chosen at start and with its data kept
 * under the drill's directory, so each can be stopped and started again without touching the machine's
 * servers (other builds use 127.0.0.1:5432 and :6379 meanwhile).
 */
final class DrillInfrastructure implements AutoCloseable {

    static final List<String> DATABASES = List.of("wayfarer_auth", "wayfarer_rbac", "wayfarer_catalog",
            "wayfarer_chat", "wayfarer_recommend", "wayfarer_payment");

    private final Path directory;
    private final int postgresPort = freePort();
    private final int redisPort = freePort();
    private final KafkaBroker kafka;
    private EmbeddedPostgres postgres;
    private RedisServer redis;

    private DrillInfrastructure(Path directory) {
        this.directory = directory;
        this.kafka = new KafkaBroker(directory.resolve("kafka"), freePort(), freePort());
    }

    static DrillInfrastructure start(Path directory) {
        DrillInfrastructure infrastructure = new DrillInfrastructure(directory);
        try {
            infrastructure.startPostgres();
            infrastructure.startRedis();
            infrastructure.kafka.format();
            infrastructure.kafka.start();
            infrastructure.kafka.createTopics(Kafka.TOPICS, 3);
            DATABASES.forEach(infrastructure::createDatabase);
            return infrastructure;
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    /** What every service reads (platform's wayfarer-defaults.properties). */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DB_HOST", "127.0.0.1");
        environment.put("DB_PORT", String.valueOf(postgresPort));
        environment.put("DB_USER", "postgres");
        environment.put("DB_PASSWORD", "");
        // 14 pools on one server: the launcher's small pool, so max_connections is never the bottleneck
        environment.put("DB_POOL_SIZE", "4");
        environment.put("REDIS_HOST", "127.0.0.1");
        environment.put("REDIS_PORT", String.valueOf(redisPort));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        return environment;
    }

    String describe() {
        return "PostgreSQL 127.0.0.1:" + postgresPort + ", Redis 127.0.0.1:" + redisPort + ", Kafka "
                + kafka.bootstrapServers() + " (data under " + directory + ")";
    }

    int redisPort() {
        return redisPort;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + database, "postgres", "");
    }

    /** How many outbox rows of {@code type} each subject has in a service's database. */
    Map<String, Integer> outboxEventsPerSubject(String database, String type) throws SQLException {
        Map<String, Integer> counts = new java.util.HashMap<>();
        try (Connection db = connect(database);
             var query = db.prepareStatement("SELECT subject, count(*) FROM outbox_event WHERE type = ? GROUP BY subject")) {
            query.setString(1, type);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    void startPostgres() {
        try {
            Path data = directory.resolve("postgres");
            Files.createDirectories(data);
            postgres = EmbeddedPostgres.builder().setPort(postgresPort).setDataDirectory(data)
                    .setCleanDataDirectory(false).setServerConfig("max_connections", "200").start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL", e);
        }
    }

    void stopPostgres() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL", e);
        }
    }

    void startRedis() {
        try {
            Path data = directory.resolve("redis");
            Files.createDirectories(data);
            // append-only file: what production's persistent Redis keeps; sessions survive a restart
            redis = RedisServer.builder().bind("127.0.0.1").port(redisPort).setting("save \"\"")
                    .setting("dir " + data.toAbsolutePath()).setting("appendonly yes").build();
            redis.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Redis", e);
        }
    }

    void stopRedis() {
        redis.stop();
    }

    void startKafka() {
        kafka.start();
    }

    void stopKafka() {
        kafka.stop();
    }

    private void createDatabase(String database) {
        try (Connection connection = connect("postgres"); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create " + database, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kafka.close();
        if (redis != null && redis.isActive()) {
            redis.stop();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("Could not stop PostgreSQL: " + e.getMessage());
            }
        }
    }
}
