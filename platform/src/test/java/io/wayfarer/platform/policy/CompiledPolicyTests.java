package io.wayfarer.platform.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfarer.platform.policy.PolicyDecision.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented path semantics (docs/rbac.md), one example each. */
class CompiledPolicyTests {

    private final CompiledPolicy policy = CompiledPolicy.compile(new PolicySnapshot(7, List.of(
            new PolicySnapshot.Resource(1, "GET", "/v1/trips"),
            new PolicySnapshot.Resource(2, "GET", "/v1/trips/{id}"),
            new PolicySnapshot.Resource(3, "ANY", "/v1/trips/**"),
            new PolicySnapshot.Resource(4, "GET", "/v1/users/me"),
            new PolicySnapshot.Resource(5, "GET", "/v1/users/{id}"),
            new PolicySnapshot.Resource(6, "POST", "/v1/auth/login")),
            Map.of("ANONYMOUS", List.of(1L, 2L, 6L), "TRAVELLER", List.of(4L), "PRODUCT_ADMIN", List.of(3L),
                    "SUPER_ADMIN", List.of(1L, 2L, 3L, 4L, 5L, 6L))));

    @Test
    void anonymousIsAlwaysImplied() {
        assertThat(policy.decide("GET", "/v1/trips", List.of()))
                .isEqualTo(new PolicyDecision(true, Outcome.ALLOWED, 1L, List.of("ANONYMOUS")));
        assertThat(policy.allows("POST", "/v1/auth/login", List.of("TRAVELLER"))).isTrue();
    }

    @Test
    void theMostSpecificGrantedResourceIsReported() {
        assertThat(policy.decide("GET", "/v1/users/me", List.of("TRAVELLER")).matchedResource()).isEqualTo(4L);
        assertThat(policy.decide("GET", "/v1/users/me", List.of("SUPER_ADMIN")).grantedBy()).containsExactly("SUPER_ADMIN");
        assertThat(policy.decide("GET", "/v1/users/42", List.of("TRAVELLER")))
                .isEqualTo(new PolicyDecision(false, Outcome.NOT_GRANTED, 5L, List.of()));
        assertThat(policy.decide("GET", "/v1/trips/9", List.of("PRODUCT_ADMIN")))
                .isEqualTo(new PolicyDecision(true, Outcome.ALLOWED, 2L, List.of("ANONYMOUS")));
        assertThat(policy.decide("DELETE", "/v1/trips/9", List.of("PRODUCT_ADMIN")).matchedResource()).isEqualTo(3L);
    }

    @Test
    void doubleStarMatchesZeroOrMoreSegmentsAndAnyCoversTheFiveMethods() {
        assertThat(policy.allows("DELETE", "/v1/trips", List.of("PRODUCT_ADMIN"))).isTrue();
        assertThat(policy.allows("PATCH", "/v1/trips/1/departures/2", List.of("PRODUCT_ADMIN"))).isTrue();
        assertThat(policy.decide("HEAD", "/v1/trips", List.of("PRODUCT_ADMIN")).outcome()).isEqualTo(Outcome.NOT_CANONICAL);
        assertThat(policy.allows("get", "/v1/trips", List.of())).isFalse();
    }

    @Test
    void defaultDenyAndNonCanonicalPathsAreRefused() {
        assertThat(policy.decide("GET", "/v1/destinations", List.of("SUPER_ADMIN")).outcome()).isEqualTo(Outcome.NO_RESOURCE);
        for (String path : List.of("/v1/trips/", "//v1/trips", "/V1/TRIPS", "/v1/trips/../users/me", "/v1/./trips",
                "/v1/trips;x=y", "/v1/trips%2f1", "/v1\\trips", "/v1/trips/1?x=1", "v1/trips", "", "/v1/tr ips",
                "/v1/trips/\u0000", "/v1/trips/\uFFFD")) {
            assertThat(policy.allows("GET", path, List.of("SUPER_ADMIN"))).as(path).isFalse();
        }
    }

    @Test
    void patternsAreValidatedAndDuplicateShapesRefused() {
        for (String bad : List.of("v1", "/v1/", "//v1", "/v1/**/x", "/v1/{}", "/v1/{1x}", "/v1/a*", "/v1/..", "/v1/a;b")) {
            assertThatThrownBy(() -> RoutePattern.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(RoutePattern.parse("/v1/trips/{tripId}/reviews").shape()).isEqualTo("/v1/trips/{}/reviews");
        assertThatThrownBy(() -> CompiledPolicy.compile(new PolicySnapshot(1, List.of(
                new PolicySnapshot.Resource(1, "GET", "/v1/trips/{id}"),
                new PolicySnapshot.Resource(2, "GET", "/v1/trips/{tripId}")), Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
