package io.wayfarer.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/** The index of RoutedPaths gives exactly the answer of trying every route pattern. */
class RoutedPathsTests {

    private static final ApiDocsProperties API_DOCS = new ApiDocsProperties(List.of("catalog-service"));
    private final RoutedPaths routed = new RoutedPaths(API_DOCS);

    @Test
    void sameAnswerAsEveryPatternForRoutedAndUnroutedPaths() {
        List<String> paths = List.of("/v1/users/me", "/v1/users", "/v1/users/", "/v1/users/1/roles", "/v1/users/1/roles/x",
                "/v1/roles", "/v1/me/permissions", "/v1/me", "/v1/me/permissions/x", "/v1/trips", "/v1/trips/1/reviews",
                "/.well-known/jwks.json", "/.well-known", "/ws/chat", "/ws/chat/", "/ws/chat/x", "/ws", "/WS/CHAT",
                "/v1/about/gateway-service", "/v1/about/catalog-service", "/v1/api-docs/catalog-service",
                "/v1/api-docs/payment-service", "/v1/api-docs", "/v1/recommendation-models/1", "/v1", "/", "",
                "/v1/Users/me", "/v2/trips", "/actuator/health", "/internal/v1/policy", "/v1/orders", "/v1/payments/x/y");
        for (String path : paths) {
            PathContainer container = PathContainer.parsePath(path);
            boolean anyPattern = ServiceRoutes.with(API_DOCS).stream().flatMap(route -> route.paths().stream())
                    .anyMatch(pattern -> PathPatternParser.defaultInstance.parse(pattern).matches(container));
            assertThat(routed.isRouted(container)).as(path).isEqualTo(anyPattern);
        }
    }

    @Test
    void onlyPatternsWithTwoLiteralSegmentsAreIndexed() {
        assertThat(RoutedPaths.literalPrefix("/v1/users/**")).isEqualTo("v1/users");
        assertThat(RoutedPaths.literalPrefix("/ws/chat")).isEqualTo("ws/chat");
        assertThat(RoutedPaths.literalPrefix("/.well-known/jwks.json")).isEqualTo(".well-known/jwks.json");
        assertThat(RoutedPaths.literalPrefix("/v1/*/roles")).isNull();
        assertThat(RoutedPaths.literalPrefix("/v1/{id}")).isNull();
        assertThat(RoutedPaths.literalPrefix("/**")).isNull();
        assertThat(RoutedPaths.literalPrefix("/v1")).isNull();
    }
}
