package io.wayfarer.gateway.routing;

import java.util.List;

/**
 * Which service owns which paths. Order matters: the first matching route wins, so the specific
 * rbac-service paths under {@code /v1/users} come before auth-service's {@code /v1/users/**}.
 * Every service also answers {@code GET /v1/about/<service>}.
 */
final class ServiceRoutes {

    static final List<ServiceRoute> ALL = List.of(
            ServiceRoute.http("rbac-service",
                    "/v1/users/*/roles/**", "/v1/roles/**", "/v1/resources/**", "/v1/resource-categories/**",
                    "/v1/me/permissions", "/v1/rbac-audit/**", "/v1/about/rbac-service"),
            ServiceRoute.http("auth-service",
                    "/v1/auth/**", "/v1/users/**", "/v1/sessions/**", "/.well-known/jwks.json", "/v1/about/auth-service"),
            ServiceRoute.http("catalog-service",
                    "/v1/trips/**", "/v1/departures/**", "/v1/destinations/**", "/v1/experts/**", "/v1/reviews/**",
                    "/v1/about/catalog-service"),
            ServiceRoute.http("chat-service",
                    "/v1/conversations/**", "/v1/chat/**", "/v1/about/chat-service"),
            ServiceRoute.webSocket("chat-service", "/ws/chat"),
            ServiceRoute.http("recommend-service",
                    "/v1/recommendations/**", "/v1/recommendation-models/**", "/v1/behaviours/**",
                    "/v1/about/recommend-service"),
            ServiceRoute.http("payment-service",
                    "/v1/orders/**", "/v1/payments/**", "/v1/about/payment-service"));

    private ServiceRoutes() {
    }

    /** {@link #ALL}, then one OpenAPI route per listed service ({@link ServiceRoute#apiDocs}). */
    static List<ServiceRoute> with(ApiDocsProperties apiDocs) {
        List<ServiceRoute> routes = new java.util.ArrayList<>(ALL);
        apiDocs.services().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .map(ServiceRoute::apiDocs).forEach(routes::add);
        return List.copyOf(routes);
    }
}
