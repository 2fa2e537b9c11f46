package io.wayfarer.gateway;

import static io.wayfarer.gateway.GatewayRoutingIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.requestid.RequestId;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A gateway whose Redis is unreachable (its port is closed): routes that need a session fail closed
 * with 503, login fails closed with 503, a chat handshake (whose ticket cannot be looked up) fails closed
 * with 503, other public routes keep working anonymously and throttled by the instance's own buckets.
 */
class RedisDownIntegrationTests {

    private static GatewayTestBed bed;
    private static ConfigurableApplicationContext gateway;
    private static int port;

    @BeforeAll
    static void deploy() {
        bed = GatewayTestBed.get();
        gateway = GatewayTestBed.startGateway(bed.registry, Map.of(
                "spring.data.redis.port", String.valueOf(GatewayTestBed.closedPort()),
                "wayfarer.gateway.trusted-proxies", "127.0.0.1",
                "wayfarer.gateway.rate-limit.anonymous.capacity", "5",
                "wayfarer.gateway.rate-limit.anonymous.refill-every", "1h"));
        port = GatewayTestBed.port(gateway);
        GatewayTestBed.awaitKeys(gateway, TestTokens.SIGNING_KEY.getKeyID());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void protectedRouteFailsClosed() {
        long started = System.nanoTime();
        HttpResponse<String> response = EdgeHttp.get(port, "/v1/users/me", "Authorization", bed.sessions.create("TRAVELLER").bearer());

        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                ProblemType.SERVICE_UNAVAILABLE);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no waiting for a dead Redis").isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void loginFailsClosed() {
        HttpResponse<String> response = EdgeHttp.post(port, "/v1/auth/login", "{\"account\":\"alice\",\"password\":\"x\"}");

        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                ProblemType.SERVICE_UNAVAILABLE);
    }

    @Test
    void publicRouteKeepsWorkingAnonymously() {
        String requestId = EdgeAuthenticationIntegrationTests.requestId();
        HttpResponse<String> response = EdgeHttp.get(port, "/v1/trips/7", "Authorization", bed.sessions.create("TRAVELLER").bearer(),
                RequestId.HEADER, requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        StubService.Received received = bed.catalog.receivedWithRequestId(requestId);
        assertThat(received.hasHeaderStartingWith("X-User-")).as("an identity whose session was not checked").isFalse();
        assertThat(received.header("Authorization")).as("nor the token a service would believe").isNull();
    }

    @Test
    void publicRouteWithInvalidTokenIsStillRefused() {
        String forged = bed.sessions.create("TRAVELLER").token().signedWith(TestTokens.newKey("test-key-1")).build();

        EdgeAuthenticationIntegrationTests.assertUnauthenticated(EdgeHttp.get(port, "/v1/trips/7", "Authorization", "Bearer " + forged));
    }

    @Test
    void chatHandshakeFailsClosed() {
        String requestId = EdgeAuthenticationIntegrationTests.requestId();
        long started = System.nanoTime();
        RawHttp.Response answer = RawHttp.get(port, "/ws/chat?ticket=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde",
                "Upgrade: websocket", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "X-Forwarded-For: 203.0.113.41", RequestId.HEADER + ": " + requestId);

        assertProblem(answer.status(), answer.header("Content-Type"), answer.body(), ProblemType.SERVICE_UNAVAILABLE);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no waiting for a dead Redis").isLessThan(Duration.ofSeconds(2));
        assertThat(bed.chat.receivedWithRequestId(requestId)).as("a ticket that could not be checked").isNull();
    }

    @Test
    void anonymousTrafficIsThrottledByTheInstancesOwnBuckets() {
        for (int i = 0; i < 5; i++) {
            assertThat(EdgeHttp.get(port, "/v1/trips/8", "X-Forwarded-For", "203.0.113.40").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> response = EdgeHttp.get(port, "/v1/trips/8", "X-Forwarded-For", "203.0.113.40");
        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                ProblemType.TOO_MANY_REQUESTS);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }
}
