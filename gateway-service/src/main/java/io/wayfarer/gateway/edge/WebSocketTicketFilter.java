package io.wayfarer.gateway.edge;

import io.wayfarer.gateway.session.ChatTickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The last check of a chat socket handshake ({@link EdgeFilterOrder#WEBSOCKET_TICKET}): its ticket must be
 * live in Redis ({@link ChatTickets}, one {@code EXISTS}; the ticket is not consumed). Unknown, used or
 * expired → 401, as a malformed ticket is ({@link EdgeRefusals#noChatTicket}); Redis unreachable → 503 with
 * {@code Retry-After}, fail closed as for a session that cannot be checked.
 *
 * <p>Why last: {@link WebSocketHandshakeFilter} refuses what it can from memory, {@code EdgeAdmissionFilter}
 * then charges the address's handshake bucket for every well-formed ticket, live or not, so made-up tickets
 * are throttled (429) before each can cost a Redis lookup, and {@link AuthorisationFilter} decides the route
 * in memory. Only requests {@link WebSocketHandshakeFilter} marked with a ticket are looked at; every other
 * request passes without any work.
 *
 * <p>The check narrows, it does not decide: a ticket live here may still be redeemed by another handshake
 * or expire before chat-service's {@code GETDEL}, which alone opens exactly one socket per ticket (a
 * refusal there shows as a socket closed before {@code welcome}, docs/chat-protocol.md).
 */
@Component
class WebSocketTicketFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(WebSocketTicketFilter.class);

    private final ChatTickets tickets;

    WebSocketTicketFilter(ChatTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String ticket = exchange.getAttribute(EdgeRequest.WEBSOCKET_TICKET);
        if (ticket == null) {
            return chain.filter(exchange);
        }
        return tickets.lookUp(ticket).flatMap(lookup -> {
            if (lookup instanceof ChatTickets.Live) {
                return chain.filter(exchange);
            }
            ServerHttpRequest request = exchange.getRequest();
            if (lookup instanceof ChatTickets.Unreachable unreachable) {
                log.warn("{} {}: Redis unavailable ({}); handshake refused with 503", request.getMethod(),
                        request.getPath().value(), unreachable.cause().toString());
                return Mono.error(EdgeRefusals.checksUnavailable());
            }
            log.debug("{} {}: handshake refused, ticket unknown, used or expired", request.getMethod(), request.getPath().value());
            return Mono.error(EdgeRefusals.noChatTicket());
        });
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.WEBSOCKET_TICKET;
    }
}
