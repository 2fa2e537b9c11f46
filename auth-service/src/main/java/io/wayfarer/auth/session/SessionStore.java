package io.wayfarer.auth.session;

import io.wayfarer.auth.AuthProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The shared session store: one Redis for every instance, so a login on instance A is valid
 * on B and a revocation is refused everywhere on the next request. Each session has an idle
 * timeout that slides with use and an absolute lifetime; a per-user set indexes a user's
 * sessions so logout-all and kick never scan keys.
 */
@Component
public class SessionStore {

    private static final RedisScript<Long> CREATE = RedisScript.of("""
            redis.call('HSET', KEYS[1], 'uid', ARGV[1], 'roles', ARGV[2], 'status', 'active',
                       'created', ARGV[3], 'seen', ARGV[3], 'absexp', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('SADD', KEYS[2], ARGV[6])
            redis.call('ZADD', KEYS[3], ARGV[4], ARGV[6])
            local ttl = redis.call('PTTL', KEYS[2])
            if ttl < tonumber(ARGV[7]) then redis.call('PEXPIRE', KEYS[2], ARGV[7]) end
            return 1""", Long.class);

    /** Slides the idle timeout, never past the absolute expiry; 0 when the session is gone. */
    private static final RedisScript<Long> TOUCH = RedisScript.of("""
            local absexp = redis.call('HGET', KEYS[1], 'absexp')
            if not absexp then return 0 end
            local now = tonumber(ARGV[1])
            local left = tonumber(absexp) - now
            if left <= 0 then redis.call('DEL', KEYS[1]) return 0 end
            redis.call('HSET', KEYS[1], 'seen', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], math.min(left, tonumber(ARGV[2])))
            return 1""", Long.class);

    private static final RedisScript<Long> REVOKE = RedisScript.of("""
            local removed = redis.call('DEL', KEYS[1])
            redis.call('SREM', KEYS[2], ARGV[1])
            redis.call('ZREM', KEYS[3], ARGV[1])
            return removed""", Long.class);

    /** Only a session that still exists is rewritten: a revoked one must not come back. */
    private static final RedisScript<Long> REWRITE_ROLES = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], 'roles', ARGV[1])
            return 1""", Long.class);

    private final StringRedisTemplate redis;
    private final AuthProperties properties;
    private final Clock clock;
    private final String prefix;

    SessionStore(StringRedisTemplate redis, AuthProperties properties, Clock clock,
            @Value("${wayfarer.redis.key-prefix:}") String prefix) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
        this.prefix = prefix;
    }

    public SessionRecord create(UUID userId, List<String> roles) {
        UUID sessionId = UUID.randomUUID();
        Instant now = clock.instant();
        Instant absoluteExpiry = now.plus(properties.sessionAbsoluteLifetime());
        redis.execute(CREATE, List.of(sessionKey(sessionId), userKey(userId), liveKey()),
                userId.toString(), String.join(",", roles), millis(now), millis(absoluteExpiry),
                String.valueOf(properties.sessionIdleTimeout().toMillis()), sessionId.toString(),
                String.valueOf(properties.sessionAbsoluteLifetime().toMillis()));
        return new SessionRecord(sessionId, userId, List.copyOf(roles), SessionRecord.ACTIVE, now, now, absoluteExpiry);
    }

    public Optional<SessionRecord> find(UUID sessionId) {
        Map<Object, Object> fields = redis.opsForHash().entries(sessionKey(sessionId));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        String roles = (String) fields.getOrDefault("roles", "");
        return Optional.of(new SessionRecord(sessionId,
                UUID.fromString((String) fields.get("uid")),
                roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
                (String) fields.get("status"),
                instant(fields.get("created")), instant(fields.get("seen")), instant(fields.get("absexp"))));
    }

    /** Slides the idle timeout; false when the session no longer exists. */
    public boolean touch(UUID sessionId) {
        Long alive = redis.execute(TOUCH, List.of(sessionKey(sessionId)), millis(clock.instant()),
                String.valueOf(properties.sessionIdleTimeout().toMillis()));
        return alive != null && alive == 1L;
    }

    /** Ends one session; true if it was live. */
    public boolean revoke(UUID userId, UUID sessionId) {
        Long removed = redis.execute(REVOKE, List.of(sessionKey(sessionId), userKey(userId), liveKey()),
                sessionId.toString());
        return removed != null && removed > 0;
    }

    /** Ends every session of the user except {@code keep} (null: all); returns the ended ids. */
    public List<UUID> revokeAll(UUID userId, UUID keep) {
        List<UUID> ended = new ArrayList<>();
        for (UUID sessionId : indexed(userId)) {
            if (!sessionId.equals(keep) && revoke(userId, sessionId)) {
                ended.add(sessionId);
            }
        }
        return ended;
    }

    /** The user's live sessions; ids of sessions that expired meanwhile are dropped from the index. */
    public List<SessionRecord> list(UUID userId) {
        List<SessionRecord> live = new ArrayList<>();
        for (UUID sessionId : indexed(userId)) {
            find(sessionId).ifPresentOrElse(live::add,
                    () -> redis.opsForSet().remove(userKey(userId), sessionId.toString()));
        }
        live.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
        return live;
    }

    /** Rewrites the roles of every live session of the user (their next request sees them). */
    public void rewriteRoles(UUID userId, List<String> roles) {
        for (UUID sessionId : indexed(userId)) {
            redis.execute(REWRITE_ROLES, List.of(sessionKey(sessionId)), String.join(",", roles));
        }
    }

    private List<UUID> indexed(UUID userId) {
        Set<String> members = redis.opsForSet().members(userKey(userId));
        return members == null ? List.of() : members.stream().map(UUID::fromString).toList();
    }

    String sessionKey(UUID sessionId) {
        return sessionKeyOf(sessionId.toString());
    }

    String sessionKeyOf(String sessionId) {
        return prefix + "session:" + sessionId;
    }

    /** Every session by absolute expiry: what {@link SessionCount} counts, never used to authorise anything. */
    String liveKey() {
        return prefix + "sessions:live";
    }

    private String userKey(UUID userId) {
        return prefix + "user-sessions:" + userId;
    }

    private static String millis(Instant instant) {
        return String.valueOf(instant.toEpochMilli());
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(Long.parseLong((String) millis));
    }
}
