package io.wayfarer.chat.conversation;

import io.wayfarer.platform.paging.ListQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A user's conversations with unread counts and the last message: as a traveller, as an expert
 * (the expert's inbox), or both. One query per page; the unread count is exact (the other
 * member's messages after this user's read position).
 */
@Component
class Inbox {

    /** API sort names → SQL (a whitelist: nothing from the request reaches the SQL text). */
    static final Map<String, String> SORTABLE = Map.of(
            "last_activity", "coalesce(c.last_message_at, c.created_at)",
            "created_at", "c.created_at");

    enum Side { TRAVELLER, EXPERT, ANY }

    private final JdbcClient jdbc;

    Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Page(List<ConversationView> items, long total) {
    }

    private static final String VIEW = "SELECT " + Conversations.COLUMNS + """
            , coalesce(r.read_seq, 0) AS read_seq, m.seq AS m_seq, m.sender_id AS m_sender, m.body AS m_body,
              m.sent_at AS m_sent_at,
              (SELECT count(*) FROM message u WHERE u.conversation_id = c.id AND u.seq > coalesce(r.read_seq, 0)
                 AND u.sender_id <> :u) AS unread
            FROM conversation c
            LEFT JOIN read_position r ON r.conversation_id = c.id AND r.user_id = :u
            LEFT JOIN message m ON m.conversation_id = c.id AND m.seq = c.last_seq
            """;

    Page of(UUID userId, Side side, ListQuery query) {
        String where = switch (side) {
            case TRAVELLER -> "c.traveller_id = :u";
            case EXPERT -> "c.expert_user_id = :u";
            case ANY -> "(c.traveller_id = :u OR c.expert_user_id = :u)";
        };
        long total = jdbc.sql("SELECT count(*) FROM conversation c WHERE " + where).param("u", userId)
                .query(Long.class).single();
        List<ConversationView> items = jdbc.sql(VIEW + " WHERE " + where + " ORDER BY " + query.sortBy() + " "
                        + query.direction().name() + ", c.id LIMIT :limit OFFSET :offset")
                .param("u", userId).param("limit", query.limit()).param("offset", query.offset())
                .query((rs, n) -> view(rs, userId)).list();
        return new Page(items, total);
    }

    /** One conversation as {@code userId} sees it (a member, or an auditor: unread counts from 0). */
    ConversationView one(UUID conversationId, UUID userId) {
        return jdbc.sql(VIEW + " WHERE c.id = :c").param("u", userId).param("c", conversationId)
                .query((rs, n) -> view(rs, userId)).single();
    }

    private static ConversationView view(ResultSet rs, UUID userId) throws SQLException {
        Conversation c = Conversations.row(rs, 0);
        long lastSeq = rs.getLong("m_seq");
        ConversationView.LastMessage last = rs.wasNull() ? null : new ConversationView.LastMessage(lastSeq,
                rs.getObject("m_sender", UUID.class), rs.getString("m_body"),
                Conversations.instant(rs.getTimestamp("m_sent_at")));
        UUID counterpart = c.members().includes(userId) ? c.members().other(userId) : null;
        return new ConversationView(c.id(), new ConversationView.ExpertRef(c.expertId(), c.expertName(), c.expertUserId()),
                c.travellerId(), c.tripId(), counterpart, c.lastSeq(), last, rs.getLong("unread"),
                rs.getLong("read_seq"), c.createdAt(), c.lastMessageAt());
    }
}
