package io.wayfarer.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;

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
 *   <li>recommend-service: not registered at all.</li>
 * </ul>
 */
final class GatewayTestBed {

    static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(1500);
    /** Circuit breakers open after this many calls when all fail (the test gateway's window). */
    static final int CIRCUIT_WINDOW = 4;

    private static GatewayTestBed instance;

    final EurekaTestRegistry registry;
    final StubService catalog;
    final StubService auth;
    final StubService chat;
    final String chatInstanceId;
    final ConfigurableApplicationContext gateway;
    final int port;

    private GatewayTestBed() {
        registry = EurekaTestRegistry.start();
        catalog = StubService.start("catalog-service", RESPONSE_TIMEOUT.multipliedBy(3));
        auth = StubService.start("auth-service", Duration.ZERO);
        chat = StubService.start("chat-service", Duration.ZERO);
        registry.register("catalog-service", catalog.port());
        registry.register("auth-service", auth.port());
        registry.register("auth-service", closedPort());
        chatInstanceId = registry.register("chat-service", chat.port());
        registry.register("payment-service", closedPort());
        registry.register("rbac-service", closedPort());

        gateway = new SpringApplicationBuilder(GatewayServiceApplication.class)
                .web(WebApplicationType.REACTIVE)
                .run("--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--eureka.client.service-url.defaultZone=" + registry.url,
                        "--eureka.client.register-with-eureka=false",
                        "--eureka.client.registry-fetch-interval-seconds=1",
                        // the registry's Jersey is on the test class path; the gateway uses RestClient as in production
                        "--eureka.client.jersey.enabled=false",
                        "--spring.cloud.loadbalancer.cache.enabled=false",
                        "--spring.cloud.gateway.server.webflux.httpclient.connect-timeout=1000",
                        "--spring.cloud.gateway.server.webflux.httpclient.response-timeout=" + RESPONSE_TIMEOUT.toMillis() + "ms",
                        "--wayfarer.gateway.resilience.sliding-window-size=" + CIRCUIT_WINDOW,
                        "--wayfarer.gateway.resilience.minimum-number-of-calls=" + CIRCUIT_WINDOW,
                        "--wayfarer.gateway.resilience.wait-in-open-state=60s");
        port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        awaitInstances("catalog-service", 1);
        awaitInstances("auth-service", 2);
        awaitInstances("chat-service", 1);
        awaitInstances("payment-service", 1);
        awaitInstances("rbac-service", 1);
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
        catalog.close();
        auth.close();
        chat.close();
        registry.close();
    }
}
