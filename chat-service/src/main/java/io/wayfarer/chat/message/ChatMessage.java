package io.wayfarer.chat.message;

import java.time.Instant;
import java.util.UUID;

/** A stored message: its place in the conversation ({@code seq}, from 1, gap-free) and the text exactly as sent. */
public record ChatMessage(UUID conversationId, long seq, UUID id, UUID senderId, String clientId, String text,
        Instant sentAt) {
}
