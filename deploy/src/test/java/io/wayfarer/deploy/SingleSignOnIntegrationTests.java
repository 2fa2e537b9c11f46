package io.wayfarer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The product's core promise, with real jars: two gateways and two auth-service instances on one
 * Redis and one database, and rbac-service, whose policy the gateways enforce. A login through
 * gateway A works through gateway B; a logout, a disabled account or a password change is refused
 * through both at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleSignOnIntegrationTests {

    private static final Path ROOT = Path.of(System.getProperty("wayfarer.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of("target", "sso-it").toAbsolutePath();
    private static final Duration READY_WITHIN = Duration.ofSeconds(600); // a ceiling for loaded machines; ~40 s on a quiet one
    private static final Pattern FIELD = Pattern.compile("\"(accessToken|refreshToken|id)\"\\s*:\\s*\"([^\"]+)\"");
    private static final String PASSWORD = "Kyoto-Food-Walk-42";

    private final String database = "t_deploy_auth_" + UUID.randomUUID().toString().substring(0, 8);
    private final Service discovery = Service.DISCOVERY.onPort(Ports.free());
    private final Service gatewayA = Service.GATEWAY.onPort(Ports.free());
    private final Service gatewayB = Service.GATEWAY.onPort(Ports.free());
    private final Service authA = Service.backend("auth-service", Ports.free()).withDatabase(database);
    private final Service authB = Service.backend("auth-service", Ports.free()).withDatabase(database);
    private final String rbacDatabase = "t_deploy_rbac_" + UUID.randomUUID().toString().substring(0, 8);
    // the gateways take their route + method policy from rbac-service, and auth-service the users' roles
    private final Service rbac = Service.backend("rbac-service", Ports.free()).withDatabase(rbacDatabase);
    private final String demoPassword = "Demo-" + UUID.randomUUID();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalInfrastructure infrastructure;
    private LocalSystem system;

    @BeforeAll
    void startTwoGatewaysAndTwoAuthServices() {
        Console console = new Console(System.out, Instant.now());
        Instant deadline = Instant.now().plus(READY_WITHIN);
        system = new LocalSystem(new LocalSystem.Layout(ROOT, WORK.resolve("logs"), WORK.resolve("tmp")), console);
        ServiceProcess discoveryProcess = system.start(discovery, Map.of());
        infrastructure = LocalInfrastructure.start(InfrastructurePlan.throwaway());
        infrastructure.createDatabases(List.of(database, rbacDatabase));
        Readiness readinessA = new Readiness(new EurekaRegistry(http, discovery.port()), new GatewayProbe(http, gatewayA.port()), console);
        Readiness readinessB = new Readiness(new EurekaRegistry(http, discovery.port()), new GatewayProbe(http, gatewayB.port()), console);
        readinessA.awaitDiscovery(discoveryProcess, deadline);

        Map<String, String> environment = new HashMap<>(infrastructure.environment());
        environment.put("EUREKA_URL", EurekaRegistry.serviceUrl(discovery.port()));
        environment.put("WAYFARER_REDIS_KEYPREFIX", "test:sso:" + UUID.randomUUID() + ":");
        environment.put("SPRING_PROFILES_ACTIVE", "local");
        environment.put("WAYFARER_DEMO_PASSWORD", demoPassword);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        environment.put("WAYFARER_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));

        ServiceProcess a = system.start(gatewayA, withManagementPort(environment));
        ServiceProcess b = system.start(gatewayB, withManagementPort(environment));
        ServiceProcess authOne = system.start(authA, environment);
        ServiceProcess authTwo = system.start(authB, environment);
        ServiceProcess policy = system.start(rbac, environment);
        readinessA.awaitRoutable(a, List.of(authOne, authTwo, policy), deadline);
        readinessB.awaitRoutable(b, List.of(authOne, authTwo, policy), deadline);
    }

    @Test
    void aLoginThroughOneGatewayWorksThroughTheOtherAndALogoutIsRefusedByBothWithinASecond() throws Exception {
        String account = traveller();
        Map<String, String> tokens = login(gatewayA, account, PASSWORD);
        String access = tokens.get("accessToken");

        assertThat(call(gatewayB, "GET", "/v1/users/me", access, null).statusCode()).isEqualTo(200);
        assertThat(call(gatewayA, "GET", "/v1/users/me", access, null).statusCode()).isEqualTo(200);

        assertThat(call(gatewayB, "POST", "/v1/auth/logout", access, null).statusCode()).isEqualTo(204);
        Instant loggedOut = Instant.now();
        assertRefusedWithinASecond(gatewayA, access, loggedOut);
        assertRefusedWithinASecond(gatewayB, access, loggedOut);
    }

    @Test
    void disablingAUserRefusesAllTheirSessionsThroughEveryGatewayAtOnce() throws Exception {
        String account = traveller();
        String first = login(gatewayA, account, PASSWORD).get("accessToken");
        String second = login(gatewayB, account, PASSWORD).get("accessToken");
        String userId = fields(call(gatewayA, "GET", "/v1/users/me", first, null).body()).get("id");
        String admin = login(gatewayB, "admin", demoPassword).get("accessToken");

        HttpResponse<String> disabled = call(gatewayA, "PATCH", "/v1/users/" + userId, admin, "{\"enabled\":false}");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);

        for (Service gateway : List.of(gatewayA, gatewayB)) {
            for (String token : List.of(first, second)) {
                assertThat(call(gateway, "GET", "/v1/users/me", token, null).statusCode()).isEqualTo(401);
            }
        }
        HttpResponse<String> again = call(gatewayB, "POST", "/v1/auth/login", null,
                "{\"account\":\"" + account + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("account-disabled");
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsEverywhere() throws Exception {
        String account = traveller();
        String here = login(gatewayA, account, PASSWORD).get("accessToken");
        String elsewhere = login(gatewayB, account, PASSWORD).get("accessToken");

        HttpResponse<String> changed = call(gatewayB, "PUT", "/v1/users/me/password", here,
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"Lisbon-Tram-28-Ride\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);

        for (Service gateway : List.of(gatewayA, gatewayB)) {
            assertThat(call(gateway, "GET", "/v1/users/me", elsewhere, null).statusCode()).isEqualTo(401);
            assertThat(call(gateway, "GET", "/v1/users/me", here, null).statusCode()).isEqualTo(200);
        }
    }

    private static Map<String, String> withManagementPort(Map<String, String> environment) {
        Map<String, String> own = new HashMap<>(environment);
        own.put("MANAGEMENT_PORT", String.valueOf(Ports.free()));
        return own;
    }

    private void assertRefusedWithinASecond(Service gateway, String access, Instant since) throws Exception {
        int status = call(gateway, "GET", "/v1/users/me", access, null).statusCode();
        while (status != 401 && Duration.between(since, Instant.now()).toMillis() < 1000) {
            Thread.sleep(50);
            status = call(gateway, "GET", "/v1/users/me", access, null).statusCode();
        }
        assertThat(status).isEqualTo(401);
        assertThat(Duration.between(since, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }

    private String traveller() throws IOException, InterruptedException {
        String account = "sso-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> registered = call(gatewayA, "POST", "/v1/auth/register", null, """
                {"account":"%s","displayName":"SSO","email":"%s@example.com","password":"%s"}"""
                .formatted(account, account, PASSWORD));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return account;
    }

    private Map<String, String> login(Service gateway, String account, String password) throws Exception {
        HttpResponse<String> response = call(gateway, "POST", "/v1/auth/login", null,
                "{\"account\":\"" + account + "\",\"password\":\"" + password + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return fields(response.body());
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> found = new HashMap<>();
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            found.putIfAbsent(matcher.group(1), matcher.group(2));
        }
        return found;
    }

    private HttpResponse<String> call(Service gateway, String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @AfterAll
    void stopEverything() {
        if (system != null) {
            system.close();
        }
        if (infrastructure != null) {
            infrastructure.dropDatabases(List.of(database, rbacDatabase));
            infrastructure.close();
        }
    }
}
