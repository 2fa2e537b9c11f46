package io.wayfarer.deploy;

import io.wayfarer.payment.alipay.standin.AlipayStandIn;
import io.wayfarer.payment.alipay.standin.Rsa2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fault drill's view of the launcher (package {@code io.wayfarer.deploy.drill} uses only this class):
 * the discovery server, {@code replicas} gateways and {@code replicas} instances of every business service,
 * each on a free port, plus an Alipay stand-in that retries notices on a short schedule. It can SIGKILL one
 * instance and start it again on the same port, which the launcher itself never needs.
 */
public final class DrillSystem implements AutoCloseable {

    /** The six business services, in the launcher's order. */
    public static final List<String> BACKENDS = Service.BACKENDS.stream().map(Service::name).toList();
    public static final String GATEWAY = Service.GATEWAY.name();
    public static final String CHAT = "chat-service";

    /** Alipay retries a notice after 4 min first; the drill lasts 15, so its stand-in retries within seconds. */
    private static final List<Duration> NOTICE_RETRIES = List.of(Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(30),
            Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(120));

    private final Console console;
    private final LocalSystem system;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Service discovery = Service.DISCOVERY.onPort(Ports.free());
    private final Map<String, List<Service>> instances = new LinkedHashMap<>();
    private final Map<Service, Map<String, String>> environments = new LinkedHashMap<>();
    private final Map<Service, ServiceProcess> running = new LinkedHashMap<>();
    private final int replicas;
    private AlipayStandIn alipay;

    private DrillSystem(Path jarsRoot, Path work, int replicas) {
        this.console = new Console(System.out, Instant.now());
        this.system = new LocalSystem(new LocalSystem.Layout(jarsRoot, work.resolve("logs"), work.resolve("tmp")), console);
        this.replicas = replicas;
    }

    /**
     * Starts everything and waits until Eureka lists {@code replicas} UP instances of every application and
     * every gateway routes to each service. Replica 0 of everything starts first and is awaited, so the
     * one-time work of a fresh database (migrations, demo accounts, demo catalogue) is never raced.
     *
     * @param jarsRoot       {@code <jarsRoot>/<module>/target/<module>.jar}
     * @param infrastructure DB_*, REDIS_*, KAFKA_BOOTSTRAP_SERVERS
     */
    public static DrillSystem start(Path jarsRoot, Path work, int replicas, Map<String, String> infrastructure,
            Duration timeout) {
        DrillSystem drill = new DrillSystem(jarsRoot, work, replicas);
        try {
            drill.startAll(infrastructure, Instant.now().plus(timeout));
            return drill;
        } catch (RuntimeException e) {
            drill.close();
            throw e;
        }
    }

    private void startAll(Map<String, String> infrastructure, Instant deadline) {
        ServiceProcess registry = system.start(discovery, Map.of());
        Readiness readiness = new Readiness(new EurekaRegistry(http, discovery.port()),
                new GatewayProbe(http, Ports.free()), console);
        readiness.awaitDiscovery(registry, deadline);

        Map<String, String> common = new LinkedHashMap<>(infrastructure);
        common.put("EUREKA_URL", EurekaRegistry.serviceUrl(discovery.port()));
        common.put("SPRING_PROFILES_ACTIVE", "local");
        // every auth-service instance must decrypt the signing keys the first one stored
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        common.put("WAYFARER_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));

        for (int replica = 0; replica < replicas; replica++) {
            Service gateway = Service.GATEWAY.onPort(Ports.free());
            instances.computeIfAbsent(GATEWAY, name -> new ArrayList<>()).add(gateway);
            Map<String, String> gatewayEnvironment = new LinkedHashMap<>(common);
            gatewayEnvironment.put("MANAGEMENT_PORT", String.valueOf(Ports.free()));
            // the drill's client plays the load balancer in front of the gateways and names each user's address
            gatewayEnvironment.put("GATEWAY_TRUSTED_PROXIES", "127.0.0.1,::1");
            environments.put(gateway, gatewayEnvironment);
            for (Service backend : Service.BACKENDS) {
                Service instance = backend.onPort(Ports.free());
                instances.computeIfAbsent(backend.name(), name -> new ArrayList<>()).add(instance);
                environments.put(instance, common);
            }
        }
        startAlipay(instances.get(GATEWAY).get(0).port());

        for (int replica = 0; replica < replicas; replica++) {
            List<ServiceProcess> backends = new ArrayList<>();
            ServiceProcess gateway = launch(instances.get(GATEWAY).get(replica));
            for (String name : BACKENDS) {
                backends.add(launch(instances.get(name).get(replica)));
            }
            if (replica == 0) {
                new Readiness(new EurekaRegistry(http, discovery.port()), new GatewayProbe(http, gateway.service().port()),
                        console).awaitRoutable(gateway, backends, deadline);
            }
        }
        awaitAllUp(deadline);
    }

    private void startAlipay(int gatewayPort) {
        Rsa2.Keys appKeys = Rsa2.generate();
        alipay = AlipayStandIn.start("localhost", Ports.free(), AlipaySandbox.APP_ID, appKeys.publicKey(),
                AlipaySandbox.SELLER_ID, NOTICE_RETRIES);
        Map<String, String> payment = new LinkedHashMap<>();
        payment.put("ALIPAY_SERVER_URL", "http://localhost:" + alipay.port() + "/gateway.do");
        payment.put("ALIPAY_APP_ID", AlipaySandbox.APP_ID);
        payment.put("ALIPAY_APP_PRIVATE_KEY", appKeys.privateKey());
        payment.put("ALIPAY_PUBLIC_KEY", alipay.alipayPublicKey());
        payment.put("ALIPAY_SELLER_ID", AlipaySandbox.SELLER_ID);
        payment.put("ALIPAY_NOTIFY_URL", "http://localhost:" + gatewayPort + "/v1/payments/alipay/notify");
        payment.put("ALIPAY_RETURN_URL", "http://localhost:" + gatewayPort + "/v1/payments/alipay/return");
        for (Service instance : instances.get("payment-service")) {
            Map<String, String> environment = new LinkedHashMap<>(environments.get(instance));
            environment.putAll(payment);
            environments.put(instance, environment);
        }
    }

    private ServiceProcess launch(Service instance) {
        ServiceProcess process = system.start(instance, environments.get(instance));
        running.put(instance, process);
        return process;
    }

    /** Waits until every application has {@code replicas} UP instances and every gateway routes to them all. */
    public void awaitAllUp(Duration within) {
        awaitAllUp(Instant.now().plus(within));
    }

    private void awaitAllUp(Instant deadline) {
        List<GatewayProbe> gateways = gatewayPorts().stream().map(port -> new GatewayProbe(http, port)).toList();
        new Readiness(new EurekaRegistry(http, discovery.port()), gateways.get(0), console)
                .awaitReplicas(system.processes(), replicas, gateways, deadline);
    }

    /** Upper-case application name to its UP instances in Eureka. */
    public Map<String, Integer> upInstances() {
        return new EurekaRegistry(http, discovery.port()).upInstances();
    }

    public List<Integer> gatewayPorts() {
        return instances.get(GATEWAY).stream().map(Service::port).toList();
    }

    /** Gateway port to its actuator port (readiness, as a load balancer's health check reads it). */
    public Map<Integer, Integer> gatewayManagementPorts() {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        instances.get(GATEWAY).forEach(gateway -> ports.put(gateway.port(),
                Integer.parseInt(environments.get(gateway).get("MANAGEMENT_PORT"))));
        return ports;
    }

    public int port(String service, int replica) {
        return instances.get(service).get(replica).port();
    }

    public int alipayPort() {
        return alipay.port();
    }

    public long pid(String service, int replica) {
        return running.get(instances.get(service).get(replica)).pid();
    }

    /** Every process of the run that is alive, by "service#replica", with its pid (to prove nobody restarted). */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        instances.forEach((name, list) -> {
            for (int replica = 0; replica < list.size(); replica++) {
                ServiceProcess process = running.get(list.get(replica));
                if (process != null && process.isAlive()) {
                    pids.put(name + "#" + replica, process.pid());
                }
            }
        });
        return pids;
    }

    /** kill -9: no shutdown hook, no deregistration; Eureka notices when the lease runs out. */
    public void kill(String service, int replica) {
        Service instance = instances.get(service).get(replica);
        ServiceProcess process = running.remove(instance);
        if (process == null) {
            throw new IllegalStateException(service + "#" + replica + " is not running");
        }
        process.handle().destroyForcibly();
        process.awaitStop(Duration.ofSeconds(10));
        system.stop(process); // forget it: it is dead already
        keepLog(process);
        console.step("Killed (SIGKILL) " + service + "#" + replica + " on port " + instance.port() + " (pid " + process.pid() + ")");
    }

    /** Starts a killed instance again on its port with its environment; returns at once (it boots meanwhile). */
    public void restart(String service, int replica) {
        Service instance = instances.get(service).get(replica);
        if (running.containsKey(instance)) {
            throw new IllegalStateException(service + "#" + replica + " is running");
        }
        launch(instance);
    }

    /** The chat.connections gauge of one chat-service instance (its actuator shares the service port). */
    public long chatConnections(int replica) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(CHAT, replica)
                + "/actuator/metrics/chat.connections")).timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            int value = body.indexOf("\"value\":");
            return response.statusCode() == 200 && value >= 0
                    ? (long) Double.parseDouble(body.substring(value + 8).split("[,}]")[0]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Total resident memory of the service JVMs now. */
    public long servicesRssBytes() {
        return running.values().stream().filter(ServiceProcess::isAlive).mapToLong(p -> ProcessMemory.rssBytes(p.pid())).sum();
    }

    public static String formatBytes(long bytes) {
        return ProcessMemory.format(bytes);
    }

    /** The killed instance's log is kept next to the one its restart writes. */
    private static void keepLog(ServiceProcess process) {
        Path log = process.log();
        try {
            if (Files.exists(log)) {
                Files.copy(log, log.resolveSibling(log.getFileName().toString().replace(".log", "")
                        + ".killed-" + process.pid() + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        system.close();
        Optional.ofNullable(alipay).ifPresent(AlipayStandIn::close);
    }
}
