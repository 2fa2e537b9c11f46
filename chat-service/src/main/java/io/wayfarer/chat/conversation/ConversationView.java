package io.wayfarer.chat.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation as one user sees it: the expert, the other member, the last message (text
 * exactly as sent — whoever renders it escapes it), how many of the other member's messages
 * this user has not read, and this user's read position.
 */
record ConversationView(UUID id, ExpertRef expert, UUID travellerId, Long tripId, UUID counterpartId,
        long lastSeq, LastMessage lastMessage, long unread, long readSeq, Instant createdAt, Instant lastMessageAt) {

    record ExpertRef(long id, String displayName, UUID userId) {
    }

    record LastMessage(long seq, UUID senderId, String text, Instant sentAt) {
    }
}
