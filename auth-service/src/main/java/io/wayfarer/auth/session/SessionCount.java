package io.wayfarer.auth.session;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code wayfarer_auth_sessions_active}: sessions that exist in the shared store, over every auth instance. The
 * store keeps a sorted set of session ids by absolute expiry; a sweep drops the expired ones, and those that ended
 * by idle timeout (their key is gone), in pages, so the count is right within one sweep interval without ever
 * scanning the keyspace.
 */
@Component
class SessionCount {

    private static final int PAGE = 500;

    private final StringRedisTemplate redis;
    private final SessionStore sessions;
    private final Clock clock;
    private final AtomicLong active = new AtomicLong();

    SessionCount(StringRedisTemplate redis, SessionStore sessions, Clock clock, MeterRegistry registry) {
        this.redis = redis;
        this.sessions = sessions;
        this.clock = clock;
        Gauge.builder("wayfarer.auth.sessions.active", active, AtomicLong::get)
                .description("Live sessions in the shared session store (all instances)")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${wayfarer.auth.session-count-interval:30s}", initialDelay = 0)
    void sweep() {
        try {
            active.set(count());
        } catch (DataAccessException redisDown) {
            // the gauge keeps its last value; the session store's own health shows Redis is down
        }
    }

    long count() {
        String live = sessions.liveKey();
        redis.opsForZSet().removeRangeByScore(live, Double.NEGATIVE_INFINITY, clock.millis());
        for (long start = 0; ; start += PAGE) {
            Set<String> page = redis.opsForZSet().range(live, start, start + PAGE - 1);
            if (page == null || page.isEmpty()) {
                break;
            }
            List<String> ids = List.copyOf(page);
            List<Object> exists = redis.executePipelined((RedisCallback<Object>)
                    connection -> {
                        ids.forEach(id -> connection.keyCommands().exists(
                                sessions.sessionKeyOf(id).getBytes(StandardCharsets.UTF_8)));
                        return null;
                    });
            String[] gone = IntStream.range(0, ids.size())
                    .filter(i -> !Boolean.TRUE.equals(exists.get(i)))
                    .mapToObj(ids::get)
                    .toArray(String[]::new);
            if (gone.length > 0) {
                redis.opsForZSet().remove(live, (Object[]) gone);
                start -= gone.length; // the page shifted left by what was removed
            }
        }
        Long size = redis.opsForZSet().zCard(live);
        return size == null ? 0 : size;
    }
}
