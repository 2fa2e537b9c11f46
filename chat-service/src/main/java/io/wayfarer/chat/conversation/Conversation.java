package io.wayfarer.chat.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * A conversation between a traveller and a travel expert. The expert's user account is the one
 * catalog-service named when the conversation started; membership never changes afterwards.
 */
public record Conversation(UUID id, UUID travellerId, long expertId, UUID expertUserId, String expertName,
        Long tripId, long lastSeq, Instant lastMessageAt, Instant createdAt) {

    public Members members() {
        return new Members(id, travellerId, expertUserId);
    }
}
