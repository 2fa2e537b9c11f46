package io.wayfarer.gateway;

import static io.wayfarer.gateway.GatewayRoutingIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.requestid.RequestId;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authentication at the edge, end to end (real gateway, real Eureka, real Redis): a valid token with a
 * live session reaches the service with the identity headers; anything else is refused with 401.
 */
class EdgeAuthenticationIntegrationTests {

    /** A route that needs a token, served by the (healthy) auth-service stub. */
    static final String PROTECTED = "/v1/users/me";
    static final String PUBLIC = "/v1/trips/42";

    private static GatewayTestBed bed;

    @BeforeAll
    static void deploy() {
        bed = GatewayTestBed.get();
    }

    @Test
    void validTokenAndLiveSessionReachTheServiceWithTheIdentityHeaders() {
        TestSessions.Session session = bed.sessions.create("TRAVELLER", "EXPERT");
        String token = session.token().build();
        String requestId = requestId();

        HttpResponse<String> response = EdgeHttp.get(bed.port, PROTECTED,
                "Authorization", "Bearer " + token, RequestId.HEADER, requestId);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        StubService.Received received = bed.auth.receivedWithRequestId(requestId);
        assertThat(received.header("X-User-Id")).isEqualTo(session.userId());
        assertThat(received.header("X-User-Roles")).isEqualTo("TRAVELLER,EXPERT");
        assertThat(received.header("X-Session-Id")).isEqualTo(session.sessionId());
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(received.header(RequestId.HEADER)).isEqualTo(requestId);
    }

    @Test
    void spoofedIdentityHeadersNeverReachTheService() {
        TestSessions.Session session = bed.sessions.create("TRAVELLER");
        String requestId = requestId();

        HttpResponse<String> response = EdgeHttp.get(bed.port, PROTECTED, "Authorization", session.bearer(),
                "X-User-Id", "someone-else", "X-User-Roles", "SUPER_ADMIN", "x-user-extra", "1",
                RequestId.HEADER, requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        StubService.Received received = bed.auth.receivedWithRequestId(requestId);
        assertThat(received.header("X-User-Id")).isEqualTo(session.userId());
        assertThat(received.header("X-User-Roles")).isEqualTo("TRAVELLER");
        assertThat(received.headers().get("X-user-extra")).isNull();
        assertThat(received.headers().entrySet()).filteredOn(e -> e.getKey().equalsIgnoreCase("X-User-Id"))
                .singleElement().satisfies(e -> assertThat(e.getValue()).containsExactly(session.userId()));
    }

    @Test
    void anonymousSpoofedIdentityHeadersAreDroppedOnPublicRoutes() {
        String requestId = requestId();
        HttpResponse<String> response = EdgeHttp.get(bed.port, PUBLIC, "X-User-Id", "1", "X-User-Roles", "SUPER_ADMIN",
                "X-Session-Id", "forged", RequestId.HEADER, requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        StubService.Received received = bed.catalog.receivedWithRequestId(requestId);
        assertThat(received.hasHeaderStartingWith("X-User-")).isFalse();
        // X-Session-Id is not an X-User-* header, but only an authenticated request may carry one
        assertThat(received.header("X-Session-Id")).isNull();
    }

    @Test
    void protectedRouteWithoutTokenIsUnauthenticatedWithPlainBearerChallenge() {
        String requestId = requestId();
        HttpResponse<String> response = EdgeHttp.get(bed.port, PROTECTED, RequestId.HEADER, requestId);

        assertUnauthenticated(response, "Bearer");
        assertThat(bed.auth.receivedWithRequestId(requestId)).isNull();
    }

    @Test
    void publicRouteWithValidTokenKnowsTheUser() {
        TestSessions.Session session = bed.sessions.create("TRAVELLER");
        String requestId = requestId();

        HttpResponse<String> response = EdgeHttp.get(bed.port, PUBLIC, "Authorization", session.bearer(),
                RequestId.HEADER, requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(bed.catalog.receivedWithRequestId(requestId).header("X-User-Id")).isEqualTo(session.userId());
    }

    @Test
    void publicRouteWithInvalidTokenIsRefusedNotDowngraded() {
        TestSessions.Session session = bed.sessions.create("TRAVELLER");
        String forged = session.token().signedWith(TestTokens.newKey(TestTokens.SIGNING_KEY.getKeyID())).build();

        assertUnauthenticated(EdgeHttp.get(bed.port, PUBLIC, "Authorization", "Bearer " + forged));
    }

    @Test
    void revokedSessionIsRefusedOnTheVeryNextRequest() {
        TestSessions.Session session = bed.sessions.create("TRAVELLER");
        String bearer = session.bearer();
        assertThat(EdgeHttp.get(bed.port, PROTECTED, "Authorization", bearer).statusCode()).isEqualTo(200);

        bed.sessions.revoke(session);

        assertUnauthenticated(EdgeHttp.get(bed.port, PROTECTED, "Authorization", bearer));
        assertUnauthenticated(EdgeHttp.get(bed.port, PUBLIC, "Authorization", bearer));
    }

    @Test
    void sessionOfAnotherUserIsRefused() {
        TestSessions.Session victims = bed.sessions.create("SUPER_ADMIN");
        String token = TestTokens.anAccessToken(UUID.randomUUID().toString(), victims.sessionId()).build();

        assertUnauthenticated(EdgeHttp.get(bed.port, PROTECTED, "Authorization", "Bearer " + token));
    }

    @Test
    void sessionThatIsNotActiveIsRefused() {
        TestSessions.Session session = bed.sessions.create("TRAVELLER");
        bed.sessions.redis.hset(bed.sessions.sessionKey(session.sessionId()), "status", "locked");

        assertUnauthenticated(EdgeHttp.get(bed.port, PROTECTED, "Authorization", session.bearer()));
    }

    @Test
    void requestSlidesTheIdleExpiryLikeSessionStoreTouchOnceTheLastSlideIsASecondOld() {
        TestSessions.Session session = bed.sessions.create("TRAVELLER");
        String key = bed.sessions.sessionKey(session.sessionId());
        bed.sessions.redis.pexpire(key, 5_000);
        long lastSlide = System.currentTimeMillis() - 1_100;
        bed.sessions.redis.hset(key, "seen", String.valueOf(lastSlide));
        long before = System.currentTimeMillis();

        assertThat(EdgeHttp.get(bed.port, PROTECTED, "Authorization", session.bearer()).statusCode()).isEqualTo(200);

        assertThat(bed.sessions.redis.pttl(key)).isBetween(TestSessions.IDLE.toMillis() - 10_000, TestSessions.IDLE.toMillis());
        assertThat(Long.parseLong(bed.sessions.redis.hget(key, "seen"))).isGreaterThanOrEqualTo(before);
    }

    @Test
    void requestWithinASecondOfTheLastSlideDoesNotRewriteTheSession() {
        TestSessions.Session session = bed.sessions.create("TRAVELLER");
        String key = bed.sessions.sessionKey(session.sessionId());
        bed.sessions.redis.pexpire(key, 50_000);
        String seen = String.valueOf(System.currentTimeMillis());
        bed.sessions.redis.hset(key, "seen", seen);

        assertThat(EdgeHttp.get(bed.port, PROTECTED, "Authorization", session.bearer()).statusCode()).isEqualTo(200);

        assertThat(bed.sessions.redis.pttl(key)).isBetween(40_000L, 50_000L);
        assertThat(bed.sessions.redis.hget(key, "seen")).isEqualTo(seen);
    }

    @Test
    void seenAheadOfTheGatewaysClockIsSlidNotTrusted() {
        TestSessions.Session session = bed.sessions.create("TRAVELLER");
        String key = bed.sessions.sessionKey(session.sessionId());
        bed.sessions.redis.pexpire(key, 5_000);
        bed.sessions.redis.hset(key, "seen", String.valueOf(System.currentTimeMillis() + 60_000));

        assertThat(EdgeHttp.get(bed.port, PROTECTED, "Authorization", session.bearer()).statusCode()).isEqualTo(200);

        assertThat(bed.sessions.redis.pttl(key)).isGreaterThan(TestSessions.IDLE.toMillis() - 10_000);
    }

    @Test
    void sessionThatIdlesOutWithinTheSlideGranularityIsRefusedOnTheNextRequest() throws InterruptedException {
        TestSessions.Session session = bed.sessions.create("TRAVELLER");
        String key = bed.sessions.sessionKey(session.sessionId());
        bed.sessions.redis.pexpire(key, 400);
        bed.sessions.redis.hset(key, "seen", String.valueOf(System.currentTimeMillis()));
        String bearer = session.bearer();

        // within a second of its creation (its last slide): admitted, and its expiry is left as it was
        assertThat(EdgeHttp.get(bed.port, PROTECTED, "Authorization", bearer).statusCode()).isEqualTo(200);
        assertThat(bed.sessions.redis.pttl(key)).isLessThanOrEqualTo(400L);
        for (int i = 0; i < 250 && bed.sessions.redis.exists(key) > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(bed.sessions.redis.exists(key)).isZero();

        assertUnauthenticated(EdgeHttp.get(bed.port, PROTECTED, "Authorization", bearer));
    }

    @Test
    void slidingNeverPassesTheAbsoluteExpiry() {
        TestSessions.Session session = bed.sessions.create(UUID.randomUUID().toString(), Duration.ofSeconds(90), "TRAVELLER");
        String key = bed.sessions.sessionKey(session.sessionId());
        bed.sessions.redis.hset(key, "seen", String.valueOf(System.currentTimeMillis() - 1_100));

        assertThat(EdgeHttp.get(bed.port, PROTECTED, "Authorization", session.bearer()).statusCode()).isEqualTo(200);

        assertThat(bed.sessions.redis.pttl(key)).isBetween(80_000L, 90_000L);
    }

    @Test
    void sessionPastItsAbsoluteExpiryIsRefusedAndRemoved() {
        TestSessions.Session session = bed.sessions.create("TRAVELLER");
        String key = bed.sessions.sessionKey(session.sessionId());
        bed.sessions.redis.hset(key, "absexp", String.valueOf(System.currentTimeMillis() - 1));

        assertUnauthenticated(EdgeHttp.get(bed.port, PROTECTED, "Authorization", session.bearer()));
        assertThat(bed.sessions.redis.exists(key)).isZero();
    }

    @Test
    void pathNothingServesIsNotFoundWithoutToken() {
        for (String path : new String[] {"/v2/nothing/here", "/V1/USERS/ME", "/v1/Orders/1"}) {
            String requestId = requestId();
            HttpResponse<String> response = EdgeHttp.get(bed.port, path, RequestId.HEADER, requestId);

            assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    ProblemType.NOT_FOUND);
            assertThat(bed.auth.receivedWithRequestId(requestId)).as("routes match case-sensitively").isNull();
        }
    }

    @Test
    void gatewayActuatorBeyondProbesAndScrapingIsDeniedByDefault() {
        // no resource covers it: 401 without a token, 403 with one, even SUPER_ADMIN's (default deny)
        assertUnauthenticated(EdgeHttp.get(bed.port, "/actuator/metrics"), "Bearer");
        HttpResponse<String> admin = EdgeHttp.get(bed.port, "/actuator/env", "Authorization", bed.sessions.create("SUPER_ADMIN").bearer());
        assertProblem(admin.statusCode(), admin.headers().firstValue("Content-Type").orElse(""), admin.body(), ProblemType.FORBIDDEN);
        assertThat(EdgeHttp.get(bed.port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    static String requestId() {
        return "edge-" + UUID.randomUUID();
    }

    static void assertUnauthenticated(HttpResponse<String> response) {
        assertUnauthenticated(response, "Bearer error=\"invalid_token\"");
    }

    static void assertUnauthenticated(HttpResponse<String> response, String challenge) {
        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                ProblemType.UNAUTHENTICATED);
        assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
    }
}
