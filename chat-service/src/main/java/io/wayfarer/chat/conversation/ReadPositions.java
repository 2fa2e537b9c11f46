package io.wayfarer.chat.conversation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far each member has read (and received) a conversation. Positions only move forward
 * ({@code GREATEST}), so a late or replayed receipt can never make read messages unread again.
 */
@Component
public class ReadPositions {

    private final JdbcClient jdbc;
    private final Clock clock;

    ReadPositions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Moves the user's read (and so delivered) position up to {@code seq}; returns the position now. */
    public long markRead(UUID conversationId, UUID userId, long seq) {
        return jdbc.sql("""
                INSERT INTO read_position AS r (conversation_id, user_id, read_seq, delivered_seq, updated_at)
                VALUES (:c, :u, :seq, :seq, :now)
                ON CONFLICT (conversation_id, user_id) DO UPDATE
                SET read_seq = GREATEST(r.read_seq, EXCLUDED.read_seq),
                    delivered_seq = GREATEST(r.delivered_seq, EXCLUDED.delivered_seq), updated_at = EXCLUDED.updated_at
                RETURNING read_seq""")
                .param("c", conversationId).param("u", userId).param("seq", seq)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    /** Moves the user's delivered position up to {@code seq}; returns the position now. */
    public long markDelivered(UUID conversationId, UUID userId, long seq) {
        return jdbc.sql("""
                INSERT INTO read_position AS r (conversation_id, user_id, read_seq, delivered_seq, updated_at)
                VALUES (:c, :u, 0, :seq, :now)
                ON CONFLICT (conversation_id, user_id) DO UPDATE
                SET delivered_seq = GREATEST(r.delivered_seq, EXCLUDED.delivered_seq), updated_at = EXCLUDED.updated_at
                RETURNING delivered_seq""")
                .param("c", conversationId).param("u", userId).param("seq", seq)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }
}
