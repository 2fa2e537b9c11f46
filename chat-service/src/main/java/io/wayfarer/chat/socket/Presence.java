package io.wayfarer.chat.socket;

import io.wayfarer.chat.ChatKeys;
import io.wayfarer.chat.ChatProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Who is online, in Redis, shared by every instance: per user a sorted set of live connections
 * ({@code instance|connection}) scored by their expiry. Heartbeats push the expiry forward, so the
 * connections of a crashed instance fall out by themselves within the presence TTL. The same set
 * tells the fan-out which instances hold a user's sockets, and caps sockets per user.
 */
@Component
class Presence {

    /** Drops expired entries, refuses past the cap (-1), else adds and returns the user's live count. */
    private static final RedisScript<Long> REGISTER = RedisScript.of("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return -1 end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return redis.call('ZCARD', KEYS[1])""", Long.class);

    /** Removes one connection; returns how many live ones the user still has. */
    private static final RedisScript<Long> UNREGISTER = RedisScript.of("""
            redis.call('ZREM', KEYS[1], ARGV[2])
            return redis.call('ZCOUNT', KEYS[1], ARGV[1], '+inf')""", Long.class);

    private final StringRedisTemplate redis;
    private final ChatKeys keys;
    private final Clock clock;
    private final ChatProperties properties;

    Presence(StringRedisTemplate redis, ChatKeys keys, Clock clock, ChatProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.properties = properties;
    }

    /** The user's live connection count with this one, or -1 when the user is at the cap. */
    long register(UUID userId, String member) {
        long now = clock.millis();
        Long count = redis.execute(REGISTER, List.of(keys.presence(userId)), String.valueOf(now),
                String.valueOf(now + properties.presenceTtl().toMillis()), member,
                String.valueOf(properties.maxConnectionsPerUser()), String.valueOf(properties.presenceTtl().toMillis() * 2));
        return count == null ? -1 : count;
    }

    /** Removes the connection; returns the user's remaining live connections (all instances). */
    long unregister(UUID userId, String member) {
        Long left = redis.execute(UNREGISTER, List.of(keys.presence(userId)), String.valueOf(clock.millis()), member);
        return left == null ? 0 : left;
    }

    boolean isOnline(UUID userId) {
        Long live = redis.opsForZSet().count(keys.presence(userId), clock.millis(), Double.POSITIVE_INFINITY);
        return live != null && live > 0;
    }

    /** Pushes the expiry of these connections forward (one pipelined round trip). */
    void refresh(Collection<ChatConnection> connections) {
        if (connections.isEmpty()) {
            return;
        }
        double expiry = clock.millis() + properties.presenceTtl().toMillis();
        long keyTtl = properties.presenceTtl().toMillis() * 2;
        // The callback gets a close-suppressing JDK proxy of the driver's RedisConnection, never a
        // StringRedisConnection (StringRedisTemplate does not wrap it): use the byte-level commands.
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (ChatConnection c : connections) {
                byte[] key = bytes(keys.presence(c.userId));
                connection.zSetCommands().zAdd(key, expiry, bytes(c.presenceMember));
                connection.keyCommands().pExpire(key, keyTtl);
            }
            return null;
        });
    }

    /** For each connection, whether its auth session still exists (one pipelined round trip). */
    List<Boolean> sessionsAlive(List<ChatConnection> connections) {
        List<Object> answers = redis.executePipelined((RedisCallback<Object>) connection -> {
            for (ChatConnection c : connections) {
                connection.keyCommands().exists(bytes(keys.session(c.sessionId)));
            }
            return null;
        });
        return answers.stream().map(a -> Boolean.TRUE.equals(a) || (a instanceof Long l && l > 0)).toList();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
