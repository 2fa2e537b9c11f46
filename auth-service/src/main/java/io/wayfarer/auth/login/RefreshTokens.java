package io.wayfarer.auth.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens, stored only as SHA-256 hashes. Each use rotates the token within its
 * family; a token used twice means it was stolen, so the whole family dies (and the caller ends
 * the session). Every state change is a guarded UPDATE, so two racing uses cannot both win.
 */
@Component
class RefreshTokens {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    RefreshTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    String issue(UUID userId, UUID sessionId, UUID familyId, Instant expiresAt) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        jdbc.sql("""
                INSERT INTO refresh_token (token_hash, family_id, session_id, user_id, issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(hash(token), familyId, sessionId, userId, Timestamp.from(clock.instant()), Timestamp.from(expiresAt))
                .update();
        return token;
    }

    /** Marks the token used, exactly once. */
    Use use(String token) {
        byte[] hash = hash(token);
        Instant now = clock.instant();
        Optional<Row> row = jdbc.sql("""
                UPDATE refresh_token SET used_at = ?
                WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
                RETURNING family_id, session_id, user_id, expires_at""")
                .params(Timestamp.from(now), hash, Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant()))
                .optional();
        if (row.isPresent()) {
            return new Use.Fresh(row.get());
        }
        record Known(Row token, boolean spent) {
        }
        Optional<Known> known = jdbc.sql("""
                SELECT family_id, session_id, user_id, expires_at, used_at IS NOT NULL OR revoked_at IS NOT NULL
                FROM refresh_token WHERE token_hash = ?""")
                .param(hash)
                .query((rs, n) -> new Known(new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getTimestamp(4).toInstant()), rs.getBoolean(5)))
                .optional();
        return known.filter(Known::spent).<Use>map(k -> new Use.Replayed(k.token())).orElseGet(Use.Unknown::new);
    }

    void revokeFamily(UUID familyId) {
        jdbc.sql("UPDATE refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), familyId).update();
    }

    void revokeSession(UUID sessionId) {
        jdbc.sql("UPDATE refresh_token SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), sessionId).update();
    }

    void revokeUser(UUID userId, UUID exceptSessionId) {
        jdbc.sql("""
                UPDATE refresh_token SET revoked_at = ?
                WHERE user_id = ? AND revoked_at IS NULL AND (CAST(? AS uuid) IS NULL OR session_id <> ?)""")
                .params(Timestamp.from(clock.instant()), userId, exceptSessionId, exceptSessionId).update();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Row(UUID familyId, UUID sessionId, UUID userId, Instant expiresAt) {
    }

    /** What presenting a refresh token amounted to. */
    sealed interface Use {
        record Fresh(Row token) implements Use {
        }

        /** Already used or revoked: a replay. */
        record Replayed(Row token) implements Use {
        }

        /** Never issued, or expired. */
        record Unknown() implements Use {
        }
    }
}
