package io.wayfarer.auth.caller;

import java.util.List;
import java.util.UUID;

/** Who is calling: a verified access token whose session is live. Resolved by {@link CallerResolver}. */
public record Caller(UUID userId, UUID sessionId, List<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
