package io.wayfarer.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import io.wayfarer.platform.localinfra.Redis;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Key rotation against a key server of its own (registered in Eureka as {@code keyring-service}), so
 * its fetches can be counted: a new key is learnt on the first token that names it, fetches for unknown
 * keys happen at most once per interval, and a key that left the set no longer verifies (the cache of
 * verified tokens is flushed).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationIntegrationTests {

    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(2);
    private static final RSAKey FIRST = TestTokens.newKey("rotation-1");
    private static final RSAKey SECOND = TestTokens.newKey("rotation-2");
    private static final RSAKey THIRD = TestTokens.newKey("rotation-3");

    private static StubService keyring;
    private static ConfigurableApplicationContext gateway;
    private static int port;
    private static TestSessions sessions;

    @BeforeAll
    static void deploy() {
        GatewayTestBed bed = GatewayTestBed.get();
        keyring = StubService.start("keyring-service", Duration.ZERO);
        keyring.publishKeys(TestTokens.jwks(FIRST));
        bed.registry.register("keyring-service", keyring.port());
        Redis redis = SharedInfrastructure.redis();
        String prefix = SharedInfrastructure.freshKeyPrefix("gateway-keys");
        sessions = new TestSessions(redis.host(), redis.port(), prefix);
        gateway = GatewayTestBed.startGateway(bed.registry, Map.of(
                "wayfarer.redis.key-prefix", prefix,
                "wayfarer.gateway.identity.jwks-uri", "lb://keyring-service/.well-known/jwks.json",
                "wayfarer.gateway.identity.unknown-key-refetch-interval", REFETCH_INTERVAL.toMillis() + "ms"));
        port = GatewayTestBed.port(gateway);
        GatewayTestBed.awaitKeys(gateway, FIRST.getKeyID());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sessions.close();
        keyring.close();
    }

    @Test
    @Order(1)
    void aNewKeyIsLearntOnTheFirstTokenThatNamesIt() throws InterruptedException {
        TestSessions.Session session = sessions.create("TRAVELLER");
        assertThat(status(session.token().signedWith(FIRST).build())).isEqualTo(200);

        keyring.publishKeys(TestTokens.jwks(FIRST, SECOND));
        Thread.sleep(REFETCH_INTERVAL.toMillis() + 200);
        long fetches = keyring.jwksFetches();

        assertThat(status(session.token().signedWith(SECOND).build())).isEqualTo(200);
        assertThat(keyring.jwksFetches()).isEqualTo(fetches + 1);
    }

    @Test
    @Order(2)
    void unknownKeysAreFetchedAtMostOncePerInterval() throws InterruptedException {
        TestSessions.Session session = sessions.create("TRAVELLER");
        Thread.sleep(REFETCH_INTERVAL.toMillis() + 200);
        long fetches = keyring.jwksFetches();

        for (int i = 0; i < 20; i++) {
            assertThat(status(session.token().signedWith(THIRD).keyId("garbage-" + i).build())).isEqualTo(401);
        }
        assertThat(keyring.jwksFetches()).isEqualTo(fetches + 1);

        // a real new key within the interval waits for the next allowed fetch
        keyring.publishKeys(TestTokens.jwks(FIRST, SECOND, THIRD));
        assertThat(status(session.token().signedWith(THIRD).build())).isEqualTo(401);
        assertThat(keyring.jwksFetches()).isEqualTo(fetches + 1);
        Thread.sleep(REFETCH_INTERVAL.toMillis() + 200);
        assertThat(status(session.token().signedWith(THIRD).build())).isEqualTo(200);
    }

    @Test
    @Order(3)
    void aRetiredKeyNoLongerVerifiesEvenForTokensVerifiedBefore() throws InterruptedException {
        TestSessions.Session session = sessions.create("TRAVELLER");
        String signedWithFirst = session.token().signedWith(FIRST).build();
        assertThat(status(signedWithFirst)).isEqualTo(200);

        keyring.publishKeys(TestTokens.jwks(SECOND, THIRD));
        Thread.sleep(REFETCH_INTERVAL.toMillis() + 200);
        RSAKey fourth = TestTokens.newKey("rotation-4");
        assertThat(status(session.token().signedWith(fourth).build())).as("triggers the fetch").isEqualTo(401);

        assertThat(status(signedWithFirst)).isEqualTo(401);
        assertThat(status(session.token().signedWith(SECOND).build())).isEqualTo(200);
    }

    private static int status(String token) {
        return EdgeHttp.get(port, "/v1/users/me", "Authorization", "Bearer " + token).statusCode();
    }
}
