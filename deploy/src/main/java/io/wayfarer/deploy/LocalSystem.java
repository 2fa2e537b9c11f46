package io.wayfarer.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The service JVMs of one local run. Stopping it stops every process it started, in reverse
 * order (discovery last), and nothing else.
 */
final class LocalSystem implements AutoCloseable {

    /** Spring's graceful shutdown gets 20 s per phase (platform defaults); then the JVM is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(25);

    /**
     * @param root where the modules' jars are ({@code <root>/<module>/target/<module>.jar})
     * @param logs one {@code <service>.log} per process
     * @param tmp  the services' {@code java.io.tmpdir}
     */
    record Layout(Path root, Path logs, Path tmp) {
    }

    private final Layout layout;
    private final Console console;
    private final List<ServiceProcess> processes = new CopyOnWriteArrayList<>();

    LocalSystem(Layout layout, Console console) {
        this.layout = layout;
        this.console = console;
    }

    ServiceProcess start(Service service, Map<String, String> environment) {
        ServiceProcess process = ServiceProcess.start(service, service.jar(layout.root()), environment,
                layout.logs().resolve(logName(service)), layout.tmp());
        processes.add(process);
        console.step("Started " + service.name() + " on port " + service.port() + " (pid " + process.pid() + ")");
        return process;
    }

    /** Replicas of one service (W10) share the name, so the port tells their logs apart. */
    private String logName(Service service) {
        boolean replicated = processes.stream().anyMatch(p -> p.service().name().equals(service.name()));
        return replicated ? service.name() + "-" + service.port() + ".log" : service.name() + ".log";
    }

    List<ServiceProcess> processes() {
        return List.copyOf(processes);
    }

    /** Stops one process, e.g. to see how the gateway answers for a service that is gone. */
    void stop(ServiceProcess process) {
        process.requestStop();
        process.awaitStop(STOP_GRACE);
        processes.remove(process);
    }

    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(processes);
        Collections.reverse(reversed);
        // everything but the registry at once, so shutdown costs one grace period, not eight
        List<ServiceProcess> first = reversed.stream()
                .filter(p -> !p.service().name().equals(Service.DISCOVERY.name()))
                .toList();
        List<ServiceProcess> last = reversed.stream().filter(p -> !first.contains(p)).toList();
        stopAll(first);
        stopAll(last);
    }

    private void stopAll(List<ServiceProcess> group) {
        group.forEach(ServiceProcess::requestStop);
        group.forEach(process -> {
            process.awaitStop(STOP_GRACE);
            processes.remove(process);
        });
    }
}
