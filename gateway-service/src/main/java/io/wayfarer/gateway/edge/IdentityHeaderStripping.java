package io.wayfarer.gateway.edge;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Drops every incoming {@code X-User-*} header and {@code X-Session-Id}. Services trust these headers
 * because only the gateway sets them (after authentication); a client must never be able to send its own.
 * Also drops the headers some frameworks read to change the method or the path after the edge decided
 * ({@code X-HTTP-Method-Override}, {@code X-HTTP-Method}, {@code X-Method-Override}, {@code X-Original-URL},
 * {@code X-Rewrite-URL}): the RBAC decision is on the request line, and so must the service's be.
 */
@Component
class IdentityHeaderStripping implements WebFilter, Ordered {

    static final String IDENTITY_HEADER_PREFIX = "X-User-";
    static final List<String> OVERRIDE_HEADERS = List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override",
            "X-Original-URL", "X-Rewrite-URL");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> identityHeaders = exchange.getRequest().getHeaders().headerNames().stream()
                .filter(name -> isIdentityHeader(name) || isOverrideHeader(name))
                .toList();
        if (identityHeaders.isEmpty()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> identityHeaders.forEach(headers::remove)))
                .build());
    }

    static boolean isIdentityHeader(String name) {
        return name.regionMatches(true, 0, IDENTITY_HEADER_PREFIX, 0, IDENTITY_HEADER_PREFIX.length())
                || name.equalsIgnoreCase(EdgeIdentity.SESSION_ID_HEADER);
    }

    static boolean isOverrideHeader(String name) {
        return OVERRIDE_HEADERS.stream().anyMatch(name::equalsIgnoreCase);
    }

    @Override
    public int getOrder() {
        return EdgeFilterOrder.STRIP_IDENTITY_HEADERS;
    }
}
