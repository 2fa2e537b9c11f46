package io.wayfarer.gateway.edge;

import java.util.List;
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
 * The RBAC decision per request ({@link EdgeFilterOrder#AUTHORISE}, after authentication): (method,
 * normalised path, the session's roles or none) through {@link AccessPolicy}. Allowed → routed. Refused
 * without a token → 401 ({@code WWW-Authenticate: Bearer}); with a token → 403 {@code forbidden}; a
 * method the edge does not route → 405; no policy loaded yet → 503. Decided in memory, no I/O.
 */
@Component
class AuthorisationFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(AuthorisationFilter.class);

    private final AccessPolicy policy;

    AuthorisationFilter(AccessPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        EdgeIdentity identity = EdgeRequest.identity(exchange);
        List<String> roles = identity == null ? List.of() : identity.roleList();
        AccessPolicy.Verdict verdict = policy.decide(exchange, roles);
        if (verdict == AccessPolicy.Verdict.ALLOWED) {
            return chain.filter(exchange);
        }
        if (log.isDebugEnabled()) {
            ServerHttpRequest request = exchange.getRequest();
            log.debug("{} {} as {}: {}", request.getMethod(), request.getPath().value(),
                    identity == null ? "anonymous" : roles, verdict);
        }
        return Mono.error(switch (verdict) {
            case REFUSED -> identity == null ? EdgeRefusals.unauthenticated(false) : EdgeRefusals.forbidden();
            case METHOD_NOT_ALLOWED -> EdgeRefusals.methodNotAllowed(AccessPolicy.ALLOWED_METHODS);
            case NO_POLICY -> EdgeRefusals.policyUnavailable();
            case ALLOWED -> new IllegalStateException("unreachable");
        });
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.AUTHORISE;
    }
}
