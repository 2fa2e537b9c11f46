package io.wayfarer.gateway;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes sessions into the real Redis exactly as auth-service's SessionStore does (same CREATE script,
 * same key names under the context's key prefix), so the gateway is tested against the real record.
 */
final class TestSessions implements AutoCloseable {

    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(12);

    /** auth-service's SessionStore.CREATE, verbatim. */
    private static final String CREATE = """
            redis.call('HSET', KEYS[1], 'uid', ARGV[1], 'roles', ARGV[2], 'status', 'active',
                       'created', ARGV[3], 'seen', ARGV[3], 'absexp', ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            redis.call('SADD', KEYS[2], ARGV[6])
            local ttl = redis.call('PTTL', KEYS[2])
            if ttl < tonumber(ARGV[7]) then redis.call('PEXPIRE', KEYS[2], ARGV[7]) end
            return 1""";

    record Session(String userId, String sessionId) {

        TestTokens.Builder token() {
            return TestTokens.anAccessToken(userId, sessionId);
        }

        String bearer() {
            return "Bearer " + token().build();
        }
    }

    private final RedisClient client;
    final RedisCommands<String, String> redis;
    final String prefix;

    TestSessions(String host, int port, String prefix) {
        this.client = RedisClient.create(RedisURI.create(host, port));
        this.redis = client.connect().sync();
        this.prefix = prefix;
    }

    Session create(String... roles) {
        return create(UUID.randomUUID().toString(), ABSOLUTE, roles);
    }

    Session create(String userId, Duration absoluteLifetime, String... roles) {
        String sessionId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        redis.eval(CREATE, ScriptOutputType.INTEGER,
                new String[] {sessionKey(sessionId), prefix + "user-sessions:" + userId},
                userId, String.join(",", roles), String.valueOf(now.toEpochMilli()),
                String.valueOf(now.plus(absoluteLifetime).toEpochMilli()), String.valueOf(IDLE.toMillis()), sessionId,
                String.valueOf(ABSOLUTE.toMillis()));
        return new Session(userId, sessionId);
    }

    /** auth-service's SessionStore.rewriteRoles (on user.roles.changed): the live session holds these roles now. */
    void rewriteRoles(Session session, String... roles) {
        redis.eval("""
                if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
                redis.call('HSET', KEYS[1], 'roles', ARGV[1])
                return 1""", ScriptOutputType.INTEGER, new String[] {sessionKey(session.sessionId())}, String.join(",", roles));
    }

    String sessionKey(String sessionId) {
        return prefix + "session:" + sessionId;
    }

    /** What SessionStore.revoke does: the key is gone. */
    void revoke(Session session) {
        redis.del(sessionKey(session.sessionId()));
        redis.srem(prefix + "user-sessions:" + session.userId(), session.sessionId());
    }

    /**
     * What chat-service's {@code Tickets.issue} writes: {@code ticket} live for {@code ttl}, held by the
     * session, under chat-service's key ({@code ChatKeys.ticket}).
     */
    void issueChatTicket(String ticket, Session holder, Duration ttl) {
        redis.psetex(chatTicketKey(ticket), ttl.toMillis(), holder.userId() + "," + holder.sessionId());
    }

    /** What chat-service's {@code Tickets.redeem} does (GETDEL): the ticket is used. */
    String redeemChatTicket(String ticket) {
        return redis.getdel(chatTicketKey(ticket));
    }

    String chatTicketKey(String ticket) {
        return prefix + "chat:ticket:" + ticket;
    }

    List<String> keys(String pattern) {
        return redis.keys(prefix + pattern);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
