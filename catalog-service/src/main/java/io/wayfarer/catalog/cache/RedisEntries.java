package io.wayfarer.catalog.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Redis side of the cache: plain GET, and the two compare-and-set scripts that make a stale
 * write impossible (the second also announces the commit to every instance's near cache). Every call goes through a circuit breaker; a failure or an open breaker is
 * reported as "Redis unavailable" ({@link Optional#empty()} / false), never as an exception, so
 * the caller serves from PostgreSQL.
 */
class RedisEntries {

    private static final Logger log = LoggerFactory.getLogger(RedisEntries.class);

    /**
     * Writes a loaded entry unless the key holds something at least as new: a newer row, the same
     * row, or a writer's floor above the loaded version. A floor of exactly the loaded version is
     * replaced (the load happened after that commit).
     */
    static final RedisScript<Long> FILL = RedisScript.of("""
            local cur = redis.call('GET', KEYS[1])
            local v = tonumber(ARGV[1])
            if cur then
              local cv, kind = string.match(cur, '^(%-?%d+)|(%a)|')
              cv = tonumber(cv)
              if cv and (cv > v or (cv == v and kind ~= 'F')) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            return 1""", Long.class);

    /**
     * After a commit of version v: leave the floor "v" unless the key already holds v or newer
     * (a later writer's floor, or a fill that read the committed row), and announce the commit on
     * the floor channel in any case: other instances' near caches may hold older versions even when
     * Redis does not. One script, so no instance can receive the message before the floor is there.
     */
    static final RedisScript<Long> INVALIDATE = RedisScript.of("""
            local cur = redis.call('GET', KEYS[1])
            local v = tonumber(ARGV[1])
            redis.call('PUBLISH', ARGV[3], ARGV[4])
            if cur then
              local cv = tonumber(string.match(cur, '^(%-?%d+)|'))
              if cv and cv >= v then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[1] .. '|F|', 'PX', ARGV[2])
            return 1""", Long.class);

    private final StringRedisTemplate redis;
    private final CircuitBreaker breaker;

    RedisEntries(StringRedisTemplate redis) {
        this.redis = redis;
        this.breaker = CircuitBreaker.of("catalog-cache-redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                // a slow Redis shows as command timeouts (spring.data.redis.timeout), i.e. failures
                .waitDurationInOpenState(Duration.ofSeconds(1))
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
        breaker.getEventPublisher().onStateTransition(event ->
                log.warn("Redis cache breaker {}: {}", event.getStateTransition(),
                        event.getStateTransition().getToState() == CircuitBreaker.State.OPEN
                                ? "serving from PostgreSQL" : "trying Redis again"));
    }

    /** What the key holds ({@link Lookup#MISSING} when nothing); empty when Redis is unavailable. */
    Optional<Lookup> get(String key) {
        return call(() -> {
            String raw = redis.opsForValue().get(key);
            return raw == null ? Lookup.MISSING : new Lookup(CacheEntry.parse(raw));
        });
    }

    /** True when written; false when refused (something newer is there) or Redis is unavailable. */
    boolean fill(String key, CacheEntry entry, Duration ttl) {
        return call(() -> redis.execute(FILL, List.of(key), String.valueOf(entry.version()), entry.encode(),
                String.valueOf(ttl.toMillis()))).map(written -> written == 1L).orElse(false);
    }

    /**
     * True when Redis answered (whether or not it had to change the key); {@code announcement} is
     * published on {@code channel} either way.
     */
    boolean invalidate(String key, long version, Duration ttl, String channel, String announcement) {
        return call(() -> redis.execute(INVALIDATE, List.of(key), String.valueOf(version),
                String.valueOf(ttl.toMillis()), channel, announcement)).isPresent();
    }

    boolean available() {
        return breaker.getState() != CircuitBreaker.State.OPEN;
    }

    private <T> Optional<T> call(Supplier<T> operation) {
        if (!breaker.tryAcquirePermission()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        try {
            T result = operation.get();
            breaker.onResult(System.nanoTime() - start, TimeUnit.NANOSECONDS, result);
            return Optional.ofNullable(result);
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            log.debug("Redis call failed, serving from PostgreSQL: {}", e.toString());
            return Optional.empty();
        }
    }

    /** What a GET found: an entry, or nothing under the key. */
    record Lookup(CacheEntry entry) {
        static final Lookup MISSING = new Lookup(null);

        boolean answers() {
            return entry != null && !entry.isFloor();
        }

        long floor() {
            return entry != null && entry.isFloor() ? entry.version() : Long.MIN_VALUE;
        }
    }
}
