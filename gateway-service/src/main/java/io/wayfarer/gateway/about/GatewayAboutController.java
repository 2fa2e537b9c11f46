package io.wayfarer.gateway.about;

import io.wayfarer.platform.about.ServiceAbout;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The gateway's own {@code GET /v1/about/gateway-service}, the reactive twin of the platform's
 * servlet-only ServiceAboutController: same {@link ServiceAbout} shape as every other service.
 */
@RestController
class GatewayAboutController {

    private final Environment environment;
    private final String version;
    private final String hostName;
    private final Instant startedAt;

    GatewayAboutController(Environment environment) {
        this.environment = environment;
        String implementationVersion = GatewayAboutController.class.getPackage().getImplementationVersion();
        this.version = implementationVersion != null ? implementationVersion : "dev";
        this.hostName = hostName();
        this.startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    @GetMapping("/v1/about/${spring.application.name}")
    Mono<ServiceAbout> about() {
        return Mono.fromSupplier(() -> new ServiceAbout(
                environment.getProperty("spring.application.name"),
                version,
                hostName + ":" + environment.getProperty("local.server.port", "?"),
                startedAt,
                Duration.between(startedAt, Instant.now()).toSeconds()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
