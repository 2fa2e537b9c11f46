package io.wayfarer.auth.account;

import java.util.UUID;

/**
 * What the account feature tells the rest of auth-service, synchronously and inside its
 * transaction: if the sessions cannot be ended, the change does not commit either.
 */
public final class AccountEvents {

    private AccountEvents() {
    }

    /** The account may no longer log in: end all its sessions. */
    public record AccountDisabled(UUID userId) {
    }

    /** The password changed: end every session but the one that changed it. */
    public record PasswordChanged(UUID userId, UUID keepSessionId) {
    }
}
