package io.wayfarer.chat.socket;

import io.wayfarer.chat.ticket.Tickets;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Authenticates the handshake: {@code ?ticket=} is redeemed once (GETDEL), the ticket's session must
 * still be live in Redis, and the user must be under the per-user socket cap (checked and counted
 * atomically in the presence set). Refusals answer 401 / 429 before any upgrade.
 */
@Component
class TicketHandshake implements HandshakeInterceptor {

    static final String USER_ID = "chat.userId";
    static final String SESSION_ID = "chat.sessionId";
    static final String CONNECTION_ID = "chat.connectionId";
    static final String PRESENCE_MEMBER = "chat.presenceMember";
    static final String LIVE_CONNECTIONS = "chat.liveConnections";

    private final Tickets tickets;
    private final Presence presence;
    private final ChatInstance instance;

    TicketHandshake(Tickets tickets, Presence presence, ChatInstance instance) {
        this.tickets = tickets;
        this.presence = presence;
        this.instance = instance;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (!"websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
            return refuse(response, HttpStatus.BAD_REQUEST, "malformed-request", "This endpoint only speaks WebSocket.");
        }
        String ticket = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("ticket");
        Optional<Tickets.Holder> holder = tickets.redeem(ticket);
        if (holder.isEmpty() || !tickets.sessionAlive(holder.get().sessionId())) {
            return refuse(response, HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "The ticket is unknown, used or expired; get a new one from POST /v1/chat/tickets.");
        }
        String connectionId = UUID.randomUUID().toString();
        String member = instance.member(connectionId);
        long live = presence.register(holder.get().userId(), member);
        if (live < 0) {
            return refuse(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                    "Too many open chat connections for this user.");
        }
        attributes.put(USER_ID, holder.get().userId());
        attributes.put(SESSION_ID, holder.get().sessionId());
        attributes.put(CONNECTION_ID, connectionId);
        attributes.put(PRESENCE_MEMBER, member);
        attributes.put(LIVE_CONNECTIONS, live);
        if (request instanceof ServletServerHttpRequest servlet) {
            servlet.getServletRequest().setAttribute(USER_ID, holder.get().userId());
            servlet.getServletRequest().setAttribute(PRESENCE_MEMBER, member);
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        boolean upgraded = exception == null && (!(response instanceof ServletServerHttpResponse servlet)
                || servlet.getServletResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value());
        if (!upgraded && request instanceof ServletServerHttpRequest servlet) {
            Object user = servlet.getServletRequest().getAttribute(USER_ID);
            Object member = servlet.getServletRequest().getAttribute(PRESENCE_MEMBER);
            if (user instanceof UUID userId && member instanceof String presenceMember) {
                presence.unregister(userId, presenceMember);
            }
        }
    }

    private static boolean refuse(ServerHttpResponse response, HttpStatus status, String type, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"https://wayfarer.io/problems/" + type + "\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}";
        try {
            response.getBody().write(body.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            // the status is what matters
        }
        return false;
    }
}
