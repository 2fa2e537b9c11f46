package io.wayfarer.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import io.wayfarer.gateway.identity.PublishedKeys;
import io.wayfarer.gateway.policy.PolicyHolder;
import io.wayfarer.platform.localinfra.Redis;
import io.wayfarer.platform.testing.SharedInfrastructure;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * One deployment for all end-to-end tests of this JVM: a real Eureka server, stub services registered
 * under real Wayfarer service names, and the real gateway (reactive; the Eureka server's servlet stack
 * is on the test class path too), all on random ports.
 *
 * <ul>
 *   <li>catalog-service: healthy, with a slow endpoint (slower than the gateway's response timeout);</li>
 *   <li>auth-service: two instances, one of them dead (port closed) — retries must hide it for GET;</li>
 *   <li>chat-service: healthy until a test stops it;</li>
 *   <li>payment-service and rbac-service: one dead instance each (connection refused);</li>
 *   <li>recommend-service: not registered at all;</li>
 *   <li>{@value #POLICY_SERVICE}: the RBAC policy every test gateway loads through discovery
 *       ({@link TestPolicy#seeded}), polled, without Kafka events; rbac-service itself stays dead, so
 *       its routes' failures are tested apart from policy distribution.</li>
 * </ul>
 * The auth-service stub publishes {@link TestTokens#SIGNING_KEY}; sessions live in the JVM's real Redis
 * ({@link SharedInfrastructure}) under a key prefix of this gateway's own, written by {@link #sessions}.
 * Rate limits are high enough never to get in the way here (see RateLimitIntegrationTests for them).
 */
final class GatewayTestBed {

    static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(1500);
    /** Circuit breakers open after this many calls when all fail (the test gateway's window). */
    static final int CIRCUIT_WINDOW = 4;
    /** Where the test gateways fetch their policy (the real default is lb://rbac-service). */
    static final String POLICY_SERVICE = "rbac-policy-fixture";

    private static GatewayTestBed instance;

    final EurekaTestRegistry registry;
    final StubService catalog;
    final StubService auth;
    final StubService chat;
    final StubService policy;
    final String chatInstanceId;
    final ConfigurableApplicationContext gateway;
    final int port;
    final TestSessions sessions;

    private GatewayTestBed() {
        registry = EurekaTestRegistry.start();
        catalog = StubService.start("catalog-service", RESPONSE_TIMEOUT.multipliedBy(3));
        auth = StubService.start("auth-service", Duration.ZERO);
        chat = StubService.start("chat-service", Duration.ZERO);
        policy = StubService.start(POLICY_SERVICE, Duration.ZERO);
        registry.register(POLICY_SERVICE, policy.port());
        registry.register("catalog-service", catalog.port());
        registry.register("auth-service", auth.port());
        registry.register("auth-service", closedPort());
        chatInstanceId = registry.register("chat-service", chat.port());
        registry.register("payment-service", closedPort());
        registry.register("rbac-service", closedPort());

        Redis redis = SharedInfrastructure.redis();
        String prefix = SharedInfrastructure.freshKeyPrefix("gateway");
        sessions = new TestSessions(redis.host(), redis.port(), prefix);
        gateway = startGateway(registry, Map.of(
                "wayfarer.redis.key-prefix", prefix,
                "spring.cloud.gateway.server.webflux.httpclient.connect-timeout", "1000",
                "spring.cloud.gateway.server.webflux.httpclient.response-timeout", RESPONSE_TIMEOUT.toMillis() + "ms",
                "wayfarer.gateway.resilience.sliding-window-size", String.valueOf(CIRCUIT_WINDOW),
                "wayfarer.gateway.resilience.minimum-number-of-calls", String.valueOf(CIRCUIT_WINDOW),
                "wayfarer.gateway.resilience.wait-in-open-state", "60s"));
        port = port(gateway);
        awaitInstances("catalog-service", 1);
        awaitInstances("auth-service", 2);
        awaitInstances("chat-service", 1);
        awaitInstances("payment-service", 1);
        awaitInstances("rbac-service", 1);
        awaitInstances(POLICY_SERVICE, 1);
        awaitKeys(gateway, TestTokens.SIGNING_KEY.getKeyID());
    }

    /**
     * A gateway on a random port, discovering services in {@code registry}, its sessions and buckets in
     * the JVM's Redis (unless {@code settings} say otherwise), with limits that never get in the way and
     * a one-second refetch interval for unknown keys; {@code settings} override any of these.
     */
    @SafeVarargs
    static ConfigurableApplicationContext startGateway(EurekaTestRegistry registry, Map<String, String> settings,
            ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
        Redis redis = SharedInfrastructure.redis();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        // one port in this JVM: the registry's Tomcat beside Netty makes a separate management context
        // ambiguous here; the real jar's separate management port is proven by deploy's launcher test
        properties.put("management.server.port", "");
        properties.put("spring.main.banner-mode", "off");
        properties.put("eureka.client.service-url.defaultZone", registry.url);
        properties.put("eureka.client.register-with-eureka", "false");
        properties.put("eureka.client.registry-fetch-interval-seconds", "1");
        // the registry's Jersey is on the test class path; the gateway uses RestClient as in production
        properties.put("eureka.client.jersey.enabled", "false");
        properties.put("spring.cloud.loadbalancer.cache.enabled", "false");
        properties.put("spring.data.redis.host", redis.host());
        properties.put("spring.data.redis.port", String.valueOf(redis.port()));
        properties.put("wayfarer.redis.key-prefix", SharedInfrastructure.freshKeyPrefix("gateway"));
        properties.put("wayfarer.gateway.identity.unknown-key-refetch-interval", "1s");
        properties.put("wayfarer.gateway.policy.snapshot-uri", "lb://" + POLICY_SERVICE + "/internal/v1/policy");
        properties.put("wayfarer.gateway.policy.version-uri", "lb://" + POLICY_SERVICE + "/internal/v1/policy/version");
        properties.put("wayfarer.gateway.policy.events-enabled", "false");
        for (String limit : new String[] {"user", "anonymous", "login-account", "login-ip", "web-socket-handshake"}) {
            properties.put("wayfarer.gateway.rate-limit." + limit + ".capacity", "1000000");
            properties.put("wayfarer.gateway.rate-limit." + limit + ".refill-every", "1ms");
        }
        properties.putAll(settings);
        ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayServiceApplication.class, OwnNettyResources.class)
                .web(WebApplicationType.REACTIVE)
                .initializers(initializers)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        if (!"false".equals(settings.get(AWAIT_POLICY))) {
            awaitPolicy(gateway, 0);
        }
        return gateway;
    }

    /** A setting for {@link #startGateway}: "false" returns before the gateway holds a policy. */
    static final String AWAIT_POLICY = "test.await-policy";

    /** Waits until {@code gateway} enforces a policy of at least {@code version}. */
    static void awaitPolicy(ConfigurableApplicationContext gateway, long version) {
        PolicyHolder holder = gateway.getBean(PolicyHolder.class);
        Instant deadline = Instant.now().plusSeconds(30);
        while (holder.version() < version) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the gateway never loaded policy version " + version + " (holds " + holder.version() + ")");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Reactor Netty's global event loops are disposed when a context that uses them closes, which would
     * take down every other gateway of this JVM: each test gateway gets loops of its own. Not a
     * {@code @Configuration}, so the gateway's component scan does not find it.
     */
    static class OwnNettyResources {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        }
    }

    static int port(ConfigurableApplicationContext gateway) {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    static synchronized GatewayTestBed get() {
        if (instance == null) {
            instance = new GatewayTestBed();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    /** Waits until the gateway's own discovery client sees {@code count} instances of {@code service}. */
    void awaitInstances(String service, int count) {
        DiscoveryClient discovery = gateway.getBean(DiscoveryClient.class);
        Instant deadline = Instant.now().plusSeconds(20);
        while (discovery.getInstances(service).size() != count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the gateway does not see " + count + " instance(s) of " + service
                        + " but " + discovery.getInstances(service));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until {@code gateway} has fetched the signing key the test auth-service publishes. */
    static void awaitKeys(ConfigurableApplicationContext gateway, String keyId) {
        PublishedKeys keys = gateway.getBean(PublishedKeys.class);
        Instant deadline = Instant.now().plusSeconds(20);
        while (!keys.knows(keyId)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the gateway never fetched key " + keyId);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A port nobody listens on: connecting to it is refused, like a killed instance. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        gateway.close();
        sessions.close();
        catalog.close();
        auth.close();
        chat.close();
        policy.close();
        registry.close();
    }
}
