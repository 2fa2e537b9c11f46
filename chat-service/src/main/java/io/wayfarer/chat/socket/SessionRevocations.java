package io.wayfarer.chat.socket;

import io.wayfarer.chat.ChatKeys;
import io.wayfarer.platform.events.EventEnvelope;
import io.wayfarer.platform.events.ProcessedEvents;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A revoked session (auth-service's {@code session.revoked} on {@code wayfarer.auth.sessions}) closes
 * its sockets within a moment on every instance: one instance of the consumer group takes the event
 * (once, by event id) and broadcasts the session id on a Redis channel every instance listens to.
 * The heartbeat's periodic session check is the fallback when Kafka is slow or down.
 */
@Component
class SessionRevocations implements MessageListener {

    static final String TOPIC = "wayfarer.auth.sessions";
    static final String REVOKED = "session.revoked";
    private static final String CONSUMER = "chat-service.sockets";
    private static final Logger log = LoggerFactory.getLogger(SessionRevocations.class);

    private final JsonMapper json;
    private final ProcessedEvents processed;
    private final StringRedisTemplate redis;
    private final ChatKeys keys;
    private final LocalConnections connections;

    SessionRevocations(JsonMapper json, ProcessedEvents processed, StringRedisTemplate redis, ChatKeys keys,
            LocalConnections connections) {
        this.json = json;
        this.processed = processed;
        this.redis = redis;
        this.keys = keys;
        this.connections = connections;
    }

    @KafkaListener(topics = TOPIC, groupId = "chat-service")
    @Transactional
    void on(String message) {
        EventEnvelope event = json.readValue(message, EventEnvelope.class);
        if (!REVOKED.equals(event.type()) || !processed.firstTime(event.id(), CONSUMER)) {
            return;
        }
        String sessionId = UUID.fromString(event.data().path("sessionId").asString()).toString();
        redis.convertAndSend(keys.revocationsChannel(), sessionId);
    }

    /** Every instance: close the local sockets of the revoked session. */
    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            UUID sessionId = UUID.fromString(new String(message.getBody(), StandardCharsets.UTF_8));
            connections.ofSession(sessionId).forEach(c -> c.close(CloseCodes.SESSION_ENDED));
        } catch (IllegalArgumentException e) {
            log.warn("Ignored a malformed revocation: {}", e.toString());
        }
    }
}
