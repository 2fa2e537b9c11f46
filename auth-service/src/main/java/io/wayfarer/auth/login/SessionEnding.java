package io.wayfarer.auth.login;

import io.wayfarer.auth.account.AccountEvents;
import io.wayfarer.auth.session.SessionStore;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends sessions: the refresh tokens die in the database and the Redis record disappears, so
 * every gateway refuses the session's access tokens on their next request. Runs inside the
 * caller's transaction: if Redis cannot be reached the whole change rolls back (fail closed).
 */
@Component
class SessionEnding {

    private static final Logger log = LoggerFactory.getLogger(SessionEnding.class);

    private final SessionStore sessions;
    private final RefreshTokens refreshTokens;

    SessionEnding(SessionStore sessions, RefreshTokens refreshTokens) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
    }

    @Transactional
    void end(UUID userId, UUID sessionId, String reason) {
        refreshTokens.revokeSession(sessionId);
        sessions.revoke(userId, sessionId);
        log.info("Session {} of user {} ended: {}", sessionId, userId, reason);
    }

    @Transactional
    void endAll(UUID userId, UUID keep, String reason) {
        refreshTokens.revokeUser(userId, keep);
        var ended = sessions.revokeAll(userId, keep);
        log.info("{} session(s) of user {} ended: {}", ended.size(), userId, reason);
    }

    @EventListener
    void on(AccountEvents.AccountDisabled disabled) {
        endAll(disabled.userId(), null, "account disabled");
    }

    @EventListener
    void on(AccountEvents.PasswordChanged changed) {
        endAll(changed.userId(), changed.keepSessionId(), "password changed");
    }
}
