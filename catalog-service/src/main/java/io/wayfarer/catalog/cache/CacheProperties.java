package io.wayfarer.catalog.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code wayfarer.catalog.cache.*} — see docs/cache.md.
 *
 * @param enabled        false reads PostgreSQL every time (the benchmark's baseline)
 * @param ttl            lifetime of an entry before jitter
 * @param ttlJitter      each entry lives ttl × (1 + random[0, jitter)) so entries filled together do not expire together
 * @param notFoundTtl    lifetime of a cached "no such id" (penetration guard)
 * @param maxLoadAge     a load older than this is returned but never written to Redis or the near cache
 * @param repairInterval how often invalidations that could not reach Redis are retried
 * @param near           the in-process cache in front of Redis
 */
@ConfigurationProperties("wayfarer.catalog.cache")
public record CacheProperties(boolean enabled, Duration ttl, double ttlJitter, Duration notFoundTtl,
        Duration maxLoadAge, Duration repairInterval, @DefaultValue Near near) {

    public CacheProperties {
        ttl = ttl == null ? Duration.ofMinutes(10) : ttl;
        notFoundTtl = notFoundTtl == null ? Duration.ofMinutes(1) : notFoundTtl;
        maxLoadAge = maxLoadAge == null ? Duration.ofSeconds(2) : maxLoadAge;
        repairInterval = repairInterval == null ? Duration.ofMillis(200) : repairInterval;
        near = near == null ? new Near(true, 10_000, Duration.ofSeconds(10), Duration.ofMillis(500), 100_000) : near;
        if (ttlJitter < 0 || ttlJitter > 1) {
            throw new IllegalArgumentException("wayfarer.catalog.cache.ttl-jitter must be within [0, 1]");
        }
        if (maxLoadAge.compareTo(ttl) >= 0 || maxLoadAge.compareTo(notFoundTtl) >= 0) {
            throw new IllegalArgumentException("max-load-age must be shorter than every TTL (docs/cache.md)");
        }
    }

    /** How long a floor is remembered in the near cache: longer than any load may take (docs/cache.md). */
    Duration nearFloorLife() {
        return maxLoadAge.multipliedBy(2);
    }

    /**
     * {@code wayfarer.catalog.cache.near.*}: answers kept in this instance's memory, dropped when any
     * instance's commit is announced on the floor channel.
     *
     * @param enabled    false: every read goes to Redis, as before the near cache
     * @param maxEntries entries kept per cache (trip, destination, expert); the least used go first
     * @param maxAge     an entry is dropped this long after it was stored, whatever the channel says (safety net)
     * @param liveness   the near cache answers only while the floor channel proved, less than this long ago,
     *                   that it delivers: the worst-case delay of another instance's invalidation here
     * @param maxFloors  floors remembered per cache; evicting one early refuses every fill then in flight
     */
    public record Near(@DefaultValue("true") boolean enabled, @DefaultValue("10000") int maxEntries,
            @DefaultValue("5m") Duration maxAge, @DefaultValue("500ms") Duration liveness,
            @DefaultValue("100000") int maxFloors) {

        public Near {
            if (enabled && (maxEntries < 1 || maxFloors < 1 || maxAge.isNegative() || maxAge.isZero()
                    || liveness.toMillis() < 20)) {
                throw new IllegalArgumentException(
                        "wayfarer.catalog.cache.near: max-entries, max-floors and max-age must be positive, liveness >= 20ms");
            }
        }

        /** How often the floor channel is pinged: a few pings per liveness window. */
        Duration pingInterval() {
            return liveness.dividedBy(5);
        }
    }
}
