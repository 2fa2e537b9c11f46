package io.wayfarer.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * This instance's own buckets, used only while Redis is unreachable, so anonymous traffic on public
 * routes stays throttled instead of failing open. Each gateway instance then allows the full rate on
 * its own (n instances: n times the limit), which is the documented degradation.
 */
@Component
public class LocalBuckets {

    private final Cache<String, Level> levels = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    /** Takes one token; 0 when taken, otherwise milliseconds until one will be available. */
    public long take(Bucket bucket, long nowMillis) {
        Level level = levels.get(bucket.key(), key -> new Level(bucket.capacity(), nowMillis));
        synchronized (level) {
            double tokens = Math.min(bucket.capacity(),
                    level.tokens + Math.max(0, nowMillis - level.at) / (double) bucket.refillEveryMillis());
            level.at = nowMillis;
            if (tokens < 1) {
                level.tokens = tokens;
                return (long) Math.ceil((1 - tokens) * bucket.refillEveryMillis());
            }
            level.tokens = tokens - 1;
            return 0;
        }
    }

    private static final class Level {
        private double tokens;
        private long at;

        private Level(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
