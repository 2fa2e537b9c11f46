package io.wayfarer.auth.account;

import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it: never the password hash. */
public record UserView(UUID id, String account, String displayName, String email, boolean enabled,
        Instant createdAt, Instant lastLoginAt) {
}
