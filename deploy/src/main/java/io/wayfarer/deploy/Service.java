package io.wayfarer.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Wayfarer application the launcher runs: its Maven module (which is also its
 * {@code spring.application.name}), the port it listens on and the database it owns, if any.
 * A replicated service (W10) is several of these with the same name and different ports.
 */
record Service(String name, int port, Optional<String> database) {

    static final Service DISCOVERY = new Service("discovery-server", 8761, Optional.empty());
    static final Service GATEWAY = new Service("gateway-service", 8080, Optional.empty());

    /** The business services behind the gateway, each with its {@code wayfarer_<short>} database. */
    static final List<Service> BACKENDS = List.of(
            backend("auth-service", 8081),
            backend("rbac-service", 8082),
            backend("catalog-service", 8083),
            backend("chat-service", 8084),
            backend("recommend-service", 8085),
            backend("payment-service", 8086));

    /** Everything a full local run starts, discovery first. */
    static List<Service> all() {
        return Stream.concat(Stream.of(DISCOVERY, GATEWAY), BACKENDS.stream()).toList();
    }

    static Service backend(String name, int port) {
        return new Service(name, port, Optional.of("wayfarer_" + name.substring(0, name.indexOf('-')).toLowerCase(Locale.ROOT)));
    }

    /** Ports of replica {@code index} (0 = the first) are the first's plus 100 per replica: 8080, 8180, 8280. */
    static final int REPLICA_PORT_STEP = 100;

    /** The same service as replica {@code index}: same name and database, its own port. */
    Service replica(int index) {
        return onPort(port + REPLICA_PORT_STEP * index);
    }

    /** Every replica of every service a run with {@code replicas} instances starts, discovery first. */
    static List<Service> all(int replicas) {
        List<Service> services = new ArrayList<>(List.of(DISCOVERY));
        for (int index = 0; index < replicas; index++) {
            services.add(GATEWAY.replica(index));
            for (Service backend : BACKENDS) {
                services.add(backend.replica(index));
            }
        }
        return services;
    }

    Service onPort(int otherPort) {
        return new Service(name, otherPort, database);
    }

    Service withDatabase(String otherDatabase) {
        return new Service(name, port, Optional.of(otherDatabase));
    }

    /** The executable jar {@code ./mvnw package} leaves in the module (finalName = artifactId). */
    Path jar(Path repositoryRoot) {
        return repositoryRoot.resolve(name).resolve("target").resolve(name + ".jar");
    }

    /** The name Eureka lists the service under. */
    String eurekaName() {
        return name.toUpperCase(Locale.ROOT);
    }
}
