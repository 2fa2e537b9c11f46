package io.wayfarer.gateway.edge;

import io.wayfarer.platform.requestid.RequestId;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the edge filters learned about a request, kept as exchange attributes for the filters,
 * the fallback and the error handler that come later (a forwarded fallback shares the attributes).
 */
public final class EdgeRequest {

    static final String REQUEST_ID = EdgeRequest.class.getName() + ".requestId";
    static final String ORIGINAL_PATH = EdgeRequest.class.getName() + ".originalPath";
    static final String NORMALISED_PATH = EdgeRequest.class.getName() + ".normalisedPath";
    static final String IDENTITY = EdgeRequest.class.getName() + ".identity";
    /**
     * Set on a chat socket handshake that passed {@code WebSocketHandshakeFilter}: its well-formed ticket.
     * Admission charges the handshake bucket for it, {@code WebSocketTicketFilter} looks the ticket up.
     */
    static final String WEBSOCKET_TICKET = EdgeRequest.class.getName() + ".webSocketTicket";
    static final String AUTHORISED_PATH = EdgeRequest.class.getName() + ".authorisedPath";

    private EdgeRequest() {
    }

    /** The request's id; one taken from the header or made up when the edge filter has not run. */
    public static String requestId(ServerWebExchange exchange) {
        String id = exchange.getAttribute(REQUEST_ID);
        return id != null ? id : RequestId.acceptOrGenerate(exchange.getRequest().getHeaders().getFirst(RequestId.HEADER));
    }

    /** The path as the client sent it (raw), for the {@code instance} of a problem. */
    public static String originalPath(ServerWebExchange exchange) {
        String path = exchange.getAttribute(ORIGINAL_PATH);
        return path != null ? path : exchange.getRequest().getURI().getRawPath();
    }

    /** The decoded, canonical path; null if the request was rejected before normalisation. */
    public static String normalisedPath(ServerWebExchange exchange) {
        return exchange.getAttribute(NORMALISED_PATH);
    }

    /** The path the RBAC policy decided on; null when the policy was not asked (gateway's own or unrouted path). */
    public static String authorisedPath(ServerWebExchange exchange) {
        return exchange.getAttribute(AUTHORISED_PATH);
    }

    /** Who sent the request: set once its token and session were checked; null when anonymous. */
    public static EdgeIdentity identity(ServerWebExchange exchange) {
        return exchange.getAttribute(IDENTITY);
    }
}
