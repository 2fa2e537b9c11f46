package io.wayfarer.chat.socket;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** This process among the chat-service instances: its id names its fan-out channel and its presence entries. */
@Component
class ChatInstance {

    private final String id = UUID.randomUUID().toString().substring(0, 13);

    String id() {
        return id;
    }

    /** A connection's presence member: {@code instance|connection}. */
    String member(String connectionId) {
        return id + "|" + connectionId;
    }
}
