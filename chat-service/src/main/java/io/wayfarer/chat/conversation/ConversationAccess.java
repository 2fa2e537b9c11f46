package io.wayfarer.chat.conversation;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The object-level rule the gateway's route check cannot know: only the two members read or
 * write a conversation. Staff audit through the {@code /v1/chat/audit/**} routes instead, which
 * the gateway admits only to roles granted them in the RBAC policy (read-only; docs/chat-protocol.md).
 */
@Component
public class ConversationAccess {

    private final Conversations conversations;

    ConversationAccess(Conversations conversations) {
        this.conversations = conversations;
    }

    /** The members, if the user is one; 404 / 403 otherwise. */
    public Members toRead(UUID conversationId, CurrentUser user) {
        return toWrite(conversationId, user);
    }

    /**
     * The members of a conversation an auditor reads: the route grant was checked at the gateway,
     * so only existence is left (404).
     */
    public Members toAudit(UUID conversationId) {
        return existing(conversationId);
    }

    /** The members, if the user is one; 404 / 403 otherwise. */
    public Members toWrite(UUID conversationId, CurrentUser user) {
        Members members = existing(conversationId);
        if (!members.includes(user.userId())) {
            throw notAMember();
        }
        return members;
    }

    private Members existing(UUID conversationId) {
        return conversations.members(conversationId).orElseThrow(() ->
                ProblemException.of(ProblemType.NOT_FOUND, "There is no conversation " + conversationId + "."));
    }

    private static ProblemException notAMember() {
        return ProblemException.of(ProblemType.FORBIDDEN, "Only the members of a conversation may do that.");
    }
}
