package io.wayfarer.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.wayfarer.auth.AuthApi.Tokens;
import io.wayfarer.platform.testing.IntegrationTest;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Roles come from rbac-service (here a stand-in speaking its internal API over HTTP, found through
 * the discovery client): at login, degraded to TRAVELLER when it cannot answer, and rewritten in
 * live sessions when a user.roles.changed event arrives.
 */
@IntegrationTest(properties = "wayfarer.auth.bootstrap-roles.root=SUPER_ADMIN")
class RolesFromRbacIntegrationTests {

    private static final AtomicBoolean rbacAnswers = new AtomicBoolean(true);
    private static HttpServer rbac;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void rbacStandIn(DynamicPropertyRegistry registry) throws IOException {
        rbac = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rbac.createContext("/internal/v1/users/", exchange -> {
            String userId = exchange.getRequestURI().getPath().split("/")[4];
            byte[] body = ("{\"userId\":\"" + userId + "\",\"roles\":[\"TRAVELLER\",\"EXPERT\"]}")
                    .getBytes(StandardCharsets.UTF_8);
            if (!rbacAnswers.get()) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        rbac.start();
        registry.add("spring.cloud.discovery.client.simple.instances.rbac-service[0].uri",
                () -> "http://127.0.0.1:" + rbac.getAddress().getPort());
        registry.add("wayfarer.auth.key-encryption-key", AuthFlowIntegrationTests::randomKey);
    }

    @AfterAll
    static void stopRbac() {
        rbac.stop(0);
    }

    @Test
    void loginWritesTheRolesRbacAssignsAndARoleChangeRewritesLiveSessions() throws Exception {
        AuthApi api = new AuthApi(port);
        Tokens expert = api.newTraveller("emma");
        String userId = AuthApi.body(api.get("/v1/users/me", expert.accessToken())).path("id").asString();
        assertThat(rolesOfSessions(api, userId)).isEqualTo("[\"TRAVELLER\",\"EXPERT\"]");

        String event = """
                {"id":"%s","type":"user.roles.changed","source":"rbac-service","time":"2026-11-25T00:00:00Z",
                 "subject":"%s","data":{"userId":"%s","roles":["PRODUCT_ADMIN"]}}"""
                .formatted(UUID.randomUUID(), userId, userId);
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("wayfarer.rbac.policy", userId, event)).get();
        }
        long deadline = System.currentTimeMillis() + 20_000;
        String roles = rolesOfSessions(api, userId);
        while (!roles.equals("[\"PRODUCT_ADMIN\"]") && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            roles = rolesOfSessions(api, userId);
        }
        assertThat(roles).isEqualTo("[\"PRODUCT_ADMIN\"]");
        assertThat(announcedRoleChanges(userId)).contains("[\"PRODUCT_ADMIN\"]");
    }

    /** The roles carried by session.roles.changed events about the user on wayfarer.auth.sessions. */
    private List<String> announcedRoleChanges(String userId) {
        List<String> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("wayfarer.auth.sessions"));
            long deadline = System.currentTimeMillis() + 20_000;
            while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    JsonNode event = AuthApi.json.readTree(record.value());
                    if (userId.equals(record.key()) && "session.roles.changed".equals(event.path("type").asString())) {
                        seen.add(event.path("data").path("roles").toString());
                    }
                });
            }
        }
        return seen;
    }

    @Test
    void whenRbacCannotAnswerTheLoginStillWorksWithLeastPrivilege() {
        AuthApi api = new AuthApi(port);
        rbacAnswers.set(false);
        try {
            Tokens tokens = api.newTraveller("lee");
            String userId = AuthApi.body(api.get("/v1/users/me", tokens.accessToken())).path("id").asString();
            rbacAnswers.set(true);
            assertThat(rolesOfSessions(api, userId)).isEqualTo("[\"TRAVELLER\"]");
        } finally {
            rbacAnswers.set(true);
        }
    }

    private String rolesOfSessions(AuthApi api, String userId) {
        if (api.login("root", AuthApi.PASSWORD).status() != 200) {
            api.register("root", "root@example.com", AuthApi.PASSWORD);
        }
        String admin = api.login("root", AuthApi.PASSWORD).tokens("root").accessToken();
        JsonNode sessions = AuthApi.body(api.get("/v1/users/" + userId + "/sessions", admin));
        return sessions.get(0).path("roles").toString();
    }
}
