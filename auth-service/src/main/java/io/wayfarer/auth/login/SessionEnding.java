package io.wayfarer.auth.login;

import io.wayfarer.auth.account.AccountEvents;
import io.wayfarer.auth.session.SessionStore;
import io.wayfarer.platform.events.Outbox;
import java.util.List;
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

    static final String TOPIC = "wayfarer.auth.sessions";
    static final String REVOKED = "session.revoked";

    private final SessionStore sessions;
    private final RefreshTokens refreshTokens;
    private final Outbox outbox;

    SessionEnding(SessionStore sessions, RefreshTokens refreshTokens, Outbox outbox) {
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.outbox = outbox;
    }

    @Transactional
    void end(UUID userId, UUID sessionId, String reason) {
        refreshTokens.revokeSession(sessionId);
        announce(userId, sessionId, reason);
        sessions.revoke(userId, sessionId);
        log.info("Session {} of user {} ended: {}", sessionId, userId, reason);
    }

    @Transactional
    void endAll(UUID userId, UUID keep, String reason) {
        refreshTokens.revokeUser(userId, keep);
        List<UUID> ended = sessions.revokeAll(userId, keep);
        ended.forEach(sessionId -> announce(userId, sessionId, reason));
        log.info("{} session(s) of user {} ended: {}", ended.size(), userId, reason);
    }

    /** Tells chat sockets and caches elsewhere (W6); the Redis delete already refuses the session. */
    private void announce(UUID userId, UUID sessionId, String reason) {
        outbox.publish(TOPIC, REVOKED, userId.toString(), new SessionRevoked(sessionId, userId, reason));
    }

    /** The data of a {@code session.revoked} event on {@code wayfarer.auth.sessions}. */
    record SessionRevoked(UUID sessionId, UUID userId, String reason) {
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
