package io.wayfarer.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The screen shown once everything is up: where to go, where the logs are, what it costs. */
final class ReadyReport {

    private final LaunchOptions options;
    private final Console console;
    private final List<String> infrastructure;
    private final List<ServiceProcess> processes;
    private final Optional<ProcessHandle> detachedServer;

    /** @param detachedServer an embedded server this JVM started that is not its descendant (PostgreSQL) */
    ReadyReport(LaunchOptions options, Console console, List<String> infrastructure, List<ServiceProcess> processes,
                Optional<ProcessHandle> detachedServer) {
        this.options = options;
        this.console = console;
        this.infrastructure = infrastructure;
        this.processes = processes;
        this.detachedServer = detachedServer;
    }

    void print() {
        console.line("");
        console.line(String.format("Wayfarer is ready after %.1f s.", console.elapsed().toMillis() / 1000.0));
        console.line("");
        processes.stream().filter(p -> p.service().name().equals(Service.GATEWAY.name())).forEach(gateway ->
                console.line("  Gateway           http://localhost:" + gateway.service().port()));
        console.line("  Eureka dashboard  http://localhost:" + Service.DISCOVERY.port());
        infrastructure.forEach(line -> console.line("  " + line));
        console.line("");
        console.line(String.format("  %-20s %5s %8s %10s  %s", "process", "port", "pid", "RSS", "log"));
        for (ServiceProcess process : processes) {
            console.line(String.format("  %-20s %5d %8d %10s  %s", process.service().name(), process.service().port(),
                    process.pid(), ProcessMemory.format(ProcessMemory.treeRssBytes(process.handle())),
                    relative(process.log())));
        }
        ProcessHandle launcher = ProcessHandle.current();
        long servicesRss = processes.stream().mapToLong(p -> ProcessMemory.treeRssBytes(p.handle())).sum();
        long launcherRss = ProcessMemory.rssBytes(launcher.pid());
        long detachedRss = detachedServer.map(ProcessMemory::treeRssBytes).orElse(0L);
        long detachedCount = detachedServer.map(server -> 1 + server.descendants().count()).orElse(0L);
        long everythingRss = ProcessMemory.treeRssBytes(launcher) + detachedRss;
        console.line(String.format("  %-20s %5s %8d %10s  %s", "launcher + Kafka", "", launcher.pid(),
                ProcessMemory.format(launcherRss), relative(options.logDirectory().resolve("launcher.log"))));
        long embeddedRss = everythingRss - servicesRss - launcherRss;
        long embeddedCount = launcher.descendants().count() - processes.size() + detachedCount;
        if (embeddedCount > 0) {
            console.line(String.format("  %-20s %5s %8s %10s  %s", "embedded servers", "", "", ProcessMemory.format(embeddedRss),
                    detachedCount > 0 ? "(PostgreSQL's RSS counts its shared buffers once per backend)" : ""));
        }
        console.line("");
        console.line("  Total RSS of the " + (1 + launcher.descendants().count() + detachedCount) + " processes started: "
                + ProcessMemory.format(everythingRss));
        console.line("");
        console.line("Stop with Ctrl-C, or ./deploy/run.sh stop from another terminal.");
    }

    private Path relative(Path path) {
        return path.startsWith(options.root()) ? options.root().relativize(path) : path;
    }
}
