package io.wayfarer.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.gateway.routing.RoutedPaths;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

class InterimAccessPolicyTests {

    private final InterimAccessPolicy policy = new InterimAccessPolicy(new RoutedPaths());

    @ParameterizedTest
    @CsvSource({
            "POST, /v1/auth/register, true",
            "POST, /v1/auth/login, true",
            "POST, /v1/auth/refresh, true",
            "POST, /v1/auth/logout, false",
            "GET, /v1/auth/oauth2/wechat/callback, true",
            "GET, /.well-known/jwks.json, true",
            "GET, /v1/about/catalog-service, true",
            "GET, /v1/trips, true",
            "GET, /v1/trips/42/departures, true",
            "POST, /v1/trips, false",
            "DELETE, /v1/trips/42, false",
            "GET, /v1/destinations/9, true",
            "GET, /v1/experts, true",
            "GET, /v1/reviews/1, true",
            "POST, /v1/reviews, false",
            "GET, /v1/recommendations/similar-trips, true",
            "GET, /v1/recommendations, false",
            "POST, /v1/payments/alipay/notify, true",
            "GET, /v1/payments/alipay/return, true",
            "GET, /v1/payments/9, false",
            "GET, /ws/chat, true",
            "GET, /v1/users/me, false",
            "GET, /v1/users, false",
            "GET, /v1/orders, false",
            "GET, /v1/conversations/1, false",
            "GET, /V1/TRIPS/1, true",
            "GET, /actuator/health/readiness, true",
            "GET, /actuator/prometheus, true",
            "GET, /actuator/metrics, false",
            "GET, /actuator/env, false",
            "POST, /v1/auth/oauth2/exchange, true",
            "GET, /v2/anything, true",
            "DELETE, /v1/about/gateway-service, true"})
    void decidesOnMethodAndCanonicalPath(String method, String path, boolean isPublic) {
        assertThat(policy.isPublic(HttpMethod.valueOf(method), PathContainer.parsePath(path))).isEqualTo(isPublic);
    }

    @ParameterizedTest
    @CsvSource({"POST, /v1/auth/login, true", "GET, /v1/auth/login, false", "POST, /v1/auth/login/x, false"})
    void knowsTheLoginRequest(String method, String path, boolean isLogin) {
        assertThat(policy.isLogin(HttpMethod.valueOf(method), PathContainer.parsePath(path))).isEqualTo(isLogin);
    }
}
