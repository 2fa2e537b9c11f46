package io.wayfarer.gateway.edge;

import org.springframework.core.Ordered;

/**
 * The order of the gateway's own edge filters (WebFilters, lower runs first). They run before any
 * route is matched, for every request, routed or not; Spring Cloud Gateway's route filters come after.
 *
 * <ol>
 *   <li>{@link #REQUEST_ID}: take or make the {@code X-Request-Id} first, so even a rejected request
 *       gets an id in its problem and in the logs. It reads no path, so nothing can bypass it.</li>
 *   <li>{@link #NORMALISE_PATH}: the first filter that looks at the path. Rejects non-canonical paths
 *       (400) and refuses {@code /internal/**} (404). Every later filter and the route predicates
 *       see only the canonical path.</li>
 *   <li>{@link #STRIP_IDENTITY_HEADERS}: drop every incoming {@code X-User-*}; only the gateway sets them.</li>
 *   <li>{@link #WEBSOCKET_HANDSHAKE} (W6, {@code WebSocketHandshakeFilter}): {@code GET /ws/chat} must be an
 *       upgrade (400) from an allowed Origin (403) with a well-formed ticket (401), all from memory; marks
 *       the request (with its ticket) so the next filter also charges the address's handshake bucket and
 *       {@link #WEBSOCKET_TICKET} looks the ticket up.</li>
 *   <li>{@link #AUTHENTICATE} (W2, {@code EdgeAdmissionFilter}): bearer JWT verified in memory → 401; then
 *       one Redis script checks the live session (→ 401) and takes the rate-limit token (per user, per
 *       address when anonymous, per account and address at login → 429 + Retry-After); sets the
 *       identity headers.</li>
 *   <li>{@link #AUTHORISE} (W3, {@code AuthorisationFilter}): (method, normalised path, the session's roles or
 *       none) against the RBAC policy held in memory: refused without a token → 401, with one → 403;
 *       OPTIONS/TRACE/unknown methods → 405; no policy loaded yet → 503. Decided in memory, after the one
 *       Redis round trip, on the same path the routes match.</li>
 *   <li>{@link #WEBSOCKET_TICKET} (W6, {@code WebSocketTicketFilter}): a marked handshake's ticket must be live
 *       in Redis (one {@code EXISTS}, not consumed: chat-service redeems it) → 401 when unknown, used or
 *       expired, 503 + Retry-After when Redis cannot be asked. After admission so that made-up well-formed
 *       tickets still pay from the handshake bucket (a flood is throttled before it costs a lookup each),
 *       and after the in-memory RBAC decision; a second round trip for handshakes only, never on the
 *       per-request path.</li>
 * </ol>
 * Rate limiting and the session check share one slot because they share one Redis round trip: the
 * user's bucket is only known once the token is verified, and a second round trip per request would
 * cost more than the whole rest of the edge (docs/benchmarks.md). A bad token is refused from memory
 * before Redis is asked, so floods of forged tokens never reach Redis.
 */
public final class EdgeFilterOrder {

    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE + 1_000;
    public static final int NORMALISE_PATH = REQUEST_ID + 100;
    public static final int STRIP_IDENTITY_HEADERS = NORMALISE_PATH + 100;
    public static final int WEBSOCKET_HANDSHAKE = STRIP_IDENTITY_HEADERS + 100;
    public static final int AUTHENTICATE = STRIP_IDENTITY_HEADERS + 200;
    public static final int AUTHORISE = AUTHENTICATE + 100;
    public static final int WEBSOCKET_TICKET = AUTHORISE + 100;

    private EdgeFilterOrder() {
    }
}
