package io.wayfarer.chat.socket;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.wayfarer.chat.message.ChatMessage;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The frames the server sends (docs/chat-protocol.md), written as JSON text. */
@Component
class ServerFrames {

    private final JsonMapper json;

    ServerFrames(JsonMapper json) {
        this.json = json;
    }

    record Welcome(String type, String connectionId, UUID userId, long pingIntervalSeconds, int maxFrameChars,
            int maxTextLength) {
    }

    record Ack(String type, String clientId, UUID conversationId, long seq, UUID messageId, Instant sentAt,
            boolean duplicate) {
    }

    record Message(String type, UUID conversationId, long seq, UUID messageId, UUID senderId, String clientId,
            String text, Instant sentAt) {
    }

    record Resumed(String type, UUID conversationId, long lastSeq, boolean more) {
    }

    record Receipt(String type, UUID conversationId, UUID userId, long seq, String status) {
    }

    record Typing(String type, UUID conversationId, UUID userId) {
    }

    record Presence(String type, UUID userId, boolean online) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pong(String type, String id) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String type, String code, String message, String ref) {
    }

    String welcome(String connectionId, UUID userId, long pingSeconds, int maxFrameChars, int maxTextLength) {
        return write(new Welcome("welcome", connectionId, userId, pingSeconds, maxFrameChars, maxTextLength));
    }

    String ack(ChatMessage m, boolean duplicate) {
        return write(new Ack("ack", m.clientId(), m.conversationId(), m.seq(), m.id(), m.sentAt(), duplicate));
    }

    String message(ChatMessage m) {
        return write(new Message("message", m.conversationId(), m.seq(), m.id(), m.senderId(), m.clientId(), m.text(),
                m.sentAt()));
    }

    String resumed(UUID conversationId, long lastSeq, boolean more) {
        return write(new Resumed("resumed", conversationId, lastSeq, more));
    }

    String receipt(UUID conversationId, UUID userId, long seq, String status) {
        return write(new Receipt("receipt", conversationId, userId, seq, status));
    }

    String typing(UUID conversationId, UUID userId) {
        return write(new Typing("typing", conversationId, userId));
    }

    String presence(UUID userId, boolean online) {
        return write(new Presence("presence", userId, online));
    }

    String pong(String id) {
        return write(new Pong("pong", id));
    }

    String error(String code, String message, String ref) {
        return write(new Error("error", code, message, ref));
    }

    private String write(Object frame) {
        return json.writeValueAsString(frame);
    }
}
