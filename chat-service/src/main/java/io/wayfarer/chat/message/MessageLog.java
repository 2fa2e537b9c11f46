package io.wayfarer.chat.message;

import io.wayfarer.chat.ChatProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The conversation's message log in PostgreSQL. A message is committed before anyone is told
 * (the ack and the live delivery come after the commit). Its seq comes from the conversation's
 * counter row ({@code UPDATE ... SET last_seq = last_seq + 1 RETURNING}) in the same transaction:
 * concurrent senders queue on that row lock, and a rolled-back insert gives its number back, so
 * numbers are gap-free. The sender's client id makes a resend after a lost ack find the stored
 * message instead of creating a second one. The commit is durable (synchronous commit) before
 * anyone is told; messages are committed in batches ({@link GroupCommit}).
 */
@Component
public class MessageLog {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String COLUMNS = "conversation_id, seq, id, sender_id, client_id, body, sent_at";

    private final JdbcClient jdbc;
    private final GroupCommit batches;
    private final Clock clock;
    private final int maxTextLength;

    MessageLog(JdbcClient jdbc, GroupCommit batches, Clock clock, ChatProperties properties) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
        this.maxTextLength = properties.maxTextLength();
    }

    /** The stored message, and whether it had been stored before (a resend). */
    public record Appended(ChatMessage message, boolean duplicate) {
    }

    /**
     * Stores a message of a member (the caller checked membership) and returns once it is
     * committed: with its batch ({@link GroupCommit}), one statement taking the next seq and
     * inserting it. A resend (same client id) is answered with the stored message.
     */
    public Appended append(UUID conversationId, UUID senderId, String clientId, String text) {
        validate(clientId, text);
        GroupCommit.Pending pending = new GroupCommit.Pending(conversationId, senderId, clientId, text, UUID.randomUUID(),
                clock.instant());
        Long seq = await(batches.submit(pending));
        if (seq != null) {
            return new Appended(new ChatMessage(conversationId, seq, pending.id(), senderId, clientId, text, pending.at()),
                    false);
        }
        return new Appended(byClientId(conversationId, senderId, clientId)
                .orElseThrow(() -> new InvalidMessage("not-found", "There is no conversation " + conversationId + ".")),
                true);
    }

    private static Long await(CompletableFuture<Long> seq) {
        try {
            return seq.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the message was stored", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the message was not stored within 30 s", e);
        }
    }

    /** Messages with seq after {@code afterSeq}, ascending, at most {@code limit}. */
    public List<ChatMessage> after(UUID conversationId, long afterSeq, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?")
                .params(conversationId, afterSeq, limit).query(MessageLog::row).list();
    }

    /** Messages with seq in (afterSeq, upToSeq], ascending. */
    public List<ChatMessage> between(UUID conversationId, long afterSeq, long upToSeq) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE conversation_id = ? AND seq > ? AND seq <= ? ORDER BY seq")
                .params(conversationId, afterSeq, upToSeq).query(MessageLog::row).list();
    }

    /** The {@code limit} messages before {@code beforeSeq} (null: the newest), returned ascending. */
    public List<ChatMessage> before(UUID conversationId, Long beforeSeq, int limit) {
        List<ChatMessage> newestFirst = jdbc.sql("SELECT " + COLUMNS
                        + " FROM message WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?")
                .params(conversationId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit)
                .query(MessageLog::row).list();
        List<ChatMessage> ascending = new ArrayList<>(newestFirst);
        Collections.reverse(ascending);
        return ascending;
    }

    public long lastSeq(UUID conversationId) {
        return jdbc.sql("SELECT last_seq FROM conversation WHERE id = ?").param(conversationId)
                .query(Long.class).optional().orElse(0L);
    }

    private Optional<ChatMessage> byClientId(UUID conversationId, UUID senderId, String clientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE conversation_id = ? AND sender_id = ? AND client_id = ?")
                .params(conversationId, senderId, clientId).query(MessageLog::row).optional();
    }

    private void validate(String clientId, String text) {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new InvalidMessage("invalid-client-id", "clientId must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        if (text == null || text.isBlank()) {
            throw new InvalidMessage("empty-text", "text must not be empty");
        }
        if (text.length() > maxTextLength) {
            throw new InvalidMessage("text-too-long", "text may have at most " + maxTextLength + " characters");
        }
    }

    private static ChatMessage row(ResultSet rs, int n) throws SQLException {
        return new ChatMessage(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant());
    }
}
