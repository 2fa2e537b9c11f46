package io.wayfarer.chat;

import io.wayfarer.platform.testing.IntegrationTest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared set-up of chat-service's integration tests: one application context (instance A, the
 * test's own) plus a second instance B started in the same JVM on the same PostgreSQL database and
 * Redis key prefix, the stand-ins for auth-service's JWKS and catalog-service, and short heartbeat
 * timings. Every subclass shares the one context (same configuration), so both instances start once.
 */
@IntegrationTest(properties = {
        "wayfarer.chat.ping-interval=1s",
        "wayfarer.chat.heartbeat-timeout=8s",
        "wayfarer.chat.sweep-interval=500ms",
        "wayfarer.chat.session-check-interval=2s",
        "wayfarer.chat.frames-per-second=50",
        "wayfarer.chat.frame-burst=100",
        "wayfarer.chat.flood-strikes=30",
        "wayfarer.chat.max-connections-per-user=4",
        "resilience4j.circuitbreaker.instances.catalog-service.minimum-number-of-calls=1000"})
abstract class ChatIntegrationTest {

    static final StandIns standIns = StandIns.get();
    private static ConfigurableApplicationContext second;

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    StringRedisTemplate redis;

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("wayfarer.identity.jwks-uri", () -> standIns.base() + "/.well-known/jwks.json");
        registry.add("spring.cloud.discovery.client.simple.instances.catalog-service[0].uri", standIns::base);
    }

    ChatApi a() {
        return new ChatApi(port);
    }

    /** Instance B: same database, same Redis (and key prefix), same Kafka. */
    ChatApi b() {
        synchronized (ChatIntegrationTest.class) {
            if (second == null || !second.isActive()) {
                second = startInstance();
                ConfigurableApplicationContext started = second;
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-chat-b"));
            }
            return new ChatApi(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
        }
    }

    /**
     * Another instance like B (the caller closes it); {@code overrides} like {@code --name=value} win
     * (a property given twice on the command line would bind as "a,b", so an override replaces the copy).
     */
    ConfigurableApplicationContext startInstance(String... overrides) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of("server.port", "0", "eureka.client.enabled", "false"));
        for (String property : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.datasource.hikari.maximum-pool-size", "spring.data.redis.host", "spring.data.redis.port",
                "wayfarer.redis.key-prefix", "spring.kafka.bootstrap-servers", "wayfarer.identity.jwks-uri",
                "spring.cloud.discovery.client.simple.instances.catalog-service[0].uri",
                "wayfarer.chat.ping-interval", "wayfarer.chat.heartbeat-timeout", "wayfarer.chat.sweep-interval",
                "wayfarer.chat.session-check-interval", "wayfarer.chat.frames-per-second", "wayfarer.chat.frame-burst",
                "wayfarer.chat.flood-strikes", "wayfarer.chat.max-connections-per-user")) {
            properties.put(property, environment.getProperty(property, ""));
        }
        for (String override : overrides) {
            String[] nameAndValue = override.substring(2).split("=", 2);
            properties.put(nameAndValue[0], nameAndValue[1]);
        }
        String[] args = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(ChatServiceApplication.class).run(args);
    }

    /** The REST API (and sockets) of an instance started with {@link #startInstance}. */
    static ChatApi api(ConfigurableApplicationContext instance) {
        return new ChatApi(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")));
    }

    /** A user with a live session in Redis (as auth-service writes it at login). */
    TestUser user(String... roles) {
        UUID userId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        String roleList = roles.length == 0 ? "TRAVELLER" : String.join(",", roles);
        redis.opsForHash().putAll(sessionKey(sessionId), Map.of("uid", userId.toString(), "roles", roleList,
                "status", "active"));
        return new TestUser(userId, sessionId, standIns.token(userId, sessionId, Instant.now().plusSeconds(900)),
                List.of(roleList.split(",")));
    }

    /** A user who is a travel expert in the catalogue; returns the catalogue's expert id too. */
    record ExpertUser(TestUser user, long expertId) {
    }

    ExpertUser expert(String name) {
        TestUser user = user("TRAVELLER", "EXPERT");
        return new ExpertUser(user, standIns.newExpert(user.userId(), name).id());
    }

    /** The user's presence set in Redis: one entry per live socket, scored by its expiry (epoch ms). */
    String presenceKey(UUID userId) {
        return environment.getProperty("wayfarer.redis.key-prefix", "") + "chat:presence:" + userId;
    }

    String sessionKey(UUID sessionId) {
        return environment.getProperty("wayfarer.redis.key-prefix", "") + "session:" + sessionId;
    }

    void endSession(TestUser user) {
        redis.delete(sessionKey(user.sessionId()));
    }
}
