package io.wayfarer.chat;

import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every Redis key and pub/sub channel of the chat, under {@code wayfarer.redis.key-prefix} (empty in
 * production, unique per test context), so two test contexts never see each other's traffic.
 */
@Component
public class ChatKeys {

    private final String prefix;

    ChatKeys(@Value("${wayfarer.redis.key-prefix:}") String prefix) {
        this.prefix = prefix;
    }

    /** auth-service's session record (docs/identity.md): gone = revoked or expired. */
    public String session(UUID sessionId) {
        return prefix + "session:" + sessionId;
    }

    public String ticket(String ticket) {
        return prefix + "chat:ticket:" + ticket;
    }

    /** A sorted set of the user's live connections ({@code instance|connection}), scored by expiry. */
    public String presence(UUID userId) {
        return prefix + "chat:presence:" + userId;
    }

    /** The channel one instance listens on for frames to its connected users. */
    public String instanceChannel(String instanceId) {
        return prefix + "chat:instance:" + instanceId;
    }

    /** Every instance listens here for sessions to close. */
    public String revocationsChannel() {
        return prefix + "chat:revoked-sessions";
    }
}
