package io.wayfarer.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Eureka server in this JVM, on a random port, answering changes at once (no response cache).
 * Test services register through its REST API exactly as a Eureka client would.
 */
final class EurekaTestRegistry implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String url;

    private EurekaTestRegistry(ConfigurableApplicationContext context) {
        this.context = context;
        this.url = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort() + "/eureka/";
    }

    static EurekaTestRegistry start() {
        // a fixed free port, so the registry recognises its own URL and has no peers to replicate to
        int port = GatewayTestBed.closedPort();
        return new EurekaTestRegistry(new SpringApplicationBuilder(Registry.class)
                .web(WebApplicationType.SERVLET)
                .run("--spring.config.name=gateway-test-registry",
                        "--spring.application.name=discovery-server",
                        "--server.port=" + port,
                        "--spring.main.banner-mode=off",
                        "--eureka.instance.hostname=127.0.0.1",
                        "--eureka.instance.prefer-ip-address=false",
                        "--eureka.client.service-url.defaultZone=http://127.0.0.1:" + port + "/eureka/",
                        "--eureka.client.register-with-eureka=false",
                        "--eureka.client.fetch-registry=false",
                        "--eureka.server.enable-self-preservation=false",
                        "--eureka.server.use-read-only-response-cache=false",
                        "--eureka.server.wait-time-in-ms-when-sync-empty=0",
                        "--eureka.server.eviction-interval-timer-in-ms=60000",
                        // the gateway's auto-configurations are on this class path too: not for the registry
                        "--spring.cloud.gateway.server.webflux.enabled=false",
                        "--spring.cloud.gateway.server.webflux.redis.enabled=false",
                        "--management.health.redis.enabled=false",
                        "--spring.cloud.circuitbreaker.resilience4j.enabled=false",
                        "--management.tracing.enabled=false",
                        "--logging.level.com.netflix=ERROR"));
    }

    /** Registers an UP instance of {@code service} at 127.0.0.1:{@code port}; returns its instance id. */
    String register(String service, int port) {
        String instanceId = service + ":test:" + port;
        String app = service.toUpperCase();
        String body = """
                {"instance": {
                  "instanceId": "%1$s", "hostName": "127.0.0.1", "app": "%2$s", "ipAddr": "127.0.0.1",
                  "status": "UP", "overriddenStatus": "UNKNOWN",
                  "port": {"$": %3$d, "@enabled": "true"}, "securePort": {"$": 443, "@enabled": "false"},
                  "countryId": 1,
                  "dataCenterInfo": {"@class": "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo", "name": "MyOwn"},
                  "leaseInfo": {"renewalIntervalInSecs": 30, "durationInSecs": 300},
                  "vipAddress": "%4$s", "secureVipAddress": "%4$s",
                  "homePageUrl": "http://127.0.0.1:%3$d/", "statusPageUrl": "http://127.0.0.1:%3$d/actuator/info",
                  "healthCheckUrl": "http://127.0.0.1:%3$d/actuator/health"
                }}""".formatted(instanceId, app, port, service);
        send(HttpRequest.newBuilder(URI.create(url + "apps/" + app))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 204);
        return instanceId;
    }

    /** A heartbeat, as a client sends every renewal interval: without it the lease (300 s) runs out. */
    void renew(String service, String instanceId) {
        send(HttpRequest.newBuilder(URI.create(url + "apps/" + service.toUpperCase() + "/" + instanceId))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), 200);
    }

    void deregister(String service, String instanceId) {
        send(HttpRequest.newBuilder(URI.create(url + "apps/" + service.toUpperCase() + "/" + instanceId))
                .DELETE().build(), 200);
    }

    private void send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " -> " + response.statusCode()
                        + " " + response.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    /** Not a {@code @Configuration}: the gateway's component scan of io.wayfarer.gateway must not find it. */
    @EnableAutoConfiguration
    @EnableEurekaServer
    static class Registry {
    }
}
