package io.wayfarer.chat.message;

import io.wayfarer.chat.conversation.ConversationAccess;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.ProblemException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A conversation's history by seq: {@code after_seq} pages forward (what a reconnecting client
 * missed), {@code before_seq} pages back (scrolling up); neither gives the newest. Items are
 * always ascending; {@code Link} rel=next/prev carry the cursors. Members read it under
 * {@code /v1/conversations}, staff granted the audit route under {@code /v1/chat/audit}.
 */
@RestController
class MessageController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final MessageLog log;
    private final ConversationAccess access;

    MessageController(MessageLog log, ConversationAccess access) {
        this.log = log;
        this.access = access;
    }

    record History(UUID conversationId, List<ChatMessage> items, long lastSeq, boolean hasMore) {
    }

    @GetMapping("/v1/conversations/{id}/messages")
    ResponseEntity<History> history(CurrentUser user, @PathVariable UUID id,
            @RequestParam(name = "after_seq", required = false) Long afterSeq,
            @RequestParam(name = "before_seq", required = false) Long beforeSeq,
            @RequestParam(name = "limit", required = false) Integer limit) {
        access.toRead(id, user);
        return page(id, afterSeq, beforeSeq, limit);
    }

    /** The same history for an auditor: the gateway admitted the route by its grant; no member check. */
    @GetMapping("/v1/chat/audit/conversations/{id}/messages")
    ResponseEntity<History> audit(CurrentUser auditor, @PathVariable UUID id,
            @RequestParam(name = "after_seq", required = false) Long afterSeq,
            @RequestParam(name = "before_seq", required = false) Long beforeSeq,
            @RequestParam(name = "limit", required = false) Integer limit) {
        access.toAudit(id);
        return page(id, afterSeq, beforeSeq, limit);
    }

    private ResponseEntity<History> page(UUID id, Long afterSeq, Long beforeSeq, Integer limit) {
        if (afterSeq != null && beforeSeq != null) {
            throw ProblemException.validation("after_seq", "give after_seq or before_seq, not both");
        }
        if ((afterSeq != null && afterSeq < 0) || (beforeSeq != null && beforeSeq < 1)) {
            throw ProblemException.validation(afterSeq != null ? "after_seq" : "before_seq", "must not be negative");
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.validation("limit", "must be between 1 and " + MAX_LIMIT);
        }
        long lastSeq = log.lastSeq(id);
        List<ChatMessage> items = afterSeq != null ? log.after(id, afterSeq, size) : log.before(id, beforeSeq, size);
        boolean hasMore = afterSeq != null
                ? !items.isEmpty() && items.get(items.size() - 1).seq() < lastSeq
                : !items.isEmpty() && items.get(0).seq() > 1;
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (!items.isEmpty()) {
            response.header(HttpHeaders.LINK, links(items, size));
        }
        return response.body(new History(id, items, lastSeq, hasMore));
    }

    private static String links(List<ChatMessage> items, int size) {
        String next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("before_seq")
                .replaceQueryParam("after_seq", items.get(items.size() - 1).seq()).replaceQueryParam("limit", size)
                .toUriString();
        String prev = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("after_seq")
                .replaceQueryParam("before_seq", items.get(0).seq()).replaceQueryParam("limit", size).toUriString();
        return "<" + next + ">; rel=\"next\", <" + prev + ">; rel=\"prev\"";
    }
}
