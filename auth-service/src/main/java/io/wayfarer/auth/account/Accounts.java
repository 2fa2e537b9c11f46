package io.wayfarer.auth.account;

import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.problem.FieldViolation;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The user accounts: registration, credential checks, profile and admin changes. */
@Component
public class Accounts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserAccounts users;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Accounts(UserAccounts users, PasswordPolicy policy, PasswordHasher hasher, ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.policy = policy;
        this.hasher = hasher;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    UserView register(Registration registration) {
        policy.refuse(registration.password(), registration.account()).ifPresent(reason -> {
            throw ProblemException.validation("password", reason);
        });
        String email = registration.email().trim();
        List<FieldViolation> taken = new ArrayList<>();
        if (users.findByAccount(registration.account()).isPresent()) {
            taken.add(new FieldViolation("account", "is already taken"));
        }
        if (users.findByEmailIgnoreCase(email).isPresent()) {
            taken.add(new FieldViolation("email", "is already registered"));
        }
        if (!taken.isEmpty()) {
            throw conflict(taken);
        }
        UserAccount user = new UserAccount(registration.account(), registration.displayName().trim(), email,
                hasher.hash(registration.password()), clock.instant());
        try {
            return users.saveAndFlush(user).view();
        } catch (DataIntegrityViolationException race) {
            throw conflict(List.of(new FieldViolation("account", "is already taken or the email is registered")));
        }
    }

    /**
     * Checks a password login. Unknown account and wrong password give the same 401 after the
     * same work; a disabled account is told apart only to someone who knows its password.
     */
    @Transactional
    public Authenticated authenticate(String account, String password) {
        Optional<UserAccount> found = account == null ? Optional.empty()
                : users.findByAccount(account.trim().toLowerCase(Locale.ROOT));
        boolean matches = found.map(user -> user.passwordHash() != null && hasher.matches(password, user.passwordHash()))
                .orElseGet(() -> hasher.matchNothing(password));
        if (!matches) {
            throw invalidCredentials();
        }
        UserAccount user = found.get();
        if (!user.enabled()) {
            throw accountDisabled();
        }
        users.recordLogin(user.id(), clock.instant());
        return new Authenticated(user.id(), user.account());
    }

    /**
     * A login by someone another way has already identified (WeChat, OIDC): the account must exist
     * and be enabled; records the login like {@link #authenticate} does.
     */
    @Transactional
    public Authenticated identified(UUID userId) {
        UserAccount user = users.findById(userId).orElseThrow(Accounts::invalidCredentials);
        if (!user.enabled()) {
            throw accountDisabled();
        }
        users.recordLogin(user.id(), clock.instant());
        return new Authenticated(user.id(), user.account());
    }

    /**
     * A new account for someone who first arrives through a third-party login: no password, no
     * email, a generated account name ({@code <prefix>_<random>}) that never collides with a chosen
     * one in practice and is retried when it does. Roles come from rbac-service (TRAVELLER by default).
     */
    @Transactional
    public UUID createForExternalIdentity(String accountPrefix, String displayName) {
        String account;
        do {
            account = accountPrefix + "_" + randomAccountSuffix();
        } while (users.findByAccount(account).isPresent());
        UserAccount user = UserAccount.withoutPassword(account, displayName, clock.instant());
        return users.saveAndFlush(user).id();
    }

    /** Whether the account can log in with a password (the other way to log in besides its identities). */
    @Transactional(readOnly = true)
    public boolean hasPassword(UUID userId) {
        return users.findById(userId).map(user -> user.passwordHash() != null).orElse(false);
    }

    /** For refresh: the account must still exist and be enabled. */
    @Transactional(readOnly = true)
    public boolean mayLogIn(UUID userId) {
        return users.findById(userId).map(UserAccount::enabled).orElse(false);
    }

    @Transactional(readOnly = true)
    public Optional<UserView> find(UUID userId) {
        return users.findById(userId).map(UserAccount::view);
    }

    @Transactional
    UserView updateProfile(UUID userId, ProfileChange change) {
        UserAccount user = existing(userId);
        if (change.displayName() != null) {
            user.rename(change.displayName().trim());
        }
        if (change.email() != null) {
            String email = change.email().trim();
            users.findByEmailIgnoreCase(email).filter(other -> !other.id().equals(userId)).ifPresent(other -> {
                throw conflict(List.of(new FieldViolation("email", "is already registered")));
            });
            user.changeEmail(email);
        }
        try {
            return users.saveAndFlush(user).view();
        } catch (DataIntegrityViolationException race) {
            throw conflict(List.of(new FieldViolation("email", "is already registered")));
        }
    }

    @Transactional
    void changePassword(UUID userId, UUID currentSessionId, PasswordChange change) {
        UserAccount user = existing(userId);
        if (user.passwordHash() == null || !hasher.matches(change.currentPassword(), user.passwordHash())) {
            throw ProblemException.validation("currentPassword", "is not the current password");
        }
        policy.refuse(change.newPassword(), user.account()).ifPresent(reason -> {
            throw ProblemException.validation("newPassword", reason);
        });
        user.changePassword(hasher.hash(change.newPassword()), clock.instant());
        events.publishEvent(new AccountEvents.PasswordChanged(userId, currentSessionId));
    }

    @Transactional
    UserView setEnabled(UUID userId, boolean enabled) {
        UserAccount user = existing(userId);
        boolean disabling = user.enabled() && !enabled;
        user.setEnabled(enabled);
        if (disabling) {
            events.publishEvent(new AccountEvents.AccountDisabled(userId));
        }
        return users.saveAndFlush(user).view();
    }

    @Transactional(readOnly = true)
    Page<UserAccount> search(UserFilter filter, ListQuery query) {
        Specification<UserAccount> spec = (root, q, cb) -> cb.conjunction();
        if (filter.account() != null) {
            String pattern = "%" + likeEscaped(filter.account().toLowerCase(Locale.ROOT)) + "%";
            spec = spec.and((root, q, cb) -> cb.like(root.get("account"), pattern, '\\'));
        }
        if (filter.email() != null) {
            String pattern = "%" + likeEscaped(filter.email().toLowerCase(Locale.ROOT)) + "%";
            spec = spec.and((root, q, cb) -> cb.like(cb.lower(root.get("email")), pattern, '\\'));
        }
        if (filter.enabled() != null) {
            spec = spec.and((root, q, cb) -> cb.equal(root.get("enabled"), filter.enabled()));
        }
        return users.findAll(spec, query.pageable("id"));
    }

    UserAccount existing(UUID userId) {
        return users.findById(userId).orElseThrow(() -> ProblemException.of(ProblemType.NOT_FOUND, "No such user."));
    }

    private static String randomAccountSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder suffix = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            suffix.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return suffix.toString();
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static ProblemException conflict(List<FieldViolation> taken) {
        ProblemException conflict = ProblemException.of(ProblemType.CONFLICT, "The account or email is already in use.");
        conflict.getBody().setProperty("errors", taken);
        return conflict;
    }

    static ProblemException invalidCredentials() {
        return ProblemException.custom("invalid-credentials", "Invalid credentials", HttpStatus.UNAUTHORIZED,
                "The account or password is wrong.");
    }

    public static ProblemException accountDisabled() {
        return ProblemException.custom("account-disabled", "Account disabled", HttpStatus.FORBIDDEN,
                "This account may not log in.");
    }

    /** A successful password check. */
    public record Authenticated(UUID userId, String account) {
    }
}
