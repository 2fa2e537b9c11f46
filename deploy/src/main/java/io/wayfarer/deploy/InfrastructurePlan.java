package io.wayfarer.deploy;

import java.nio.file.Path;

/**
 * How the local servers should run when the machine has none of its own.
 *
 * @param postgresData         where an embedded PostgreSQL keeps its data; {@code null} for a
 *                             throwaway directory (tests)
 * @param embeddedPostgresPort port for an embedded PostgreSQL, 0 for any free port; not 5432, so it
 *                             never fights a machine server that {@code WAYFARER_EMBEDDED=true} ignores
 * @param redisData            where an embedded Redis keeps its append-only file (sessions survive a
 *                             restart); {@code null} to keep nothing
 * @param embeddedRedisPort    port for an embedded Redis, 0 for any free port
 */
record InfrastructurePlan(Path postgresData, int embeddedPostgresPort, Path redisData, int embeddedRedisPort,
                          int kafkaPartitions) {

    /** Enough partitions for a consumer group of three replicas (W10). */
    static final int KAFKA_PARTITIONS = 3;

    static InfrastructurePlan local(Path dataDirectory) {
        return new InfrastructurePlan(dataDirectory.resolve("postgres"),
                setting("WAYFARER_EMBEDDED_PG_PORT", 15432),
                dataDirectory.resolve("redis"),
                setting("WAYFARER_EMBEDDED_REDIS_PORT", 16379),
                KAFKA_PARTITIONS);
    }

    /** Every server on a free port, nothing kept: for tests that must not meet a running system. */
    static InfrastructurePlan throwaway() {
        return new InfrastructurePlan(null, 0, null, 0, 1);
    }

    private static int setting(String name, int defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
    }
}
