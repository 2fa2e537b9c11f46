package io.wayfarer.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.auth.AuthApi.Tokens;
import io.wayfarer.platform.testing.IntegrationTest;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Two auth-service instances on one PostgreSQL database and one Redis: a login on one is a
 * login on the other, and a logout on either is refused by both at once.
 */
@IntegrationTest
class SingleSignOnIntegrationTests {

    private static final String KEY = AuthFlowIntegrationTests.randomKey();
    private static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void keyEncryptionKey(DynamicPropertyRegistry registry) {
        registry.add("wayfarer.auth.key-encryption-key", () -> KEY);
    }

    @BeforeAll
    static void noSecondYet() {
        second = null;
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    private AuthApi secondInstance() {
        if (second == null) {
            second = start(KEY);
        }
        return new AuthApi(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
    }

    private ConfigurableApplicationContext start(String keyEncryptionKey) {
        {
            // command-line arguments: they outrank every other property source of the second instance
            return new SpringApplicationBuilder(AuthServiceApplication.class).run(
                    "--server.port=0",
                    "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                    "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                    "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                    "--spring.data.redis.host=" + environment.getProperty("spring.data.redis.host"),
                    "--spring.data.redis.port=" + environment.getProperty("spring.data.redis.port"),
                    "--wayfarer.redis.key-prefix=" + environment.getProperty("wayfarer.redis.key-prefix"),
                    "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                    "--wayfarer.auth.key-encryption-key=" + keyEncryptionKey,
                    "--eureka.client.enabled=false");
        }
    }

    /** A replaced key-encryption key must not take logins down: old keys only verify, a new one signs. */
    @Test
    void anInstanceWithAnotherKeyEncryptionKeyStillLogsInAndVerifiesOldTokens() {
        AuthApi a = new AuthApi(port);
        Tokens before = a.newTraveller("kek");
        try (ConfigurableApplicationContext other = start(AuthFlowIntegrationTests.randomKey())) {
            AuthApi c = new AuthApi(Integer.parseInt(other.getEnvironment().getProperty("local.server.port")));
            assertThat(c.get("/v1/users/me", before.accessToken()).statusCode()).isEqualTo(200);
            Tokens after = c.login(before.account(), AuthApi.PASSWORD).tokens(before.account());
            assertThat(c.get("/v1/users/me", after.accessToken()).statusCode()).isEqualTo(200);
            assertThat(a.get("/v1/users/me", after.accessToken()).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aLoginOnOneInstanceWorksOnTheOtherAndALogoutOnEitherEndsItOnBoth() {
        AuthApi a = new AuthApi(port);
        AuthApi b = secondInstance();
        assertThat(b.get("/.well-known/jwks.json", null).body()).isEqualTo(a.get("/.well-known/jwks.json", null).body());

        Tokens tokens = a.newTraveller("sso");
        assertThat(b.get("/v1/users/me", tokens.accessToken()).statusCode()).isEqualTo(200);

        Tokens refreshedOnB = b.refresh(tokens.refreshToken()).tokens(tokens.account());
        assertThat(a.get("/v1/users/me", refreshedOnB.accessToken()).statusCode()).isEqualTo(200);

        assertThat(b.post("/v1/auth/logout", null, refreshedOnB.accessToken()).statusCode()).isEqualTo(204);
        assertThat(a.get("/v1/users/me", refreshedOnB.accessToken()).statusCode()).isEqualTo(401);
        assertThat(a.get("/v1/users/me", tokens.accessToken()).statusCode()).isEqualTo(401);
        assertThat(b.get("/v1/users/me", tokens.accessToken()).statusCode()).isEqualTo(401);
    }

    @Test
    void endingASessionIsAnnouncedOnTheSessionsTopic() {
        AuthApi a = new AuthApi(port);
        Tokens tokens = a.newTraveller("ann");
        String sessionId = AuthApi.body(a.get("/v1/users/me", tokens.accessToken())).path("id").asString();
        assertThat(a.post("/v1/auth/logout", null, tokens.accessToken()).statusCode()).isEqualTo(204);

        List<JsonNode> revoked = consumeRevocationsOf(sessionId);
        assertThat(revoked).hasSize(1);
        assertThat(revoked.get(0).path("type").asString()).isEqualTo("session.revoked");
        assertThat(revoked.get(0).path("source").asString()).isEqualTo("auth-service");
        assertThat(revoked.get(0).path("data").path("reason").asString()).isEqualTo("logout");
        assertThat(revoked.get(0).path("data").path("sessionId").asString()).isNotBlank();
    }

    private List<JsonNode> consumeRevocationsOf(String userId) {
        List<JsonNode> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("wayfarer.auth.sessions"));
            long deadline = System.currentTimeMillis() + 20_000;
            while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (userId.equals(record.key())) {
                        seen.add(AuthApi.json.readTree(record.value()));
                    }
                });
            }
        }
        return seen;
    }
}
