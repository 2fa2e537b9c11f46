package io.wayfarer.recommend.signal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * A token bucket per user for {@code POST /v1/behaviours} (per instance, in memory: the gateway's Redis limiter
 * is the global one; this one keeps a single client from flooding the signals a model learns from).
 * {@code behaviour-rate} tokens per minute, bursts up to {@code behaviour-burst}; over it: 429 + Retry-After.
 */
@Component
class BehaviourThrottle {

    private final double perSecond;
    private final double burst;
    private final Cache<UUID, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(500_000).build();

    BehaviourThrottle(@Value("${wayfarer.recommend.behaviour-rate:120}") double perMinute,
            @Value("${wayfarer.recommend.behaviour-burst:30}") double burst) {
        this.perSecond = perMinute / 60.0;
        this.burst = burst;
    }

    void take(UUID user) {
        Bucket bucket = buckets.get(user, id -> new Bucket(burst, System.nanoTime()));
        double waitSeconds = bucket.take(perSecond, burst, System.nanoTime());
        if (waitSeconds > 0) {
            throw ProblemException.of(ProblemType.TOO_MANY_REQUESTS, "Too many behaviour events; slow down.")
                    .withHeader(HttpHeaders.RETRY_AFTER, String.valueOf((long) Math.ceil(waitSeconds)));
        }
    }

    private static final class Bucket {

        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        /** Takes one token; returns 0, or the seconds until one is available. */
        synchronized double take(double perSecond, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (1 - tokens) / perSecond;
        }
    }
}
