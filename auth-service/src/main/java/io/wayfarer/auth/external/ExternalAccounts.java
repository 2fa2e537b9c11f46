package io.wayfarer.auth.external;

import io.wayfarer.auth.account.Accounts;
import io.wayfarer.auth.external.ExternalIdentity.IdentityView;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which Wayfarer account an external identity stands for: found, created at the first login (a
 * TRAVELLER with the provider's display name), or linked to the account that is logged in.
 */
@Component
class ExternalAccounts {

    private static final String UNNAMED = "Traveller";

    private final ExternalIdentities identities;
    private final Accounts accounts;
    private final Clock clock;

    ExternalAccounts(ExternalIdentities identities, Accounts accounts, Clock clock) {
        this.identities = identities;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The account to log in; 403 {@code account-disabled} when it may not. */
    @Transactional
    UUID logIn(ExternalProfile profile, String accountPrefix) {
        UUID userId = identities.findByProviderAndSubject(profile.provider(), profile.subject())
                .map(identity -> {
                    identity.recordLogin(profile, clock.instant());
                    return identity.userId();
                })
                .orElseGet(() -> {
                    String name = profile.displayName() == null ? UNNAMED : profile.displayName();
                    UUID created = accounts.createForExternalIdentity(accountPrefix, name);
                    identities.saveAndFlush(new ExternalIdentity(profile, created, clock.instant()));
                    return created;
                });
        if (!accounts.mayLogIn(userId)) {
            throw Accounts.accountDisabled();
        }
        return userId;
    }

    /** Adds the identity to a logged-in account; linking it again to the same account changes nothing. */
    @Transactional
    void link(ExternalProfile profile, UUID userId) {
        if (!accounts.mayLogIn(userId)) {
            throw Accounts.accountDisabled();
        }
        var existing = identities.findByProviderAndSubject(profile.provider(), profile.subject());
        if (existing.isPresent()) {
            if (!existing.get().userId().equals(userId)) {
                throw ProblemException.custom("oauth2-identity-linked-elsewhere", "Identity belongs to another account",
                        HttpStatus.CONFLICT, "This " + profile.provider()
                                + " login already belongs to another Wayfarer account; unlink it there first.");
            }
            existing.get().recordLogin(profile, clock.instant());
            return;
        }
        boolean hasOne = identities.findByUserIdOrderByCreatedAt(userId).stream()
                .anyMatch(identity -> identity.provider().equals(profile.provider()));
        if (hasOne) {
            throw ProblemException.custom("oauth2-provider-already-linked", "Provider already linked", HttpStatus.CONFLICT,
                    "This account already has a " + profile.provider() + " login; unlink it first.");
        }
        identities.saveAndFlush(new ExternalIdentity(profile, userId, clock.instant()));
    }

    @Transactional(readOnly = true)
    List<IdentityView> of(UUID userId) {
        return identities.findByUserIdOrderByCreatedAt(userId).stream().map(ExternalIdentity::view).toList();
    }

    /** Removes the identity unless it is the account's last way to log in (no password, no other identity). */
    @Transactional
    void unlink(UUID userId, String provider) {
        List<ExternalIdentity> all = identities.lockAllOf(userId);
        ExternalIdentity identity = all.stream().filter(candidate -> candidate.provider().equals(provider)).findFirst()
                .orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No " + provider + " login is linked."));
        if (all.size() == 1 && !accounts.hasPassword(userId)) {
            throw ProblemException.custom("last-login-method", "Last way to log in", HttpStatus.CONFLICT,
                    "This is the only way this account can log in; link another login first.");
        }
        identities.delete(identity);
    }
}
