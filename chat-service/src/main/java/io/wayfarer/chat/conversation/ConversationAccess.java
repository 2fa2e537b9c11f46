package io.wayfarer.chat.conversation;

import io.wayfarer.chat.ChatProperties;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The object-level rule the gateway's route check cannot know: only the two members read or
 * write a conversation; staff holding an auditor role (and granted the route at the gateway) may
 * read it, never write to it.
 */
@Component
public class ConversationAccess {

    private final Conversations conversations;
    private final ChatProperties properties;

    ConversationAccess(Conversations conversations, ChatProperties properties) {
        this.conversations = conversations;
        this.properties = properties;
    }

    /** The members, if the user may read the conversation; 404 / 403 otherwise. */
    public Members toRead(UUID conversationId, CurrentUser user) {
        Members members = existing(conversationId);
        if (!members.includes(user.userId()) && properties.auditorRoles().stream().noneMatch(user::hasRole)) {
            throw notAMember();
        }
        return members;
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
