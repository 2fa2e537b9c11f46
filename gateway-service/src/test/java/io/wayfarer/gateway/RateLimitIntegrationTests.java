package io.wayfarer.gateway;

import static io.wayfarer.gateway.GatewayRoutingIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.localinfra.Redis;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.requestid.RequestId;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rate limits through a gateway of its own with tiny buckets that refill once an hour, so every
 * refusal is deterministic. The gateway trusts 127.0.0.1 as its proxy, so each test plays a client
 * address of its own through {@code X-Forwarded-For}.
 */
class RateLimitIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static GatewayTestBed bed;
    private static ConfigurableApplicationContext gateway;
    private static int port;
    private static TestSessions sessions;

    @BeforeAll
    static void deploy() {
        bed = GatewayTestBed.get();
        Redis redis = SharedInfrastructure.redis();
        String prefix = SharedInfrastructure.freshKeyPrefix("gateway-rl");
        sessions = new TestSessions(redis.host(), redis.port(), prefix);
        gateway = GatewayTestBed.startGateway(bed.registry, Map.ofEntries(
                Map.entry("wayfarer.redis.key-prefix", prefix),
                Map.entry("wayfarer.gateway.trusted-proxies", "127.0.0.1, ::1"),
                Map.entry("wayfarer.gateway.rate-limit.anonymous.capacity", "3"),
                Map.entry("wayfarer.gateway.rate-limit.anonymous.refill-every", "1h"),
                Map.entry("wayfarer.gateway.rate-limit.user.capacity", "3"),
                Map.entry("wayfarer.gateway.rate-limit.user.refill-every", "1h"),
                Map.entry("wayfarer.gateway.rate-limit.login-account.capacity", "2"),
                Map.entry("wayfarer.gateway.rate-limit.login-account.refill-every", "1h"),
                Map.entry("wayfarer.gateway.rate-limit.login-ip.capacity", "4"),
                Map.entry("wayfarer.gateway.rate-limit.login-ip.refill-every", "1h")));
        port = GatewayTestBed.port(gateway);
        bed.awaitInstances("auth-service", 2);
        GatewayTestBed.awaitKeys(gateway, TestTokens.SIGNING_KEY.getKeyID());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sessions.close();
    }

    @Test
    void anonymousClientOverItsBucketGetsTooManyRequestsWithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(EdgeHttp.get(port, "/v1/trips/1", "X-Forwarded-For", "203.0.113.1").statusCode()).isEqualTo(200);
        }
        String requestId = EdgeAuthenticationIntegrationTests.requestId();
        HttpResponse<String> refused = EdgeHttp.get(port, "/v1/trips/1", "X-Forwarded-For", "203.0.113.1",
                RequestId.HEADER, requestId);

        assertTooManyRequests(refused);
        assertThat(bed.catalog.receivedWithRequestId(requestId)).isNull();
        assertThat(EdgeHttp.get(port, "/v1/trips/1", "X-Forwarded-For", "203.0.113.99").statusCode())
                .as("another address has its own bucket").isEqualTo(200);
        String key = sessions.prefix + "rl:ip:203.0.113.1";
        assertThat(sessions.redis.exists(key)).isOne();
        assertThat(sessions.redis.pttl(key)).isPositive();
    }

    @Test
    void forwardedForFromAnUntrustedPeerIsNotBelieved() {
        // the trusted proxy (127.0.0.1) forwarded for 203.0.113.7, which claims a chain of its own:
        // only the hop our proxy added counts
        for (int i = 0; i < 3; i++) {
            assertThat(EdgeHttp.get(port, "/v1/trips/2", "X-Forwarded-For", "198.51.100." + i + ", 203.0.113.7")
                    .statusCode()).isEqualTo(200);
        }
        assertTooManyRequests(EdgeHttp.get(port, "/v1/trips/2", "X-Forwarded-For", "198.51.100.200, 203.0.113.7"));
    }

    @Test
    void authenticatedUserHasABucketOfItsOwn() {
        TestSessions.Session session = sessions.create("TRAVELLER");
        String bearer = session.bearer();
        for (int i = 0; i < 3; i++) {
            assertThat(EdgeHttp.get(port, "/v1/users/me", "Authorization", bearer, "X-Forwarded-For", "203.0.113.2")
                    .statusCode()).isEqualTo(200);
        }
        assertTooManyRequests(EdgeHttp.get(port, "/v1/users/me", "Authorization", bearer, "X-Forwarded-For", "203.0.113.3"));
        assertThat(sessions.redis.pttl(sessions.prefix + "rl:user:" + session.userId())).isPositive();
        assertThat(EdgeHttp.get(port, "/v1/users/me", "Authorization", sessions.create("TRAVELLER").bearer(),
                "X-Forwarded-For", "203.0.113.2").statusCode()).as("another user").isEqualTo(200);
    }

    @Test
    void loginBruteForceOnOneAccountIsThrottledAlikeWhetherOrNotTheAccountExists() {
        // alice exists at auth-service, nobody-here does not; the gateway cannot tell and must not show
        HttpResponse<String> alice = bruteForce("alice", "203.0.113.10");
        HttpResponse<String> nobody = bruteForce("nobody-here", "203.0.113.11");

        assertTooManyRequests(alice);
        assertTooManyRequests(nobody);
        assertThat(alice.headers().firstValue("Retry-After")).isEqualTo(nobody.headers().firstValue("Retry-After"));
        assertThat(comparable(alice)).isEqualTo(comparable(nobody));
        assertThat(alice.headers().map().keySet()).isEqualTo(nobody.headers().map().keySet());
        // the account's bucket follows the account, from any address and in any spelling
        assertTooManyRequests(login(" ALICE", "203.0.113.12"));
        assertThat(sessions.keys("rl:login:account:*")).isNotEmpty()
                .noneMatch(key -> key.contains("alice") || key.contains("nobody"));
    }

    @Test
    void loginBruteForceFromOneAddressIsThrottledAcrossAccounts() {
        for (int i = 0; i < 4; i++) {
            assertAdmitted(login("user" + i, "203.0.113.20"));
        }
        assertTooManyRequests(login("user-next", "203.0.113.20"));
        assertAdmitted(login("user-next", "203.0.113.21"));
    }

    @Test
    void loginsThatAuthServiceNeverAnsweredGiveTheirTokensBack() {
        // auth-service answers 503 (it could not check the password): retrying through the outage is not guessing
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = login("outage-bob", "203.0.113.40");
            assertThat(response.statusCode()).as("attempt %d: %s", i, response.body()).isEqualTo(503);
        }
        // six: more than either bucket holds (account 2, address 4); afterwards the address's bucket is full again,
        // not fuller: exactly four more logins from it pass
        assertAdmitted(login("bob-recovered", "203.0.113.40"));
        assertAdmitted(login("bob-recovered", "203.0.113.40"));
        assertTooManyRequests(login("bob-recovered", "203.0.113.40"));
        assertAdmitted(login("user-after-outage", "203.0.113.40"));
        assertAdmitted(login("user-after-outage-2", "203.0.113.40"));
        assertTooManyRequests(login("user-after-outage-3", "203.0.113.40"));
    }

    @Test
    void loginBodyIsForwardedUnchanged() {
        // auth-service has a dead instance too: a refused connection sent nothing, so the POST is retried on the
        // live one, body and all, every time
        for (int attempt = 0; attempt < 4; attempt++) {
            String body = "{\"account\":\"forwarded" + attempt + "\",\"password\":\"correct horse battery staple\"}";
            String requestId = EdgeAuthenticationIntegrationTests.requestId();
            HttpResponse<String> response = EdgeHttp.post(port, "/v1/auth/login", body, "X-Forwarded-For",
                    "203.0.113.3" + attempt, RequestId.HEADER, requestId);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(bed.auth.receivedWithRequestId(requestId).body()).isEqualTo(body);
        }
    }

    @Test
    void loginBodyOverFourKilobytesIsRefused() {
        String body = "{\"account\":\"big\",\"password\":\"" + "x".repeat(5000) + "\"}";
        HttpResponse<String> response = EdgeHttp.post(port, "/v1/auth/login", body, "X-Forwarded-For", "203.0.113.31");

        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                ProblemType.PAYLOAD_TOO_LARGE);
    }

    private static HttpResponse<String> bruteForce(String account, String address) {
        assertAdmitted(login(account, address));
        assertAdmitted(login(account, address));
        return login(account, address);
    }

    /** Passed the edge: answered by auth-service's live instance (the dead one's refusal is retried). */
    private static void assertAdmitted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static HttpResponse<String> login(String account, String address) {
        return EdgeHttp.post(port, "/v1/auth/login", "{\"account\":\"" + account + "\",\"password\":\"guess-" + account + "\"}",
                "X-Forwarded-For", address, RequestId.HEADER, "login-attempt-0001");
    }

    /** The problem without what differs on every request anyway. */
    private static JsonNode comparable(HttpResponse<String> response) {
        ObjectNode problem = (ObjectNode) json.readTree(response.body());
        problem.remove("requestId");
        return problem;
    }

    private static void assertTooManyRequests(HttpResponse<String> response) {
        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                ProblemType.TOO_MANY_REQUESTS);
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
    }
}
