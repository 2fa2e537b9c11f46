package io.wayfarer.gateway.edge;

import io.wayfarer.gateway.routing.RoutedPaths;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which requests need no token, until W3's RBAC policy (resources granted to ANONYMOUS) replaces this
 * class. Decided on (method, canonical path) after path normalisation. Every routed path not listed in
 * {@link #PUBLIC} needs a valid token and a live session, and so does the gateway's own actuator beyond
 * health and metrics scraping. A path that nothing serves needs none: the gateway answers it 404 (or
 * 405) itself. Case matters: {@code /V1/TRIPS} is neither public nor routed.
 */
@Component
public class InterimAccessPolicy {

    private static final PathPattern ACTUATOR = PathPatternParser.defaultInstance.parse("/actuator/**");

    /** Where a failed password attempt is counted per account and per address. */
    static final Rule LOGIN = new Rule(HttpMethod.POST, "/v1/auth/login");

    static final List<Rule> PUBLIC = List.of(
            new Rule(HttpMethod.POST, "/v1/auth/register"),
            LOGIN,
            new Rule(HttpMethod.POST, "/v1/auth/refresh"),
            new Rule(HttpMethod.GET, "/v1/auth/oauth2/**"),
            new Rule(HttpMethod.POST, "/v1/auth/oauth2/exchange"),
            new Rule(HttpMethod.GET, "/.well-known/jwks.json"),
            new Rule(HttpMethod.GET, "/v1/about/**"),
            new Rule(HttpMethod.GET, "/v1/trips/**"),
            new Rule(HttpMethod.GET, "/v1/destinations/**"),
            new Rule(HttpMethod.GET, "/v1/experts/**"),
            new Rule(HttpMethod.GET, "/v1/reviews/**"),
            new Rule(HttpMethod.GET, "/v1/recommendations/similar-trips"),
            new Rule(HttpMethod.POST, "/v1/payments/alipay/notify"),
            new Rule(HttpMethod.GET, "/v1/payments/alipay/return"),
            // the chat socket authenticates with its own one-time ticket (W6)
            new Rule(HttpMethod.GET, "/ws/chat"),
            // only when the actuator shares the public port (tests): deployments put it on MANAGEMENT_PORT
            new Rule(HttpMethod.GET, "/actuator/health/**"),
            new Rule(HttpMethod.GET, "/actuator/prometheus"));

    private final RoutedPaths routed;

    InterimAccessPolicy(RoutedPaths routed) {
        this.routed = routed;
    }

    /** Whether the request may be made without a token (one that is sent is still checked). */
    public boolean isPublic(HttpMethod method, PathContainer path) {
        for (Rule rule : PUBLIC) {
            if (rule.matches(method, path)) {
                return true;
            }
        }
        return !routed.isRouted(path) && !ACTUATOR.matches(path);
    }

    public boolean isLogin(HttpMethod method, PathContainer path) {
        return LOGIN.matches(method, path);
    }

    record Rule(HttpMethod method, PathPattern pattern) {

        Rule(HttpMethod method, String pattern) {
            this(method, PathPatternParser.defaultInstance.parse(pattern));
        }

        boolean matches(HttpMethod requestMethod, PathContainer path) {
            return method.equals(requestMethod) && pattern.matches(path);
        }
    }
}
