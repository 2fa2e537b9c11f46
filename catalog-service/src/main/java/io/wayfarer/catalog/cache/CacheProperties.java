package io.wayfarer.catalog.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wayfarer.catalog.cache.*} — see docs/cache.md.
 *
 * @param enabled        false reads PostgreSQL every time (the benchmark's baseline)
 * @param ttl            lifetime of an entry before jitter
 * @param ttlJitter      each entry lives ttl × (1 + random[0, jitter)) so entries filled together do not expire together
 * @param notFoundTtl    lifetime of a cached "no such id" (penetration guard)
 * @param maxLoadAge     a load older than this is returned but never written to Redis
 * @param repairInterval how often invalidations that could not reach Redis are retried
 */
@ConfigurationProperties("wayfarer.catalog.cache")
public record CacheProperties(boolean enabled, Duration ttl, double ttlJitter, Duration notFoundTtl,
        Duration maxLoadAge, Duration repairInterval) {

    public CacheProperties {
        ttl = ttl == null ? Duration.ofMinutes(10) : ttl;
        notFoundTtl = notFoundTtl == null ? Duration.ofMinutes(1) : notFoundTtl;
        maxLoadAge = maxLoadAge == null ? Duration.ofSeconds(2) : maxLoadAge;
        repairInterval = repairInterval == null ? Duration.ofMillis(200) : repairInterval;
        if (ttlJitter < 0 || ttlJitter > 1) {
            throw new IllegalArgumentException("wayfarer.catalog.cache.ttl-jitter must be within [0, 1]");
        }
        if (maxLoadAge.compareTo(ttl) >= 0 || maxLoadAge.compareTo(notFoundTtl) >= 0) {
            throw new IllegalArgumentException("max-load-age must be shorter than every TTL (docs/cache.md)");
        }
    }
}
