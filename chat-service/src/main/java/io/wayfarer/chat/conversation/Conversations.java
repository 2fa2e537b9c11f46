package io.wayfarer.chat.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Conversations in PostgreSQL. One conversation per (traveller, expert): opening it again answers
 * the existing one. Membership is immutable, so it is cached in memory for the socket's hot path.
 */
@Component
public class Conversations {

    static final String COLUMNS = "c.id, c.traveller_id, c.expert_id, c.expert_user_id, c.expert_name, c.trip_id, "
            + "c.last_seq, c.last_message_at, c.created_at";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Cache<UUID, Members> members = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(30)).build();

    Conversations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The opened conversation and whether this call created it. */
    record Opened(Conversation conversation, boolean created) {
    }

    Opened open(UUID travellerId, ExpertDirectory.Expert expert, Long tripId) {
        Optional<Conversation> created = jdbc.sql("""
                INSERT INTO conversation (id, traveller_id, expert_id, expert_user_id, expert_name, trip_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT ON CONSTRAINT conversation_pair DO NOTHING
                RETURNING id, traveller_id, expert_id, expert_user_id, expert_name, trip_id, last_seq,
                          last_message_at, created_at""")
                .params(UUID.randomUUID(), travellerId, expert.id(), expert.userId(), expert.displayName(), tripId,
                        Timestamp.from(clock.instant()))
                .query(Conversations::row).optional();
        if (created.isPresent()) {
            return new Opened(created.get(), true);
        }
        Conversation existing = jdbc.sql("SELECT " + COLUMNS + " FROM conversation c WHERE traveller_id = ? AND expert_id = ?")
                .params(travellerId, expert.id()).query(Conversations::row).single();
        return new Opened(existing, false);
    }

    public Optional<Conversation> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM conversation c WHERE c.id = ?").param(id)
                .query(Conversations::row).optional();
    }

    /** The members of a conversation, or empty when there is no such conversation. */
    public Optional<Members> members(UUID conversationId) {
        Members cached = members.getIfPresent(conversationId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Members> found = jdbc.sql("SELECT id, traveller_id, expert_user_id FROM conversation WHERE id = ?")
                .param(conversationId)
                .query((rs, n) -> new Members(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class)))
                .optional();
        found.ifPresent(m -> members.put(conversationId, m));
        return found;
    }

    /** Everyone the user has a conversation with (for presence notices), at most {@code limit}. */
    public List<UUID> counterpartsOf(UUID userId, int limit) {
        return jdbc.sql("""
                SELECT DISTINCT CASE WHEN traveller_id = :u THEN expert_user_id ELSE traveller_id END
                FROM conversation WHERE traveller_id = :u OR expert_user_id = :u LIMIT :limit""")
                .param("u", userId).param("limit", limit)
                .query(UUID.class).list();
    }

    static Conversation row(ResultSet rs, int n) throws SQLException {
        long tripId = rs.getLong("trip_id");
        Long trip = rs.wasNull() ? null : tripId;
        return new Conversation(rs.getObject("id", UUID.class), rs.getObject("traveller_id", UUID.class),
                rs.getLong("expert_id"), rs.getObject("expert_user_id", UUID.class), rs.getString("expert_name"),
                trip, rs.getLong("last_seq"), instant(rs.getTimestamp("last_message_at")),
                instant(rs.getTimestamp("created_at")));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
