package io.wayfarer.gateway;

import static io.wayfarer.gateway.GatewayRoutingIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisServer;

/**
 * A gateway whose own Redis (a redis-server of this test, not the shared one) is stopped and started
 * again, empty: while it is down a token is refused with 503 at once; once it is back, the gateway's
 * connections reconnect by themselves, the script is sent again after Redis's {@code NOSCRIPT} (its
 * script cache died with it), and sessions are checked for real — one written before the restart is
 * gone (401), a new one is served.
 */
class RedisRestartIntegrationTests {

    private static GatewayTestBed bed;
    private static int redisPort;
    private static RedisServer redis;
    private static ConfigurableApplicationContext gateway;
    private static TestSessions sessions;
    private static int port;

    @BeforeAll
    static void deploy() {
        bed = GatewayTestBed.get();
        redisPort = GatewayTestBed.closedPort();
        redis = new RedisServer(redisPort);
        redis.start();
        String prefix = SharedInfrastructure.freshKeyPrefix("gateway-restart");
        gateway = GatewayTestBed.startGateway(bed.registry, Map.of(
                "spring.data.redis.host", "127.0.0.1",
                "spring.data.redis.port", String.valueOf(redisPort),
                "wayfarer.redis.key-prefix", prefix));
        port = GatewayTestBed.port(gateway);
        GatewayTestBed.awaitKeys(gateway, TestTokens.SIGNING_KEY.getKeyID());
        sessions = new TestSessions("127.0.0.1", redisPort, prefix);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sessions.close();
        redis.stop();
    }

    @Test
    void sessionsAreCheckedAgainOnceRedisIsBack() {
        String before = sessions.create("TRAVELLER").bearer();
        assertThat(EdgeHttp.get(port, "/v1/users/me", "Authorization", before).statusCode()).isEqualTo(200);

        redis.stop();
        HttpResponse<String> down = EdgeHttp.get(port, "/v1/users/me", "Authorization", before);
        assertProblem(down.statusCode(), down.headers().firstValue("Content-Type").orElse(""), down.body(),
                ProblemType.SERVICE_UNAVAILABLE);

        redis = new RedisServer(redisPort);
        redis.start();
        String after = awaitNewSession();
        Instant deadline = Instant.now().plusSeconds(20);
        int status;
        do {
            status = EdgeHttp.get(port, "/v1/users/me", "Authorization", after).statusCode();
        } while (status != 200 && Instant.now().isBefore(deadline) && pause());

        assertThat(status).as("a session written after the restart").isEqualTo(200);
        HttpResponse<String> lost = EdgeHttp.get(port, "/v1/users/me", "Authorization", before);
        assertProblem(lost.statusCode(), lost.headers().firstValue("Content-Type").orElse(""), lost.body(),
                ProblemType.UNAUTHENTICATED);
    }

    /** The test's own client reconnects by itself too; until then writing a session fails. */
    private static String awaitNewSession() {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                return sessions.create("TRAVELLER").bearer();
            } catch (RuntimeException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(Duration.ofMillis(100).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
