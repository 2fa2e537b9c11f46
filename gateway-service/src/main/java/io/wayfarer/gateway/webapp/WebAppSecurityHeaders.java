package io.wayfarer.gateway.webapp;

import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Browser security headers on everything the gateway serves itself for the web app (the page, its
 * modules, styles and images): every path outside the API ({@code /v1/}, {@code /v2/}), the chat socket
 * ({@code /ws/}), the key set and the actuator. API answers are the services' business and are never
 * rendered as documents by the app.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles, fonts and connections from this origin only (no
 *       {@code 'unsafe-inline'}, no {@code eval}), images also from https (trip covers), no plugins, no
 *       {@code <base>}, forms post here only, never framed ({@code frame-ancestors 'none'});</li>
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer},
 *       {@code X-Frame-Options: DENY} (older browsers), {@code Cross-Origin-Opener-Policy: same-origin},
 *       and a {@code Permissions-Policy} that turns off the powerful features the app never uses.</li>
 * </ul>
 */
@Component
class WebAppSecurityHeaders implements WebFilter, Ordered {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: https:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=()";

    private static final List<String> NOT_THE_APP = List.of("/v1/", "/v2/", "/ws/", "/.well-known/", "/actuator/");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isWebApp(exchange.getRequest().getPath().value())) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            headers.set("Permissions-Policy", PERMISSIONS_POLICY);
        }
        return chain.filter(exchange);
    }

    static boolean isWebApp(String path) {
        for (String prefix : NOT_THE_APP) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** Early, so even a refusal of the edge filters carries the headers. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
