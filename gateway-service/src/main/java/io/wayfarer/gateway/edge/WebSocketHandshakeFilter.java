package io.wayfarer.gateway.edge;

import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.problem.Problems;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The chat socket's handshake, checked at the edge before the upgrade is proxied to chat-service
 * ({@link EdgeFilterOrder#WEBSOCKET_HANDSHAKE}), on the normalised path (so {@code /ws/%63hat} is
 * checked like {@code /ws/chat}; encoded slashes, dot segments, {@code //} were refused with 400 before,
 * and other spellings such as {@code /WS/CHAT} or {@code /ws/chat/} are not routed: 404). For
 * {@code GET /ws/chat}, in this order:
 *
 * <ol>
 *   <li>not a WebSocket upgrade ({@code Upgrade: websocket}) → 400;</li>
 *   <li>an {@code Origin} that is not allowed ({@link AllowedOrigins}), or several → 403. Browsers always
 *       send one on a handshake; a request without one is not from a page and has nothing to hijack;</li>
 *   <li>no ticket, several, or one not of the shape chat-service issues (exactly 43 characters of
 *       {@code A-Z a-z 0-9 - _}, raw in the query: {@code ?ticket=…}) → 401, without asking Redis;</li>
 *   <li>otherwise the request is marked as a handshake (with its ticket), and {@code EdgeAdmissionFilter}
 *       (next) also takes a token from the client address's handshake bucket ({@code rl:ws:ip:{ip}}) in its
 *       one Redis script → 429 with {@code Retry-After} when empty;</li>
 *   <li>{@code AuthorisationFilter} decides the route as for any request;</li>
 *   <li>last, {@link WebSocketTicketFilter} asks Redis whether the ticket is live (unknown, used, expired →
 *       401; Redis unreachable → 503). It comes after admission on purpose: a well-formed but made-up
 *       ticket still pays its token from the handshake bucket, so a flood of them is throttled before it
 *       can cost Redis a lookup each.</li>
 * </ol>
 * Only chat-service consumes the ticket (it redeems it with {@code GETDEL}); the edge merely refuses
 * tickets that could not be redeemed anyway, so they get a real 401 instead of an upgraded socket that
 * closes at once.
 */
@Component
class WebSocketHandshakeFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(WebSocketHandshakeFilter.class);

    static final String PATH = "/ws/chat";
    static final String TICKET_PARAMETER = "ticket";
    /** chat-service's ticket: 32 random bytes, base64url without padding (docs/chat-protocol.md). */
    static final Pattern TICKET = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final AllowedOrigins origins;

    WebSocketHandshakeFilter(AllowedOrigins origins) {
        this.origins = origins;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!PATH.equals(EdgeRequest.normalisedPath(exchange)) || !HttpMethod.GET.equals(request.getMethod())) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = request.getHeaders();
        if (!"websocket".equalsIgnoreCase(headers.getUpgrade())) {
            return refused(request, "not an upgrade", ProblemType.MALFORMED_REQUEST,
                    "This endpoint only speaks WebSocket.");
        }
        List<String> origin = headers.getOrDefault(HttpHeaders.ORIGIN, List.of());
        if (origin.size() > 1 || origin.size() == 1 && !origins.allows(origin.get(0), headers.getFirst(HttpHeaders.HOST))) {
            return refused(request, "origin " + origin, ProblemType.FORBIDDEN,
                    "Pages of this origin may not open a chat connection.");
        }
        String ticket = ticket(request.getURI().getRawQuery());
        if (ticket == null) {
            log.debug("{} {}: handshake refused, no well-formed ticket", request.getMethod(), request.getPath().value());
            return Mono.error(EdgeRefusals.noChatTicket());
        }
        exchange.getAttributes().put(EdgeRequest.WEBSOCKET_TICKET, ticket);
        return chain.filter(exchange);
    }

    /** The one {@code ticket} parameter of a raw query when it has the ticket's shape; else null. */
    static String ticket(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        String ticket = null;
        for (String parameter : rawQuery.split("&", -1)) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (!name.equals(TICKET_PARAMETER)) {
                continue;
            }
            if (ticket != null || equals < 0) {
                return null;
            }
            ticket = parameter.substring(equals + 1);
        }
        return ticket != null && TICKET.matcher(ticket).matches() ? ticket : null;
    }

    private static Mono<Void> refused(ServerHttpRequest request, String reason, ProblemType type, String detail) {
        log.debug("{} {}: handshake refused, {}", request.getMethod(), request.getPath().value(), reason);
        return Mono.error(new ErrorResponseException(type.status(), Problems.of(type, detail), null));
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.WEBSOCKET_HANDSHAKE;
    }
}
