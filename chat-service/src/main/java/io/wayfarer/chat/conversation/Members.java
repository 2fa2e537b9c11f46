package io.wayfarer.chat.conversation;

import java.util.List;
import java.util.UUID;

/** The two users of a conversation: only they may read or write it. */
public record Members(UUID conversationId, UUID travellerId, UUID expertUserId) {

    public boolean includes(UUID userId) {
        return travellerId.equals(userId) || expertUserId.equals(userId);
    }

    /** The other member, as seen by {@code userId} (a member). */
    public UUID other(UUID userId) {
        return travellerId.equals(userId) ? expertUserId : travellerId;
    }

    public List<UUID> both() {
        return List.of(travellerId, expertUserId);
    }
}
