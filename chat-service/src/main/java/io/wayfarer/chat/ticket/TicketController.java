package io.wayfarer.chat.ticket;

import io.wayfarer.chat.ChatProperties;
import io.wayfarer.platform.identity.CurrentUserResolver;
import io.wayfarer.platform.identity.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/chat/tickets}: the caller's access token (verified again here) and live session
 * buy one ticket for {@code /ws/chat?ticket=...}, valid 30 s, good for one handshake.
 */
@RestController
class TicketController {

    static final String SOCKET_PATH = "/ws/chat";

    private final Tickets tickets;
    private final ChatProperties properties;
    private final Clock clock;

    TicketController(Tickets tickets, ChatProperties properties, Clock clock) {
        this.tickets = tickets;
        this.properties = properties;
        this.clock = clock;
    }

    record TicketView(String ticket, Instant expiresAt, String url) {
    }

    @PostMapping("/v1/chat/tickets")
    ResponseEntity<TicketView> issue(CurrentUser user) {
        if (!tickets.sessionAlive(user.sessionId())) {
            throw CurrentUserResolver.unauthenticated("The session has ended; please log in again.", "invalid_token");
        }
        String ticket = tickets.issue(user.userId(), user.sessionId());
        return ResponseEntity.status(201).cacheControl(CacheControl.noStore())
                .body(new TicketView(ticket, clock.instant().plus(properties.ticketTtl()), SOCKET_PATH + "?ticket=" + ticket));
    }
}
