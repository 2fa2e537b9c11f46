package io.wayfarer.chat.conversation;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.paging.PageLinks;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Conversations: start one with an expert, list mine (or my expert inbox), read one, mark read;
 * and, for staff granted the audit routes, any member's conversations read-only.
 */
@RestController
class ConversationController {

    private final Conversations conversations;
    private final ExpertDirectory experts;
    private final Inbox inbox;
    private final ConversationAccess access;
    private final ReadPositions readPositions;
    private final ApplicationEventPublisher events;

    ConversationController(Conversations conversations, ExpertDirectory experts, Inbox inbox,
            ConversationAccess access, ReadPositions readPositions, ApplicationEventPublisher events) {
        this.conversations = conversations;
        this.experts = experts;
        this.inbox = inbox;
        this.access = access;
        this.readPositions = readPositions;
        this.events = events;
    }

    record OpenConversation(Long expertId, Long tripId) {
    }

    record ReadPosition(Long seq) {
    }

    record ReadPositionView(UUID conversationId, UUID userId, long readSeq) {
    }

    @PostMapping("/v1/conversations")
    ResponseEntity<ConversationView> open(CurrentUser user, @RequestBody OpenConversation body) {
        if (body.expertId() == null || body.expertId() <= 0) {
            throw ProblemException.validation("expertId", "must name an expert");
        }
        if (body.tripId() != null && body.tripId() <= 0) {
            throw ProblemException.validation("tripId", "must be a positive id");
        }
        ExpertDirectory.Expert expert = experts.expert(body.expertId());
        if (expert.userId().equals(user.userId())) {
            throw ProblemException.validation("expertId", "you cannot start a conversation with yourself");
        }
        Conversations.Opened opened = conversations.open(user.userId(), expert, body.tripId());
        ConversationView view = inbox.one(opened.conversation().id(), user.userId());
        if (!opened.created()) {
            return ResponseEntity.ok(view);
        }
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(view.id()).toUri();
        return ResponseEntity.created(location).body(view);
    }

    /** {@code as=traveller|expert} narrows to one side; an expert's inbox is {@code as=expert}. Newest first by default. */
    @GetMapping("/v1/conversations")
    ResponseEntity<ListPage<ConversationView>> mine(CurrentUser user, HttpServletRequest request) {
        return listOf(user.userId(), request);
    }

    /** A member's conversations as that member sees them ({@code member_id} required); read-only audit. */
    @GetMapping("/v1/chat/audit/conversations")
    ResponseEntity<ListPage<ConversationView>> ofMember(CurrentUser auditor, HttpServletRequest request) {
        String memberId = request.getParameter("member_id");
        if (memberId == null || memberId.isBlank()) {
            throw ProblemException.validation("member_id", "must name the member whose conversations to audit");
        }
        try {
            return listOf(UUID.fromString(memberId), request);
        } catch (IllegalArgumentException notAUuid) {
            throw ProblemException.validation("member_id", "must be a user id (UUID)");
        }
    }

    @GetMapping("/v1/chat/audit/conversations/{id}")
    ConversationView audited(CurrentUser auditor, @PathVariable UUID id) {
        access.toAudit(id);
        return inbox.one(id, auditor.userId());
    }

    private ResponseEntity<ListPage<ConversationView>> listOf(UUID userId, HttpServletRequest request) {
        Map<String, String[]> parameters = new HashMap<>(request.getParameterMap());
        parameters.remove("member_id");
        parameters.putIfAbsent("order", new String[] {"desc"});
        ListQuery query = ListQuery.from(parameters, Inbox.SORTABLE, "last_activity");
        Inbox.Page page = inbox.of(userId, side(request.getParameter("as")), query);
        return ResponseEntity.ok()
                .header(HttpHeaders.LINK, PageLinks.header(ServletUriComponentsBuilder.fromCurrentRequest(), query, page.total()))
                .body(new ListPage<>(page.items(), page.total(), query.offset(), query.limit()));
    }

    @GetMapping("/v1/conversations/{id}")
    ConversationView one(CurrentUser user, @PathVariable UUID id) {
        access.toRead(id, user);
        return inbox.one(id, user.userId());
    }

    /** Marks the conversation read up to {@code seq}; positions never move back. */
    @PutMapping("/v1/conversations/{id}/read-position")
    ReadPositionView markRead(CurrentUser user, @PathVariable UUID id, @RequestBody ReadPosition body) {
        Members members = access.toWrite(id, user);
        long lastSeq = conversations.find(id).map(Conversation::lastSeq).orElse(0L);
        if (body.seq() == null || body.seq() < 0 || body.seq() > lastSeq) {
            throw ProblemException.validation("seq", "must be between 0 and the conversation's last seq " + lastSeq);
        }
        long readSeq = readPositions.markRead(id, user.userId(), body.seq());
        events.publishEvent(new ReadPositionMoved(members, user.userId(), readSeq, ReadPositionMoved.READ));
        return new ReadPositionView(id, user.userId(), readSeq);
    }

    private static Inbox.Side side(String as) {
        if (as == null) {
            return Inbox.Side.ANY;
        }
        return switch (as.toLowerCase(Locale.ROOT)) {
            case "traveller" -> Inbox.Side.TRAVELLER;
            case "expert" -> Inbox.Side.EXPERT;
            default -> throw ProblemException.of(ProblemType.MALFORMED_REQUEST, "as must be traveller or expert.");
        };
    }
}
