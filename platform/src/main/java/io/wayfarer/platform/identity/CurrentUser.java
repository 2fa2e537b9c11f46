package io.wayfarer.platform.identity;

import java.util.List;
import java.util.UUID;

/**
 * The user a request acts for, in a service behind the gateway: the forwarded access token,
 * verified again here, plus the roles the gateway read from the live session. Declare it as a
 * controller parameter ({@code Optional<CurrentUser>} on public endpoints).
 */
public record CurrentUser(UUID userId, UUID sessionId, List<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
