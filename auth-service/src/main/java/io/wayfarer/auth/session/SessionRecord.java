package io.wayfarer.auth.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A live login, as kept in Redis under {@code session:{sid}} (docs/identity.md). */
public record SessionRecord(UUID sessionId, UUID userId, List<String> roles, String status, Instant createdAt,
        Instant lastSeenAt, Instant absoluteExpiry) {

    public static final String ACTIVE = "active";

    public boolean isActive() {
        return ACTIVE.equals(status);
    }
}
