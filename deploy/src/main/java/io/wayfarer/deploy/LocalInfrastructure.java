package io.wayfarer.deploy;

import io.wayfarer.platform.localinfra.Kafka;
import io.wayfarer.platform.localinfra.Postgres;
import io.wayfarer.platform.localinfra.Redis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * PostgreSQL, Redis and Kafka for a local run, through the platform's local infrastructure: the
 * machine's PostgreSQL and Redis when they answer, embedded ones otherwise, and an in-JVM KRaft
 * broker with Wayfarer's topics. The three start in parallel.
 */
final class LocalInfrastructure implements AutoCloseable {

    /** Connections per service: a local run has eight pools against one server, not one heavy user. */
    private static final String LOCAL_POOL_SIZE = "4";

    private final Postgres postgres;
    private final Redis redis;
    private final Kafka kafka;
    private final Path postgresData;

    private LocalInfrastructure(Postgres postgres, Redis redis, Kafka kafka, Path postgresData) {
        this.postgres = postgres;
        this.redis = redis;
        this.kafka = kafka;
        this.postgresData = postgresData;
    }

    static LocalInfrastructure start(InfrastructurePlan plan) {
        var postgres = startAsync("PostgreSQL", () -> Postgres.startOrConnect(plan.postgresData(), plan.embeddedPostgresPort()));
        var redis = startAsync("Redis", () -> Redis.startOrConnect(plan.embeddedRedisPort(), plan.redisData()));
        var kafka = startAsync("Kafka", () -> Kafka.start(plan.kafkaPartitions()));
        try {
            CompletableFuture.allOf(postgres, redis, kafka).join();
            return new LocalInfrastructure(postgres.join(), redis.join(), kafka.join(), plan.postgresData());
        } catch (CompletionException e) {
            // close whatever did start before reporting what did not
            List<AutoCloseable> started = new ArrayList<>();
            for (CompletableFuture<? extends AutoCloseable> server : List.of(kafka, redis, postgres)) {
                if (!server.isCompletedExceptionally()) {
                    started.add(server.join());
                }
            }
            started.forEach(LocalInfrastructure::closeQuietly);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static <T> CompletableFuture<T> startAsync(String what, Supplier<T> starter) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return starter.get();
            } catch (RuntimeException e) {
                throw new LaunchFailure("Could not start " + what + ": " + rootMessage(e), e);
            }
        });
    }

    void createDatabases(Collection<String> databases) {
        databases.forEach(postgres::createDatabaseIfMissing);
    }

    void dropDatabases(Collection<String> databases) {
        databases.forEach(postgres::dropDatabase);
    }

    /** The connection settings every service reads (platform's wayfarer-defaults.properties). */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DB_HOST", postgres.host());
        environment.put("DB_PORT", String.valueOf(postgres.port()));
        environment.put("DB_USER", postgres.user());
        environment.put("DB_PASSWORD", postgres.password());
        environment.put("DB_POOL_SIZE", Optional.ofNullable(System.getenv("DB_POOL_SIZE")).orElse(LOCAL_POOL_SIZE));
        environment.put("REDIS_HOST", redis.host());
        environment.put("REDIS_PORT", String.valueOf(redis.port()));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        return environment;
    }

    /**
     * The embedded PostgreSQL server, which is no child of this JVM ({@code pg_ctl} detaches it):
     * found through its {@code postmaster.pid}, to count its memory and to stop it after a crash.
     */
    Optional<ProcessHandle> embeddedPostgresProcess() {
        if (!postgres.isEmbedded() || postgresData == null) {
            return Optional.empty();
        }
        try (var lines = Files.lines(postgresData.resolve("postmaster.pid"))) {
            return lines.findFirst().map(String::trim).map(Long::parseLong).flatMap(ProcessHandle::of);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    List<String> describe() {
        return List.of(
                String.format("%-18s", "PostgreSQL") + origin(postgres.isEmbedded()) + " " + postgres.host() + ":" + postgres.port(),
                String.format("%-18s", "Redis") + origin(redis.isEmbedded()) + " " + redis.host() + ":" + redis.port(),
                String.format("%-18s", "Kafka") + "in-JVM KRaft broker " + kafka.bootstrapServers());
    }

    private static String origin(boolean embedded) {
        return embedded ? "embedded" : "machine's";
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    @Override
    public void close() {
        closeQuietly(kafka);
        closeQuietly(redis);
        closeQuietly(postgres);
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("Could not stop " + server.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
