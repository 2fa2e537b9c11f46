package io.wayfarer.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.gateway.policy.PolicyHolder;
import io.wayfarer.gateway.routing.RoutedPaths;
import io.wayfarer.platform.policy.CompiledPolicy;
import io.wayfarer.platform.policy.PolicySnapshot;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The edge's decision table: policy for routed paths, the gateway's own endpoints, methods, fail closed. */
class AccessPolicyTests {

    private static final PolicySnapshot SNAPSHOT = new PolicySnapshot(3, List.of(
            new PolicySnapshot.Resource(1, "GET", "/v1/trips/{id}"),
            new PolicySnapshot.Resource(2, "POST", "/v1/trips"),
            new PolicySnapshot.Resource(3, "GET", "/v1/users/me"),
            new PolicySnapshot.Resource(4, "POST", "/v1/auth/login"),
            new PolicySnapshot.Resource(5, "GET", "/v1/rbac-audit")),
            Map.of("ANONYMOUS", List.of(1L, 4L), "TRAVELLER", List.of(3L), "PRODUCT_ADMIN", List.of(2L),
                    "SUPER_ADMIN", List.of(1L, 2L, 3L, 4L, 5L)));

    private final PolicyHolder holder = new PolicyHolder();
    private final AccessPolicy policy = new AccessPolicy(holder, new RoutedPaths(new io.wayfarer.gateway.routing.ApiDocsProperties(java.util.List.of("catalog-service"))));

    @ParameterizedTest
    @CsvSource({
            "GET, /v1/trips/42, '', ALLOWED",
            "HEAD, /v1/trips/42, '', ALLOWED",
            "POST, /v1/trips, '', REFUSED",
            "POST, /v1/trips, TRAVELLER, REFUSED",
            "POST, /v1/trips, PRODUCT_ADMIN, ALLOWED",
            "GET, /v1/users/me, '', REFUSED",
            "GET, /v1/users/me, TRAVELLER, ALLOWED",
            "GET, /v1/users/me, GHOST, REFUSED",
            "GET, /v1/rbac-audit, TRAVELLER, REFUSED",
            "GET, /v1/rbac-audit, SUPER_ADMIN, ALLOWED",
            // default deny: routed, but no resource — for SUPER_ADMIN too
            "GET, /v1/trips/42/photos, SUPER_ADMIN, REFUSED",
            "DELETE, /v1/trips/42, SUPER_ADMIN, REFUSED",
            // trailing slash: routed, not canonical for the matcher
            "GET, /v1/trips/42/, '', REFUSED",
            "OPTIONS, /v1/trips/42, '', METHOD_NOT_ALLOWED",
            "TRACE, /v1/trips/42, SUPER_ADMIN, METHOD_NOT_ALLOWED",
            // the gateway's own endpoints and unrouted paths: not the policy's (404/405 follow)
            "GET, /v1/about/gateway-service, '', ALLOWED",
            "DELETE, /v1/about/gateway-service, '', ALLOWED",
            "GET, /actuator/health/readiness, '', ALLOWED",
            "GET, /actuator/prometheus, '', ALLOWED",
            "GET, /actuator/metrics, '', REFUSED",
            "GET, /actuator/env, SUPER_ADMIN, REFUSED",
            "GET, /v2/anything, '', ALLOWED",
            "GET, /V1/TRIPS/1, '', ALLOWED"})
    void decides(String method, String path, String roles, AccessPolicy.Verdict expected) {
        holder.install(CompiledPolicy.compile(SNAPSHOT));

        assertThat(policy.decide(exchange(method, path), roles.isEmpty() ? List.of() : Arrays.asList(roles.split(" "))))
                .isEqualTo(expected);
    }

    @Test
    void unknownAndLowerCaseMethodsAreRefusedBeforeThePolicy() {
        holder.install(CompiledPolicy.compile(SNAPSHOT));

        assertThat(policy.decide(exchange("get", "/v1/trips/1"), List.of())).isEqualTo(AccessPolicy.Verdict.METHOD_NOT_ALLOWED);
        assertThat(policy.decide(exchange("PROPFIND", "/v1/trips/1"), List.of())).isEqualTo(AccessPolicy.Verdict.METHOD_NOT_ALLOWED);
    }

    @Test
    void failsClosedUntilAPolicyIsLoaded() {
        assertThat(policy.decide(exchange("GET", "/v1/trips/1"), List.of())).isEqualTo(AccessPolicy.Verdict.NO_POLICY);
        assertThat(policy.decide(exchange("GET", "/v1/about/gateway-service"), List.of())).isEqualTo(AccessPolicy.Verdict.ALLOWED);
        assertThat(policy.decide(exchange("GET", "/v2/anything"), List.of())).isEqualTo(AccessPolicy.Verdict.ALLOWED);
    }

    @Test
    void neverGoesBackToAnOlderVersion() {
        holder.install(CompiledPolicy.compile(SNAPSHOT));

        boolean installed = holder.install(CompiledPolicy.compile(new PolicySnapshot(2, List.of(), Map.of())));

        assertThat(installed).isFalse();
        assertThat(holder.version()).isEqualTo(3);
        assertThat(policy.decide(exchange("GET", "/v1/trips/1"), List.of())).isEqualTo(AccessPolicy.Verdict.ALLOWED);
    }

    @ParameterizedTest
    @CsvSource({"POST, /v1/auth/login, true", "GET, /v1/auth/login, false", "POST, /v1/auth/login/x, false"})
    void knowsTheLoginRequest(String method, String path, boolean isLogin) {
        assertThat(policy.isLogin(HttpMethod.valueOf(method), PathContainer.parsePath(path))).isEqualTo(isLogin);
    }

    /** As the normalisation filter leaves it: the decoded path as an attribute. */
    private static MockServerWebExchange exchange(String method, String path) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.valueOf(method), path));
        exchange.getAttributes().put(EdgeRequest.NORMALISED_PATH, path);
        return exchange;
    }
}
