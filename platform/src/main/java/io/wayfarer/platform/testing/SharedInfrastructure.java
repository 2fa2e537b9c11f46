package io.wayfarer.platform.testing;

import io.wayfarer.platform.localinfra.Kafka;
import io.wayfarer.platform.localinfra.Postgres;
import io.wayfarer.platform.localinfra.Redis;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers every test context of one JVM shares: started (or found on the machine) on first
 * use, stopped when the JVM exits. Isolation between contexts comes from a fresh database and a
 * fresh Redis key prefix per context, never from sharing state.
 */
public final class SharedInfrastructure {

    private static final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();
    private static Postgres postgres;
    private static Redis redis;
    private static Kafka kafka;

    private SharedInfrastructure() {
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = Postgres.startOrConnect(null, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                createdDatabases.forEach(postgres::dropDatabase);
                postgres.close();
            }, "drop-test-databases"));
        }
        return postgres;
    }

    public static synchronized Redis redis() {
        if (redis == null) {
            redis = Redis.startOrConnect(0, null);
            Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "stop-test-redis"));
        }
        return redis;
    }

    public static synchronized Kafka kafka() {
        if (kafka == null) {
            kafka = Kafka.start(2);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "stop-test-kafka"));
        }
        return kafka;
    }

    /** A new, empty database that is dropped when the JVM exits. */
    public static String freshDatabase(String owner) {
        String name = ("t_" + owner.replaceAll("[^A-Za-z0-9]", "") + "_" + shortId()).toLowerCase(Locale.ROOT);
        postgres().createDatabaseIfMissing(name);
        createdDatabases.add(name);
        return name;
    }

    /** A key prefix no other test context uses, for every Redis key a context writes. */
    public static String freshKeyPrefix(String owner) {
        return "test:" + owner + ":" + shortId() + ":";
    }

    private static String shortId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
