package io.wayfarer.platform.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The actuator-exposure check can fail: a stand-in service (the JDK's HTTP server) that answers one sensitive
 * endpoint is refused, on the public port and on a management port of its own; one that answers none passes.
 */
class ServiceSkeletonChecksTests {

    private final java.util.List<HttpServer> servers = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aServiceThatExposesNoSensitiveEndpointPasses() throws Exception {
        int port = serving(Set.of());
        assertThatCode(() -> ServiceSkeletonChecks.against(port, "probe-service").sensitiveActuatorEndpointsAreNotExposed())
                .doesNotThrowAnyException();
    }

    @Test
    void everyListedEndpointIsCheckedOnThePublicPort() throws Exception {
        for (String endpoint : ServiceSkeletonChecks.UNEXPOSED_ENDPOINTS) {
            int port = serving(Set.of(endpoint));
            assertThatThrownBy(() -> ServiceSkeletonChecks.against(port, "probe-service").sensitiveActuatorEndpointsAreNotExposed())
                    .as(endpoint).isInstanceOf(AssertionError.class).hasMessageContaining(endpoint);
        }
    }

    @Test
    void theManagementPortIsCheckedToo() throws Exception {
        int port = serving(Set.of());
        int management = serving(Set.of("/actuator/env"));
        assertThatThrownBy(() -> ServiceSkeletonChecks.against(port, management, "probe-service")
                .sensitiveActuatorEndpointsAreNotExposed())
                .isInstanceOf(AssertionError.class).hasMessageContaining(":" + management + "/actuator/env");
    }

    @Test
    void aNotFoundThatTellsTheEndpointsContentIsRefused() throws Exception {
        HttpServer server = server();
        server.createContext("/", exchange -> answer(exchange, 404, "{\"activeProfiles\":[\"local\"],\"propertySources\":[]}"));
        server.start();
        int port = server.getAddress().getPort();
        assertThatThrownBy(() -> ServiceSkeletonChecks.against(port, "probe-service").sensitiveActuatorEndpointsAreNotExposed())
                .isInstanceOf(AssertionError.class);
    }

    /** The gateway's edge refuses /actuator/** on both its ports (401, or 429 once the anonymous bucket is dry). */
    @Test
    void aRefusalMeansNotExposedOnlyOnTheGateway() throws Exception {
        int refusing = answering(401);
        int throttling = answering(429);
        assertThatCode(() -> ServiceSkeletonChecks.against(refusing, refusing, "gateway-service")
                .sensitiveActuatorEndpointsAreNotExposed()).doesNotThrowAnyException();
        assertThatCode(() -> ServiceSkeletonChecks.against(throttling, serving(Set.of()), "gateway-service")
                .sensitiveActuatorEndpointsAreNotExposed()).doesNotThrowAnyException();
        assertThatThrownBy(() -> ServiceSkeletonChecks.against(refusing, "catalog-service").sensitiveActuatorEndpointsAreNotExposed())
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ServiceSkeletonChecks.against(refusing, serving(Set.of("/actuator/env")), "gateway-service")
                .sensitiveActuatorEndpointsAreNotExposed()).isInstanceOf(AssertionError.class);
    }

    private int answering(int status) throws IOException {
        HttpServer server = server();
        server.createContext("/", exchange -> answer(exchange, status, "{\"type\":\"https://wayfarer.io/problems/refused\"}"));
        server.start();
        return server.getAddress().getPort();
    }

    /** A service that answers 200 on {@code exposed} and a 404 problem on everything else. */
    private int serving(Set<String> exposed) throws IOException {
        HttpServer server = server();
        server.createContext("/", exchange -> {
            if (exposed.contains(exchange.getRequestURI().getPath())) {
                answer(exchange, 200, "{\"activeProfiles\":[],\"propertySources\":[]}");
            } else {
                answer(exchange, 404, "{\"type\":\"https://wayfarer.io/problems/not-found\",\"status\":404}");
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    private HttpServer server() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        servers.add(server);
        return server;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
