package io.wayfarer.platform.about;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public, read-only identity of a service: {@code GET /v1/about/<spring.application.name>}. */
@RestController
public class ServiceAboutController {

    private final Environment environment;
    private final String version;

    public ServiceAboutController(Environment environment) {
        this.environment = environment;
        String implementationVersion = ServiceAboutController.class.getPackage().getImplementationVersion();
        this.version = implementationVersion != null ? implementationVersion : "dev";
    }

    @GetMapping("/v1/about/${spring.application.name}")
    ServiceAbout about() {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return new ServiceAbout(
                environment.getProperty("spring.application.name"),
                version,
                hostName() + ":" + environment.getProperty("local.server.port", "?"),
                started,
                Duration.between(started, Instant.now()).toSeconds());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
