package io.wayfarer.gateway.edge;

import io.wayfarer.gateway.identity.AccessTokenCheck;
import io.wayfarer.gateway.ratelimit.Bucket;
import io.wayfarer.gateway.ratelimit.Buckets;
import io.wayfarer.gateway.ratelimit.ClientAddress;
import io.wayfarer.gateway.ratelimit.LocalBuckets;
import io.wayfarer.gateway.session.GateOutcome;
import io.wayfarer.gateway.session.SessionGate;
import io.wayfarer.platform.identity.InvalidTokenException;
import io.wayfarer.platform.identity.VerifiedToken;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authentication and rate limiting at the edge, in one Redis round trip (see {@link EdgeFilterOrder}).
 *
 * <ol>
 *   <li>Credentials: exactly one {@code Authorization: Bearer} header, or none.</li>
 *   <li>A token is verified in memory ({@link AccessTokenCheck}: RS256 pinned, cached JWKS); a bad one
 *       is answered 401 without asking Redis, also on public routes (never silently downgraded).</li>
 *   <li>{@link SessionGate}: the session must be live (its idle expiry slides) and the request takes a
 *       token from its buckets — the user's, or the address's when anonymous, or at login the account's
 *       and the address's. Dead session → 401, empty bucket → 429 with {@code Retry-After}.</li>
 *   <li>Admitted with a token: {@code X-User-Id}, {@code X-User-Roles}, {@code X-Session-Id} are set
 *       (client-sent ones were stripped before), the identity is kept for the RBAC decision
 *       ({@link AuthorisationFilter}, next) and the {@code Authorization} header goes on. Without a token
 *       the request goes on anonymously: whether that is enough is the policy's decision (granted to
 *       ANONYMOUS or 401), not this filter's.</li>
 * </ol>
 *
 * When Redis cannot be asked: a request with a token answers 503 unless the policy grants it to
 * ANONYMOUS (a session that may have been revoked is never trusted); login answers 503 (attempts that
 * cannot be counted are not allowed); anything else goes on anonymously — without identity headers and
 * without the token, so no service sees an unchecked identity — throttled by this instance's
 * {@link LocalBuckets}, and the policy decides it as for anyone without a token.
 */
@Component
class EdgeAdmissionFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(EdgeAdmissionFilter.class);

    private final AccessPolicy policy;
    private final AccessTokenCheck tokens;
    private final SessionGate gate;
    private final Buckets buckets;
    private final LocalBuckets localBuckets;
    private final ClientAddress clientAddress;
    private final LoginAttempts loginAttempts;

    EdgeAdmissionFilter(AccessPolicy policy, AccessTokenCheck tokens, SessionGate gate, Buckets buckets,
            LocalBuckets localBuckets, ClientAddress clientAddress, LoginAttempts loginAttempts) {
        this.policy = policy;
        this.tokens = tokens;
        this.gate = gate;
        this.buckets = buckets;
        this.localBuckets = localBuckets;
        this.clientAddress = clientAddress;
        this.loginAttempts = loginAttempts;
    }

    /** Everything the decision needs about one request. */
    private record Admission(ServerWebExchange exchange, boolean isLogin, String account,
            BearerCredentials credentials) {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        PathContainer path = request.getPath().pathWithinApplication();
        BearerCredentials credentials = BearerCredentials.of(request.getHeaders());
        if (policy.isLogin(method, path)) {
            return loginAttempts.read(exchange).flatMap(attempt ->
                    admit(new Admission(attempt.exchange(), true, attempt.account(), credentials), chain));
        }
        return admit(new Admission(exchange, false, null, credentials), chain);
    }

    private Mono<Void> admit(Admission admission, WebFilterChain chain) {
        return switch (admission.credentials().kind()) {
            case NONE -> anonymous(admission, chain);
            case MALFORMED -> refused(admission, "malformed Authorization header");
            case BEARER -> bearer(admission, chain);
        };
    }

    private Mono<Void> bearer(Admission admission, WebFilterChain chain) {
        // the usual case, a token verified before: straight on to Redis, no operators of its own
        VerifiedToken known = tokens.verifiedEarlier(admission.credentials().token());
        if (known != null) {
            return authenticated(admission, known, chain);
        }
        return tokens.verify(admission.credentials().token())
                .onErrorMap(InvalidTokenException.class, e -> {
                    log.debug("{}: {}", describe(admission), e.getMessage());
                    return EdgeRefusals.unauthenticated(true);
                })
                .flatMap(token -> authenticated(admission, token, chain));
    }

    private Mono<Void> anonymous(Admission admission, WebFilterChain chain) {
        return gate.admit(null, withHandshake(admission, anonymousBuckets(admission)), System.currentTimeMillis())
                .flatMap(outcome -> decided(admission, null, outcome, chain));
    }

    private Mono<Void> authenticated(Admission admission, VerifiedToken token, WebFilterChain chain) {
        List<Bucket> drawn = admission.isLogin()
                ? anonymousBuckets(admission)
                : withHandshake(admission, List.of(buckets.forUser(token.userId())));
        return gate.admit(token, drawn, System.currentTimeMillis())
                .flatMap(outcome -> decided(admission, token, outcome, chain));
    }

    /** A chat socket handshake also draws from its address's handshake bucket (same script, all or none). */
    private List<Bucket> withHandshake(Admission admission, List<Bucket> drawn) {
        if (!isHandshake(admission)) {
            return drawn;
        }
        List<Bucket> all = new ArrayList<>(drawn);
        all.add(buckets.forWebSocketHandshake(clientAddress.of(admission.exchange().getRequest())));
        return all;
    }

    private static boolean isHandshake(Admission admission) {
        return admission.exchange().getAttribute(EdgeRequest.WEBSOCKET_TICKET) != null;
    }

    private Mono<Void> decided(Admission admission, VerifiedToken token, GateOutcome outcome, WebFilterChain chain) {
        if (outcome instanceof GateOutcome.Admitted admitted) {
            Mono<Void> forwarded = chain.filter(
                    token == null ? admission.exchange() : identified(admission.exchange(), token, admitted.roles()));
            return admission.isLogin() ? refundedIfUnanswered(admission, forwarded) : forwarded;
        }
        if (outcome instanceof GateOutcome.Throttled throttled) {
            return Mono.error(EdgeRefusals.tooManyRequests(throttled.retryAfterMillis()));
        }
        if (outcome instanceof GateOutcome.SessionRefused refused) {
            return refused(admission, "session " + refused.reason());
        }
        return withoutRedis(admission, chain, ((GateOutcome.Unreachable) outcome).cause());
    }

    /**
     * A login that auth-service never answered (502, 503 or 504 — a dead instance, an open circuit, a timeout —
     * or no response at all) gives its login tokens back: nobody's password was checked, so an outage must
     * not leave users who retry through it locked out with 429s.
     */
    private Mono<Void> refundedIfUnanswered(Admission admission, Mono<Void> forwarded) {
        ServerHttpResponse response = admission.exchange().getResponse();
        return forwarded
                .then(Mono.defer(() -> isUnanswered(response.getStatusCode()) ? refund(admission) : Mono.<Void>empty()))
                .onErrorResume(error -> refund(admission).then(Mono.error(error)));
    }

    private Mono<Void> refund(Admission admission) {
        return gate.refund(anonymousBuckets(admission), System.currentTimeMillis());
    }

    private static boolean isUnanswered(HttpStatusCode status) {
        return status != null && (status.value() == 502 || status.value() == 503 || status.value() == 504);
    }

    private List<Bucket> anonymousBuckets(Admission admission) {
        String address = clientAddress.of(admission.exchange().getRequest());
        return admission.isLogin()
                ? buckets.forLogin(address, admission.account())
                : List.of(buckets.forAnonymous(address));
    }

    private Mono<Void> withoutRedis(Admission admission, WebFilterChain chain, Throwable failure) {
        boolean tokenSent = admission.credentials().kind() == BearerCredentials.Kind.BEARER;
        boolean refused = admission.isLogin() || tokenSent
                && policy.decide(admission.exchange(), List.of()) != AccessPolicy.Verdict.ALLOWED;
        log.warn("{}: Redis unavailable ({}); {}", describe(admission), failure.toString(),
                refused ? "refused with 503" : "admitted anonymously");
        if (refused) {
            return Mono.error(EdgeRefusals.checksUnavailable());
        }
        String address = clientAddress.of(admission.exchange().getRequest());
        long now = System.currentTimeMillis();
        long wait = localBuckets.take(buckets.forAnonymous(address), now);
        if (wait == 0 && isHandshake(admission)) {
            wait = localBuckets.take(buckets.forWebSocketHandshake(address), now);
        }
        if (wait > 0) {
            return Mono.error(EdgeRefusals.tooManyRequests(wait));
        }
        return chain.filter(admission.exchange().mutate()
                .request(request -> request.headers(headers -> headers.remove(HttpHeaders.AUTHORIZATION)))
                .build());
    }

    private static Mono<Void> refused(Admission admission, String reason) {
        log.debug("{}: {}", describe(admission), reason);
        return Mono.error(EdgeRefusals.unauthenticated(true));
    }

    private static ServerWebExchange identified(ServerWebExchange exchange, VerifiedToken token, String roles) {
        EdgeIdentity identity = new EdgeIdentity(token.userId(), token.sessionId(), roles == null ? "" : roles);
        exchange.getAttributes().put(EdgeRequest.IDENTITY, identity);
        return exchange.mutate().request(request -> request.headers(headers -> {
            headers.set(EdgeIdentity.USER_ID_HEADER, identity.userId());
            headers.set(EdgeIdentity.ROLES_HEADER, identity.roles());
            headers.set(EdgeIdentity.SESSION_ID_HEADER, identity.sessionId());
        })).build();
    }

    private static String describe(Admission admission) {
        ServerHttpRequest request = admission.exchange().getRequest();
        return request.getMethod() + " " + request.getPath().value();
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.AUTHENTICATE;
    }
}
