package io.wayfarer.gateway.session;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Whether a chat socket ticket is live (issued, not yet redeemed, not expired), asked of Redis with one
 * {@code EXISTS} on the edge's own connection ({@link EdgeRedisConnection}). The ticket is only looked at,
 * never consumed: chat-service redeems it with {@code GETDEL} at its own handshake, so exactly one socket
 * opens per ticket whatever the gateway saw. Asked for chat handshakes only, never on the per-request
 * path ({@code admit.lua}).
 */
@Component
public class ChatTickets {

    /**
     * The ticket's key, {@code <wayfarer.redis.key-prefix>chat:ticket:<ticket>}. Owned by chat-service
     * ({@code io.wayfarer.chat.ChatKeys#ticket}, written by its {@code Tickets.issue}): change both together.
     */
    static final String KEY_PREFIX = "chat:ticket:";

    /** What Redis said about a ticket, or that it could not be asked. */
    public sealed interface Lookup {
    }

    public record Live() implements Lookup {
    }

    /** Never issued, already redeemed, or expired: Redis cannot tell which, and nobody needs to. */
    public record Unknown() implements Lookup {
    }

    /** Redis could not be reached or did not answer in time. */
    public record Unreachable(Throwable cause) implements Lookup {
    }

    private final EdgeRedisConnection redis;
    private final String keyPrefix;

    ChatTickets(EdgeRedisConnection redis, @Value("${wayfarer.redis.key-prefix:}") String prefix) {
        this.redis = redis;
        this.keyPrefix = prefix + KEY_PREFIX;
    }

    /** {@code ticket}: already of chat-service's shape (the handshake filter checked it). */
    public Mono<Lookup> lookUp(String ticket) {
        byte[] key = key(ticket).getBytes(StandardCharsets.UTF_8);
        return Mono.fromCompletionStage(redis.<Long>send(commands -> commands.exists(key))
                .handle((count, error) -> error == null ? found(count) : unreachable(error)));
    }

    String key(String ticket) {
        return keyPrefix + ticket;
    }

    private static Lookup found(Long count) {
        return count != null && count > 0 ? new Live() : new Unknown();
    }

    private static Lookup unreachable(Throwable error) {
        Throwable cause = SessionGate.cause(error);
        if (SessionGate.isRedisFailure(cause)) {
            return new Unreachable(cause);
        }
        throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
    }
}
