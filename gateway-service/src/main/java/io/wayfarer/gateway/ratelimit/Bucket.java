package io.wayfarer.gateway.ratelimit;

/**
 * One token bucket: its Redis key (without the deployment's key prefix), how many requests it holds
 * and how many milliseconds it takes to gain one back.
 */
public record Bucket(String key, int capacity, long refillEveryMillis) {

    Bucket(String key, RateLimitProperties.Limit limit) {
        this(key, limit.capacity(), Math.max(1, limit.refillEvery().toMillis()));
    }

    /** How long until an untouched bucket is full again, after which its key may expire. */
    public long millisToFull() {
        return (long) capacity * refillEveryMillis;
    }
}
