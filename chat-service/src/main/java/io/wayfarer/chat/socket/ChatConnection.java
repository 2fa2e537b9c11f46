package io.wayfarer.chat.socket;

import io.wayfarer.chat.message.ChatMessage;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * One client socket on this instance. Sends go through Spring's
 * {@link ConcurrentWebSocketSessionDecorator}: one thread writes, others queue, and a client whose
 * queue passes the byte limit or whose write blocks past the time limit is cut off instead of
 * holding memory or threads. Messages of a conversation the client has resumed are delivered
 * strictly in seq order without duplicates: a seq already delivered is dropped, a gap is filled
 * from the database first.
 */
final class ChatConnection {

    final String id;
    final UUID userId;
    final UUID sessionId;
    final String presenceMember;
    private final WebSocketSession session;
    final FrameRateLimit rateLimit;
    private final Map<UUID, Long> delivered = new HashMap<>(4);
    volatile long lastInbound;
    volatile long lastActivity;
    volatile long lastPing;

    ChatConnection(WebSocketSession raw, String id, UUID userId, UUID sessionId, String presenceMember,
            FrameRateLimit rateLimit, int sendTimeLimitMillis, int sendBufferBytes, long now) {
        this.session = new ConcurrentWebSocketSessionDecorator(raw, sendTimeLimitMillis, sendBufferBytes,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        this.id = id;
        this.userId = userId;
        this.sessionId = sessionId;
        this.presenceMember = presenceMember;
        this.rateLimit = rateLimit;
        this.lastInbound = now;
        this.lastActivity = now;
        this.lastPing = now;
    }

    boolean isOpen() {
        return session.isOpen();
    }

    /** Queues a frame; a failed or overflowing send closes the connection. */
    void send(String frame) {
        try {
            session.sendMessage(new TextMessage(frame));
        } catch (SessionLimitExceededException e) {
            close(CloseCodes.TOO_SLOW);
        } catch (IOException | IllegalStateException e) {
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void ping(long now) {
        lastPing = now;
        try {
            session.sendMessage(new PingMessage());
        } catch (SessionLimitExceededException e) {
            close(CloseCodes.TOO_SLOW);
        } catch (IOException | IllegalStateException e) {
            close(CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | IllegalStateException e) {
            // already gone
        }
    }

    /**
     * Delivers a live message. For a resumed conversation: in order, no duplicates, gaps filled
     * through {@code gap} (messages in (delivered, seq]). Otherwise pushed as it comes (clients
     * order by seq).
     */
    synchronized void deliver(UUID conversationId, long seq, String frame, Gap gap, Function<ChatMessage, String> render) {
        Long last = delivered.get(conversationId);
        if (last == null) {
            send(frame);
            return;
        }
        if (seq <= last) {
            return;
        }
        if (seq > last + 1) {
            for (ChatMessage missed : gap.between(conversationId, last, seq - 1)) {
                send(render.apply(missed));
            }
        }
        send(frame);
        delivered.put(conversationId, seq);
    }

    /** Replays what the client missed after {@code afterSeq} (one batch); returns the last seq sent. */
    synchronized long resume(UUID conversationId, long afterSeq, List<ChatMessage> missed,
            Function<ChatMessage, String> render) {
        long last = afterSeq;
        for (ChatMessage message : missed) {
            send(render.apply(message));
            last = message.seq();
        }
        delivered.put(conversationId, last);
        return last;
    }

    /** After an ack: the sender's own echo need not be sent again if it is next in line. */
    synchronized void acknowledged(ChatMessage message) {
        Long last = delivered.get(message.conversationId());
        if (last != null && last == message.seq() - 1) {
            delivered.put(message.conversationId(), message.seq());
        }
    }

    /** Loads messages missed in (afterSeq, upToSeq]. */
    interface Gap {
        List<ChatMessage> between(UUID conversationId, long afterSeq, long upToSeq);
    }
}
