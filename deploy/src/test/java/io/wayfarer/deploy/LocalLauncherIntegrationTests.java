package io.wayfarer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The launcher end to end, kept cheap: its own code starts the discovery server, the gateway and
 * one service (rbac-service) from their jars, on free ports and a throwaway database, so it never
 * meets a local system that is running. Needs the jars, so it runs in failsafe after the reactor
 * has packaged every module.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalLauncherIntegrationTests {

    private static final Path ROOT = Path.of(System.getProperty("wayfarer.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "launcher-it").toAbsolutePath();
    private static final Duration READY_WITHIN = Duration.ofSeconds(600); // a ceiling for loaded machines; ~40 s on a quiet one

    private final Service discovery = Service.DISCOVERY.onPort(Ports.free());
    private final Service gateway = Service.GATEWAY.onPort(Ports.free());
    private final int gatewayManagementPort = Ports.free();
    private final Service rbac = Service.backend("rbac-service", Ports.free())
            .withDatabase("t_deploy_rbac_" + UUID.randomUUID().toString().substring(0, 8));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Console console = new Console(System.out, Instant.now());

    private LocalInfrastructure infrastructure;
    private LocalSystem system;
    private GatewayProbe gatewayProbe;
    private ServiceProcess rbacProcess;

    @BeforeAll
    void startDiscoveryGatewayAndOneService() {
        for (Service service : List.of(discovery, gateway, rbac)) {
            assertThat(service.jar(ROOT)).as("%s is built (./mvnw -DskipTests package)", service.name()).isRegularFile();
        }
        Instant deadline = Instant.now().plus(READY_WITHIN);
        system = new LocalSystem(new LocalSystem.Layout(ROOT, WORK.resolve("logs"), WORK.resolve("tmp")), console);
        ServiceProcess discoveryProcess = system.start(discovery, Map.of());
        infrastructure = LocalInfrastructure.start(InfrastructurePlan.throwaway());
        infrastructure.createDatabases(rbac.database().stream().toList());

        EurekaRegistry eureka = new EurekaRegistry(http, discovery.port());
        gatewayProbe = new GatewayProbe(http, gateway.port());
        Readiness readiness = new Readiness(eureka, gatewayProbe, console);
        readiness.awaitDiscovery(discoveryProcess, deadline);

        Map<String, String> environment = new HashMap<>(infrastructure.environment());
        environment.put("EUREKA_URL", EurekaRegistry.serviceUrl(discovery.port()));
        Map<String, String> gatewayEnvironment = new HashMap<>(environment);
        gatewayEnvironment.put("MANAGEMENT_PORT", String.valueOf(gatewayManagementPort));
        ServiceProcess gatewayProcess = system.start(gateway, gatewayEnvironment);
        rbacProcess = system.start(rbac, environment);
        readiness.awaitRoutable(gatewayProcess, List.of(rbacProcess), deadline);
    }

    @Test
    @Order(1)
    void theGatewayRoutesToTheServiceThroughEureka() throws Exception {
        HttpResponse<String> response = gatewayProbe.get("/v1/about/rbac-service");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"service\":\"rbac-service\"");
    }

    @Test
    @Order(2)
    void anUnknownRouteIsA404Problem() throws Exception {
        HttpResponse<String> response = gatewayProbe.get("/v1/no-such-resources");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    @Order(2)
    void theGatewaysActuatorIsOnlyOnItsManagementPort() throws Exception {
        assertThat(gatewayProbe.get("/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(gatewayProbe.get("/actuator/env").statusCode()).isIn(401, 404);

        HttpResponse<String> metrics = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + gatewayManagementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"gateway-service\"");
    }

    @Test
    @Order(3)
    void aStoppedServiceIsA5xxProblemAtTheGateway() throws Exception {
        system.stop(rbacProcess);
        assertThat(rbacProcess.isAlive()).isFalse();

        HttpResponse<String> response = gatewayProbe.get("/v1/about/rbac-service");
        Instant giveUp = Instant.now().plusSeconds(40);
        // while its registry copy still lists the instance the gateway may try it; either way no 200
        while (!List.of(502, 503).contains(response.statusCode()) && Instant.now().isBefore(giveUp)) {
            Thread.sleep(500);
            response = gatewayProbe.get("/v1/about/rbac-service");
        }
        assertThat(response.statusCode()).isIn(502, 503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    @Order(4)
    void stoppingLeavesNoChildProcess() {
        stopEverything();

        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("processes still running after stop")
                .isEmpty();
    }

    @AfterAll
    void stopEverything() {
        if (system != null) {
            system.close();
            system = null;
        }
        if (infrastructure != null) {
            infrastructure.dropDatabases(rbac.database().stream().toList());
            infrastructure.close();
            infrastructure = null;
        }
    }
}
