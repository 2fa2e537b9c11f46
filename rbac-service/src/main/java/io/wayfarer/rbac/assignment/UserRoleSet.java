package io.wayfarer.rbac.assignment;

import java.util.List;
import java.util.UUID;

/**
 * A user's role codes. {@code assigned} is false when nobody assigned the user any role: then the
 * user is a TRAVELLER, the default of every new account.
 */
public record UserRoleSet(UUID userId, List<String> roles, boolean assigned) {
}
