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
 */
@Component
class IdentityHeaderStripping implements WebFilter, Ordered {

    static final String IDENTITY_HEADER_PREFIX = "X-User-";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> identityHeaders = exchange.getRequest().getHeaders().headerNames().stream()
                .filter(IdentityHeaderStripping::isIdentityHeader)
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

    @Override
    public int getOrder() {
        return EdgeFilterOrder.STRIP_IDENTITY_HEADERS;
    }
}
