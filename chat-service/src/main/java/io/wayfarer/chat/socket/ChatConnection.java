package io.wayfarer.chat.socket;

import io.wayfarer.chat.message.ChatMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
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

    /** Tomcat's per-session limit (ms, a Long) on one blocking send; its default is 20 s. */
    static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    final String id;
    final UUID userId;
    final UUID sessionId;
    final String presenceMember;
    private final WebSocketSession session;
    final FrameRateLimit rateLimit;
    final FrameAssembly frames;
    private final Map<UUID, Long> delivered = new HashMap<>(4);
    private final Map<UUID, List<Held>> resuming = new HashMap<>(2);
    volatile long lastInbound;
    volatile long lastActivity;
    volatile long lastPing;

    ChatConnection(WebSocketSession raw, String id, UUID userId, UUID sessionId, String presenceMember,
            FrameRateLimit rateLimit, FrameAssembly frames, int sendTimeLimitMillis, int sendBufferBytes, long now) {
        this.session = new ConcurrentWebSocketSessionDecorator(raw, sendTimeLimitMillis, sendBufferBytes,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        // The decorator checks its time limit only when another frame is queued; the write stuck on
        // a client that stopped reading is Tomcat's blocking send, which waits 20 s by default. That
        // thread is usually a fan-out lane, shared by a quarter of this instance's users, so the
        // stuck write itself must give up at the same limit (SocketDefenceIntegrationTests).
        Session standard = raw instanceof NativeWebSocketSession wrapper ? wrapper.getNativeSession(Session.class) : null;
        if (standard != null) {
            standard.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, (long) sendTimeLimitMillis);
        }
        this.id = id;
        this.userId = userId;
        this.sessionId = sessionId;
        this.presenceMember = presenceMember;
        this.rateLimit = rateLimit;
        this.frames = frames;
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
     * through {@code gap} (messages in (delivered, seq]). While that conversation's resume is
     * reading the database the message is held and handed over in order when the replay is sent.
     * Otherwise pushed as it comes (the client orders by seq and resumes on a gap).
     */
    synchronized void deliver(UUID conversationId, long seq, String frame, Gap gap, Function<ChatMessage, String> render) {
        List<Held> waiting = resuming.get(conversationId);
        if (waiting != null) {
            waiting.add(new Held(seq, frame));
            return;
        }
        Long last = delivered.get(conversationId);
        if (last == null) {
            send(frame);
            return;
        }
        inOrder(conversationId, last, seq, frame, gap, render);
    }

    private void inOrder(UUID conversationId, long last, long seq, String frame, Gap gap,
            Function<ChatMessage, String> render) {
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

    /**
     * Replays what the client missed after {@code afterSeq} (one batch read by {@code replay});
     * returns the last seq sent. Live messages that arrive while the replay is read are held and
     * handed over in order after it, never pushed ahead of it (docs/chat-protocol.md, "Ordering and
     * resume"). The read itself holds no lock, so the fan-out lanes never wait on it. Frames of one connection are handled one at a time, so resumes of a connection do not
     * overlap.
     */
    long resume(UUID conversationId, long afterSeq, Supplier<List<ChatMessage>> replay, Gap gap,
            Function<ChatMessage, String> render) {
        synchronized (this) {
            resuming.put(conversationId, new ArrayList<>(2));
        }
        List<ChatMessage> missed;
        try {
            missed = replay.get();
        } catch (RuntimeException e) {
            synchronized (this) { // no replay: hand the held messages over as if no resume had begun
                for (Held h : resuming.remove(conversationId)) {
                    Long last = delivered.get(conversationId);
                    if (last == null) {
                        send(h.frame());
                    } else {
                        inOrder(conversationId, last, h.seq(), h.frame(), gap, render);
                    }
                }
            }
            throw e;
        }
        synchronized (this) {
            long last = afterSeq;
            for (ChatMessage message : missed) {
                send(render.apply(message));
                last = message.seq();
            }
            delivered.merge(conversationId, last, Math::max);
            for (Held h : resuming.remove(conversationId)) {
                inOrder(conversationId, delivered.get(conversationId), h.seq(), h.frame(), gap, render);
            }
            return last;
        }
    }

    /**
     * Sends the ack of the client's own message; that message need not be sent to this connection
     * again if it is next in line. Both under the lock, so "next in line" means the same here as for
     * the client, which advances its last seen seq on an ack that is exactly one past it.
     */
    synchronized void acknowledge(ChatMessage message, String ack) {
        send(ack);
        Long last = delivered.get(message.conversationId());
        if (last != null && last == message.seq() - 1 && !resuming.containsKey(message.conversationId())) {
            delivered.put(message.conversationId(), message.seq());
        }
    }

    private record Held(long seq, String frame) {
    }

    /** Loads messages missed in (afterSeq, upToSeq]. */
    interface Gap {
        List<ChatMessage> between(UUID conversationId, long afterSeq, long upToSeq);
    }
}
