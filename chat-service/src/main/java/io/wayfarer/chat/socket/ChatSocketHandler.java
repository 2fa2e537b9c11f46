package io.wayfarer.chat.socket;

import io.wayfarer.chat.ChatProperties;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /ws/chat} endpoint: a raw WebSocket speaking small JSON frames. Frames longer than
 * Tomcat's per-socket text buffer arrive in pieces (partial messages), so that buffer can be small
 * for every idle socket while a frame may still be {@code maxFrameChars} long. A bad frame gets an
 * error frame and the connection lives on; flooding gets error frames, then a 1008 close; nothing
 * a client sends can escape this handler as an exception.
 */
@Component
class ChatSocketHandler extends TextWebSocketHandler {

    static final String CONNECTION = "chat.connection";
    private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);

    private final LocalConnections connections;
    private final ChatCommands commands;
    private final Presence presence;
    private final PresenceNotices notices;
    private final ServerFrames frames;
    private final JsonMapper json;
    private final ChatProperties properties;

    ChatSocketHandler(LocalConnections connections, ChatCommands commands, Presence presence, PresenceNotices notices,
            ServerFrames frames, JsonMapper json, ChatProperties properties) {
        this.connections = connections;
        this.commands = commands;
        this.presence = presence;
        this.notices = notices;
        this.frames = frames;
        this.json = json;
        this.properties = properties;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Map<String, Object> attributes = session.getAttributes();
        long now = System.nanoTime();
        ChatConnection connection = new ChatConnection(session, (String) attributes.get(TicketHandshake.CONNECTION_ID),
                (UUID) attributes.get(TicketHandshake.USER_ID), (UUID) attributes.get(TicketHandshake.SESSION_ID),
                (String) attributes.get(TicketHandshake.PRESENCE_MEMBER),
                new FrameRateLimit(properties.framesPerSecond(), properties.frameBurst(), properties.floodStrikes(), now),
                new FrameAssembly(properties.maxFrameChars()),
                (int) properties.sendTimeLimit().toMillis(), properties.sendBufferBytes(), now);
        attributes.put(CONNECTION, connection);
        connections.add(connection);
        connection.send(frames.welcome(connection.id, connection.userId, properties.pingInterval().toSeconds(),
                properties.maxFrameChars(), properties.maxTextLength()));
        if (Long.valueOf(1).equals(attributes.get(TicketHandshake.LIVE_CONNECTIONS))) {
            notices.changed(connection.userId, true);
        }
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ChatConnection connection = (ChatConnection) session.getAttributes().get(CONNECTION);
        String payload = connection.frames.add(message.getPayload(), message.isLast());
        if (payload == null) {
            if (connection.frames.tooLong()) {
                connection.close(CloseCodes.TOO_BIG);
            }
            return;
        }
        long now = System.nanoTime();
        connection.lastInbound = now;
        switch (connection.rateLimit.take(now)) {
            case REFUSE -> {
                connection.send(frames.error("rate-limited", "Too many frames; slow down.", null));
                return;
            }
            case CUT_OFF -> {
                connection.close(CloseCodes.ABUSE);
                return;
            }
            default -> { }
        }
        ClientFrame frame = null;
        try {
            frame = ClientFrame.of(json.readTree(payload));
            commands.handle(connection, frame);
        } catch (JacksonException e) {
            connection.send(frames.error("malformed-frame", "A frame is one JSON object.", null));
        } catch (ClientFrame.Malformed e) {
            connection.send(frames.error(e.code, e.getMessage(), ref(frame)));
        } catch (RuntimeException e) {
            log.warn("Frame of connection {} failed", connection.id, e);
            connection.send(frames.error("internal", "The frame could not be handled; try again.", ref(frame)));
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        ChatConnection connection = (ChatConnection) session.getAttributes().get(CONNECTION);
        if (connection != null) {
            connection.lastInbound = System.nanoTime();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ChatConnection connection = (ChatConnection) session.getAttributes().get(CONNECTION);
        if (connection == null) {
            return;
        }
        connections.remove(connection);
        try {
            if (presence.unregister(connection.userId, connection.presenceMember) == 0) {
                notices.changed(connection.userId, false);
            }
        } catch (RuntimeException e) {
            log.debug("Presence of {} left to expire: {}", connection.id, e.toString());
        }
    }

    private static String ref(ClientFrame frame) {
        return frame == null ? null : frame.clientId();
    }
}
