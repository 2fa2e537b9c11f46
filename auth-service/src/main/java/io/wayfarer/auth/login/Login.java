package io.wayfarer.auth.login;

import io.wayfarer.auth.account.Accounts;
import io.wayfarer.auth.session.SessionRecord;
import io.wayfarer.auth.session.SessionStore;
import io.wayfarer.auth.token.AccessTokenIssuer;
import io.wayfarer.auth.token.AccessTokenIssuer.IssuedAccessToken;
import io.wayfarer.platform.identity.CurrentUserResolver;
import io.wayfarer.platform.problem.ProblemException;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password login, login of an already identified user (third-party login, W8) and refresh: a
 * session in Redis, an access token, a refresh token — the same way for every kind of login.
 */
@Component
public class Login {

    private final Accounts accounts;
    private final RoleSource roles;
    private final SessionStore sessions;
    private final AccessTokenIssuer accessTokens;
    private final RefreshTokens refreshTokens;
    private final SessionEnding ending;
    private final LoginMetrics metrics;

    Login(Accounts accounts, RoleSource roles, SessionStore sessions, AccessTokenIssuer accessTokens,
            RefreshTokens refreshTokens, SessionEnding ending, LoginMetrics metrics) {
        this.accounts = accounts;
        this.roles = roles;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.ending = ending;
        this.metrics = metrics;
    }

    @Transactional
    TokenResponse withPassword(String account, String password) {
        return metrics.count("password", () -> openSession(accounts.authenticate(account, password)));
    }

    /**
     * Logs in a user someone else has identified (WeChat, an OIDC issuer): 403 {@code account-disabled}
     * when the account may not log in, otherwise exactly what a password login issues.
     */
    @Transactional
    public TokenResponse asIdentifiedUser(UUID userId) {
        return metrics.count("external", () -> openSession(accounts.identified(userId)));
    }

    private TokenResponse openSession(Accounts.Authenticated user) {
        SessionRecord session = sessions.create(user.userId(), roles.rolesOf(user.userId(), user.account()));
        IssuedAccessToken access = accessTokens.issue(user.userId(), session.sessionId());
        String refresh = refreshTokens.issue(user.userId(), session.sessionId(), UUID.randomUUID(),
                session.absoluteExpiry());
        return TokenResponse.bearer(access.value(), refresh, access.expiresInSeconds());
    }

    /**
     * Rotates a refresh token. A replayed token ends its family and its session; so does a
     * session that is gone or an account that was disabled meanwhile.
     */
    @Transactional(noRollbackFor = ProblemException.class)
    TokenResponse refresh(String presented) {
        RefreshTokens.Use use = refreshTokens.use(presented);
        if (use instanceof RefreshTokens.Use.Replayed replayed) {
            refreshTokens.revokeFamily(replayed.token().familyId());
            ending.end(replayed.token().userId(), replayed.token().sessionId(), "refresh token reused");
            throw invalidGrant("This refresh token was already used; the session has been ended.");
        }
        if (!(use instanceof RefreshTokens.Use.Fresh fresh)) {
            throw invalidGrant("The refresh token is invalid or expired.");
        }
        RefreshTokens.Row token = fresh.token();
        if (!accounts.mayLogIn(token.userId()) || !sessions.touch(token.sessionId())) {
            refreshTokens.revokeFamily(token.familyId());
            throw invalidGrant("The session has ended; please log in again.");
        }
        IssuedAccessToken access = accessTokens.issue(token.userId(), token.sessionId());
        String next = refreshTokens.issue(token.userId(), token.sessionId(), token.familyId(), token.expiresAt());
        return TokenResponse.bearer(access.value(), next, access.expiresInSeconds());
    }

    private static ProblemException invalidGrant(String detail) {
        return CurrentUserResolver.unauthenticated(detail, "invalid_token");
    }
}
