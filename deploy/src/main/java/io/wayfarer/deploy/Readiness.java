package io.wayfarer.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Waits until the system is usable: the registry answers, every backend is UP in Eureka and the
 * gateway routes {@code /v1/about/<service>} to it. Fails fast, naming the service and its log,
 * when a process dies or the deadline passes.
 */
final class Readiness {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int LOG_LINES_SHOWN = 15;

    private final EurekaRegistry eureka;
    private final GatewayProbe gateway;
    private final Console console;

    Readiness(EurekaRegistry eureka, GatewayProbe gateway, Console console) {
        this.eureka = eureka;
        this.gateway = gateway;
        this.console = console;
    }

    void awaitDiscovery(ServiceProcess discovery, Instant deadline) {
        while (!eureka.answers()) {
            requireAlive(List.of(discovery));
            if (Instant.now().isAfter(deadline)) {
                throw new LaunchFailure(notReady(List.of(discovery), "the registry does not answer"));
            }
            pause();
        }
        console.step(discovery.service().name() + " answers");
    }

    /**
     * @param gatewayProcess the gateway, which must be UP in Eureka too
     * @param backends       the services that must be UP in Eureka and routable through the gateway
     */
    void awaitRoutable(ServiceProcess gatewayProcess, List<ServiceProcess> backends, Instant deadline) {
        List<ServiceProcess> everything = new ArrayList<>(backends);
        everything.add(gatewayProcess);
        Set<String> pending = new LinkedHashSet<>();
        backends.forEach(process -> pending.add(process.service().name()));
        String gatewayName = gatewayProcess.service().name();
        pending.add(gatewayName);
        while (!pending.isEmpty()) {
            requireAlive(everything);
            Set<String> up = eureka.upApplications();
            if (pending.contains(gatewayName) && up.contains(gatewayName.toUpperCase(Locale.ROOT))) {
                pending.remove(gatewayName);
                console.step(gatewayName + " is UP in Eureka");
            }
            for (String name : List.copyOf(pending)) {
                if (!name.equals(gatewayName) && up.contains(name.toUpperCase(Locale.ROOT)) && gateway.routes(name)) {
                    pending.remove(name);
                    console.step(name + " is UP in Eureka and routed by the gateway");
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                List<ServiceProcess> late = everything.stream()
                        .filter(process -> pending.contains(process.service().name()))
                        .toList();
                throw new LaunchFailure(notReady(late, "not UP in Eureka or not routed by the gateway at "
                        + gateway.baseUrl() + "/v1/about/<service>")
                        + "\nThe gateway's log: " + gatewayProcess.log());
            }
            pause();
        }
    }

    /**
     * With replicas (W10): waits until Eureka lists {@code replicas} UP instances of every application in
     * {@code processes} and every gateway in {@code gateways} routes to each service.
     */
    void awaitReplicas(List<ServiceProcess> processes, int replicas, List<GatewayProbe> gateways, Instant deadline) {
        Set<String> names = new LinkedHashSet<>();
        processes.forEach(process -> names.add(process.service().name()));
        names.remove(Service.DISCOVERY.name());
        while (true) {
            requireAlive(processes);
            Map<String, Integer> up = eureka.upInstances();
            List<String> missing = names.stream()
                    .filter(name -> up.getOrDefault(name.toUpperCase(Locale.ROOT), 0) < replicas)
                    .toList();
            boolean routed = missing.isEmpty() && gateways.stream().allMatch(gateway -> names.stream()
                    .filter(name -> !name.equals(Service.GATEWAY.name()))
                    .allMatch(gateway::routes));
            if (routed) {
                console.step(replicas + " instances of every application are UP and every gateway routes to them");
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new LaunchFailure("Timed out waiting for " + replicas + " UP instances of: "
                        + (missing.isEmpty() ? "(all UP; a gateway does not route yet)" : String.join(", ", missing)));
            }
            pause();
        }
    }

    private static void requireAlive(List<ServiceProcess> processes) {
        for (ServiceProcess process : processes) {
            if (!process.isAlive()) {
                throw new LaunchFailure(process.service().name() + " exited with code " + process.exitCode()
                        + " before it was ready. Its log: " + process.log() + "\n" + tail(process));
            }
        }
    }

    private static String notReady(List<ServiceProcess> processes, String why) {
        StringBuilder message = new StringBuilder("Timed out: ");
        processes.forEach(process -> message.append(process.service().name()).append(' '));
        message.append("- ").append(why).append('.');
        for (ServiceProcess process : processes) {
            message.append("\n").append(process.service().name()).append(" log: ").append(process.log())
                    .append("\n").append(tail(process));
        }
        return message.toString();
    }

    private static String tail(ServiceProcess process) {
        return "    | " + String.join("\n    | ", process.logTail(LOG_LINES_SHOWN));
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("Interrupted while waiting for the services");
        }
    }
}
