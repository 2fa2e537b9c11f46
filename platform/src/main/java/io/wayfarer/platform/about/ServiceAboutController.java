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
    private final Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    /** Name and host:port, read once the server is listening (the port is known only then). */
    private volatile Identity identity;

    public ServiceAboutController(Environment environment) {
        this.environment = environment;
        String implementationVersion = ServiceAboutController.class.getPackage().getImplementationVersion();
        this.version = implementationVersion != null ? implementationVersion : "dev";
    }

    @GetMapping("/v1/about/${spring.application.name}")
    ServiceAbout about() {
        Identity current = identity;
        if (current == null) {
            current = new Identity(environment.getProperty("spring.application.name"),
                    hostName() + ":" + environment.getProperty("local.server.port", "?"));
            identity = current;
        }
        return new ServiceAbout(current.name(), version, current.instance(), started,
                Duration.between(started, Instant.now()).toSeconds());
    }

    private record Identity(String name, String instance) {
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
