package io.wayfarer.deploy;

import io.wayfarer.payment.alipay.standin.AlipayStandIn;
import io.wayfarer.payment.alipay.standin.Rsa2;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Wayfarer as the local launcher runs it, for tests in other packages (the browser tests): real jars on
 * free ports, the {@code local} profile (demo accounts and catalogue), throwaway databases, an in-JVM
 * Kafka broker, its own Redis key prefix and an Alipay stand-in on a free port. Never collides with a
 * running {@code ./deploy/run.sh} or another test's stack. Close it to stop everything and drop its
 * databases.
 */
public final class FullStack implements AutoCloseable {

    private static final Path ROOT = Path.of(System.getProperty("wayfarer.root", "..")).toAbsolutePath().normalize();
    private static final String ALIPAY_APP_ID = "2021000000000001";
    private static final String ALIPAY_SELLER_ID = "2088000000000001";

    private final List<String> databases = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String demoPassword = "Demo-" + UUID.randomUUID();
    private Service gateway;
    private LocalInfrastructure infrastructure;
    private LocalSystem system;
    private AlipayStandIn alipay;

    private FullStack() {
    }

    /**
     * Starts discovery, the gateway and these services (module names), and waits until the gateway
     * routes to every one of them.
     *
     * @param work        where logs and temp files go
     * @param services    e.g. auth-service, rbac-service, catalog-service, chat-service, payment-service
     * @param environment extra variables for every process (e.g. rate limits for a browser test)
     */
    public static FullStack start(Path work, List<String> services, Map<String, String> environment, Duration readyWithin) {
        FullStack stack = new FullStack();
        try {
            stack.boot(work, services, environment, readyWithin);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void boot(Path work, List<String> services, Map<String, String> extra, Duration readyWithin) {
        Console console = new Console(System.out, Instant.now());
        Instant deadline = Instant.now().plus(readyWithin);
        Service discovery = Service.DISCOVERY.onPort(Ports.free());
        gateway = Service.GATEWAY.onPort(Ports.free());
        system = new LocalSystem(new LocalSystem.Layout(ROOT, work.resolve("logs"), work.resolve("tmp")), console);
        ServiceProcess discoveryProcess = system.start(discovery, Map.of());
        infrastructure = LocalInfrastructure.start(InfrastructurePlan.throwaway());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        List<Service> backends = services.stream().map(name -> {
            String database = "t_deploy_" + name.substring(0, name.indexOf('-')) + "_" + suffix;
            databases.add(database);
            return Service.backend(name, Ports.free()).withDatabase(database);
        }).toList();
        infrastructure.createDatabases(databases);
        Readiness readiness = new Readiness(new EurekaRegistry(http, discovery.port()), new GatewayProbe(http, gateway.port()), console);
        readiness.awaitDiscovery(discoveryProcess, deadline);

        Map<String, String> environment = new HashMap<>(infrastructure.environment());
        environment.put("EUREKA_URL", EurekaRegistry.serviceUrl(discovery.port()));
        environment.put("WAYFARER_REDIS_KEYPREFIX", "test:stack:" + suffix + ":");
        environment.put("SPRING_PROFILES_ACTIVE", "local");
        environment.put("WAYFARER_DEMO_PASSWORD", demoPassword);
        environment.put("WAYFARER_PUBLIC_URL", baseUrl());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        environment.put("WAYFARER_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
        environment.putAll(extra);

        Map<String, String> gatewayEnvironment = new HashMap<>(environment);
        gatewayEnvironment.put("MANAGEMENT_PORT", String.valueOf(Ports.free()));
        ServiceProcess gatewayProcess = system.start(gateway, gatewayEnvironment);
        List<ServiceProcess> processes = backends.stream()
                .map(service -> system.start(service, service.name().equals("payment-service") ? withAlipay(environment) : environment))
                .toList();
        readiness.awaitRoutable(gatewayProcess, processes, deadline);
    }

    /** payment-service talks to an Alipay stand-in of its own, with key pairs made for this run. */
    private Map<String, String> withAlipay(Map<String, String> environment) {
        Rsa2.Keys appKeys = Rsa2.generate();
        alipay = AlipayStandIn.start("localhost", Ports.free(), ALIPAY_APP_ID, appKeys.publicKey(), ALIPAY_SELLER_ID,
                AlipayStandIn.ALIPAY_NOTICE_SCHEDULE);
        Map<String, String> own = new HashMap<>(environment);
        own.put("ALIPAY_SERVER_URL", "http://localhost:" + alipay.port() + "/gateway.do");
        own.put("ALIPAY_APP_ID", ALIPAY_APP_ID);
        own.put("ALIPAY_APP_PRIVATE_KEY", appKeys.privateKey());
        own.put("ALIPAY_PUBLIC_KEY", alipay.alipayPublicKey());
        own.put("ALIPAY_SELLER_ID", ALIPAY_SELLER_ID);
        own.put("ALIPAY_NOTIFY_URL", baseUrl() + "/v1/payments/alipay/notify");
        own.put("ALIPAY_RETURN_URL", baseUrl() + "/v1/payments/alipay/return");
        return own;
    }

    /** The gateway, where the web app and the API are: {@code http://localhost:<port>}. */
    public String baseUrl() {
        return "http://localhost:" + gateway.port();
    }

    /** The demo accounts' password (admin, alice, emma, paul, olga) for this run. */
    public String demoPassword() {
        return demoPassword;
    }

    @Override
    public void close() {
        if (system != null) {
            system.close();
        }
        if (alipay != null) {
            alipay.close();
        }
        if (infrastructure != null) {
            infrastructure.dropDatabases(databases);
            infrastructure.close();
        }
    }
}
