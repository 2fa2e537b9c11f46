package io.wayfarer.chat.ticket;

import io.wayfarer.chat.ChatKeys;
import io.wayfarer.chat.ChatProperties;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * One-time socket tickets: browsers cannot put a bearer token on the WebSocket handshake, and a
 * token in the URL would end up in logs for its whole lifetime. A ticket is 256 random bits, lives
 * 30 s in Redis (any instance can redeem it) and is redeemed with GETDEL, so it opens exactly one
 * socket even if two instances race for it.
 */
@Component
public class Tickets {

    private static final SecureRandom random = new SecureRandom();

    private final StringRedisTemplate redis;
    private final ChatKeys keys;
    private final ChatProperties properties;

    Tickets(StringRedisTemplate redis, ChatKeys keys, ChatProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.properties = properties;
    }

    /** Who a redeemed ticket was issued to. */
    public record Holder(UUID userId, UUID sessionId) {
    }

    String issue(UUID userId, UUID sessionId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        redis.opsForValue().set(keys.ticket(ticket), userId + "," + sessionId, properties.ticketTtl());
        return ticket;
    }

    /** The ticket's holder, once; empty for an unknown, used or expired ticket. */
    public Optional<Holder> redeem(String ticket) {
        if (ticket == null || ticket.length() != 43 || !ticket.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        String value = redis.opsForValue().getAndDelete(keys.ticket(ticket));
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(",", 2);
        return Optional.of(new Holder(UUID.fromString(parts[0]), UUID.fromString(parts[1])));
    }

    /** Whether auth-service's session record still exists (gone: logged out, revoked or expired). */
    public boolean sessionAlive(UUID sessionId) {
        return Boolean.TRUE.equals(redis.hasKey(keys.session(sessionId)));
    }
}
