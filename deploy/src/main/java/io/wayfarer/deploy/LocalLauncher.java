package io.wayfarer.deploy;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole of Wayfarer on this machine: local infrastructure, the discovery server, then the
 * gateway and every service as separate JVMs; waits until the gateway routes to all of them;
 * stops everything it started on Ctrl-C or {@code run.sh stop}. Started by {@code deploy/run.sh}.
 */
public final class LocalLauncher {

    /** The one service that gets the Alipay stand-in's settings. */
    private static final String PAYMENT_SERVICE = "payment-service";

    private final LaunchOptions options;
    private final Console console;
    private final RunFiles runFiles;
    private LocalSystem system;
    private LocalInfrastructure infrastructure;
    private AlipaySandbox alipay;
    private volatile boolean stopped;

    private LocalLauncher(LaunchOptions options, Console console) {
        this.options = options;
        this.console = console;
        this.runFiles = new RunFiles(options.runDirectory());
    }

    public static void main(String[] args) {
        Console console = new Console(System.out, Instant.now());
        try {
            LaunchOptions options = LaunchOptions.parse(args);
            // the launcher's own log (Kafka, embedded servers) goes next to the services' logs
            System.setProperty("wayfarer.logs", options.logDirectory().toString());
            LoggerFactory.getLogger(LocalLauncher.class); // set up logging before threads race to do it
            switch (options.command()) {
                case HELP -> console.line(LaunchOptions.USAGE);
                case STOP -> System.exit(new StopCommand(new RunFiles(options.runDirectory()), console).run());
                case RUN -> new LocalLauncher(options, console).run();
            }
        } catch (LaunchFailure e) {
            System.err.println();
            System.err.println("ERROR: " + e.getMessage());
            System.exit(1); // the shutdown hook stops whatever had started
        }
    }

    private void run() {
        Optional<ProcessHandle> running = runFiles.runningLauncher();
        if (running.isPresent()) {
            throw new LaunchFailure("Wayfarer is already running here (launcher pid " + running.get().pid()
                    + "). Stop it with ./deploy/run.sh stop");
        }
        Instant deadline = Instant.now().plus(options.timeout());
        requireJars();
        Ports.requireFree(portsToClaim());
        runFiles.recordLauncher();
        TempFiles.clearLeftovers(options.tmpDirectory());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopEverything, "wayfarer-stop"));

        system = new LocalSystem(new LocalSystem.Layout(options.root(), options.logDirectory(), options.tmpDirectory()), console);
        ServiceProcess discovery = system.start(Service.DISCOVERY, Map.of());
        startInfrastructure();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Readiness readiness = new Readiness(new EurekaRegistry(http, Service.DISCOVERY.port()),
                new GatewayProbe(http, Service.GATEWAY.port()), console);
        readiness.awaitDiscovery(discovery, deadline);

        Map<String, String> environment = new LinkedHashMap<>(infrastructure.environment());
        environment.put("EUREKA_URL", EurekaRegistry.serviceUrl(Service.DISCOVERY.port()));
        // services keep their local-only behaviour (auth-service's demo accounts) in the "local" profile
        environment.put("SPRING_PROFILES_ACTIVE", Optional.ofNullable(System.getenv("SPRING_PROFILES_ACTIVE")).orElse("local"));
        Map<String, String> paymentEnvironment = new LinkedHashMap<>(environment);
        paymentEnvironment.putAll(alipay.paymentEnvironment(Service.GATEWAY.port()));
        ServiceProcess gateway = null;
        List<ServiceProcess> backends = new ArrayList<>();
        List<GatewayProbe> gateways = new ArrayList<>();
        for (int index = 0; index < options.replicas(); index++) {
            Map<String, String> gatewayEnvironment = new LinkedHashMap<>(environment);
            gatewayEnvironment.put("MANAGEMENT_PORT", String.valueOf(gatewayManagementPort(index)));
            ServiceProcess started = system.start(Service.GATEWAY.replica(index), gatewayEnvironment);
            gateway = gateway == null ? started : gateway;
            gateways.add(new GatewayProbe(http, started.service().port()));
            for (Service backend : Service.BACKENDS) {
                backends.add(system.start(backend.replica(index),
                        backend.name().equals(PAYMENT_SERVICE) ? paymentEnvironment : environment));
            }
        }
        recordChildren();
        readiness.awaitRoutable(gateway, backends, deadline);
        if (options.replicas() > 1) {
            readiness.awaitReplicas(system.processes(), options.replicas(), gateways, deadline);
        }
        recordChildren();

        List<String> described = new ArrayList<>(infrastructure.describe());
        described.add(alipay.describe());
        new ReadyReport(options, console, described, system.processes(),
                infrastructure.embeddedPostgresProcess()).print();
        watch();
    }

    private void requireJars() {
        List<String> missing = Service.all().stream()
                .filter(service -> !Files.isRegularFile(service.jar(options.root())))
                .map(service -> "  " + options.root().relativize(service.jar(options.root())))
                .toList();
        if (!missing.isEmpty()) {
            throw new LaunchFailure("Missing jars:\n" + String.join("\n", missing)
                    + "\nBuild them with ./deploy/run.sh --build (or ./mvnw -DskipTests package)");
        }
    }

    private Map<Integer, String> portsToClaim() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        Service.all(options.replicas()).forEach(service -> ports.put(service.port(), service.name()));
        for (int index = 0; index < options.replicas(); index++) {
            ports.put(gatewayManagementPort(index), "gateway-service management");
        }
        ports.put(AlipaySandbox.PORT, "Alipay stand-in");
        InfrastructurePlan plan = InfrastructurePlan.local(options.dataDirectory());
        // not the Kafka port: the in-JVM KRaft broker ignores it (spring-kafka #2916) and picks a free one
        // embedded servers only start when the machine's do not answer (or WAYFARER_EMBEDDED=true)
        boolean forceEmbedded = Boolean.parseBoolean(System.getenv("WAYFARER_EMBEDDED"));
        if (forceEmbedded || !Ports.answers("127.0.0.1", 5432)) {
            ports.put(plan.embeddedPostgresPort(), "embedded PostgreSQL");
        }
        if (forceEmbedded || !Ports.answers("127.0.0.1", 6379)) {
            ports.put(plan.embeddedRedisPort(), "embedded Redis");
        }
        return ports;
    }

    /** The gateway's actuator port (9080 by default), one per replica like the service ports. */
    private static int gatewayManagementPort(int replica) {
        return 9080 + Service.REPLICA_PORT_STEP * replica;
    }

    private void startInfrastructure() {
        LocalInfrastructure started = LocalInfrastructure.start(InfrastructurePlan.local(options.dataDirectory()));
        synchronized (this) {
            infrastructure = started;
        }
        infrastructure.describe().forEach(console::step);
        AlipaySandbox sandbox = AlipaySandbox.start();
        synchronized (this) {
            alipay = sandbox;
        }
        console.step(alipay.describe());
        List<String> databases = Service.BACKENDS.stream().flatMap(service -> service.database().stream()).toList();
        infrastructure.createDatabases(databases);
        console.step("Databases ready: " + String.join(", ", databases));
        recordChildren();
    }

    /** What {@code run.sh stop} must end should this launcher be killed: services and embedded servers. */
    private void recordChildren() {
        List<ProcessHandle> children = new ArrayList<>(ProcessHandle.current().children().toList());
        infrastructure.embeddedPostgresProcess().ifPresent(children::add);
        List<String> names = new ArrayList<>();
        for (ProcessHandle child : children) {
            names.add(system.processes().stream().filter(p -> p.pid() == child.pid())
                    .map(p -> p.service().name()).findFirst()
                    .orElse(child.info().command().map(command -> Path.of(command).getFileName().toString()).orElse("child")));
        }
        runFiles.recordChildren(children, names);
    }

    /** Until stopped: tell the user when a service dies, so a dead route is not a mystery. */
    private void watch() {
        List<ServiceProcess> reported = new ArrayList<>();
        while (!stopped) {
            for (ServiceProcess process : system.processes()) {
                if (!process.isAlive() && !reported.contains(process) && !stopped) {
                    reported.add(process);
                    console.step("WARNING: " + process.service().name() + " exited with code " + process.exitCode()
                            + "; see " + process.log());
                }
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void stopEverything() {
        if (stopped) {
            return;
        }
        stopped = true;
        console.line("");
        console.step("Stopping Wayfarer...");
        if (system != null) {
            system.close();
        }
        if (alipay != null) {
            alipay.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
        runFiles.clear();
        console.step("Stopped everything the launcher started");
    }
}
