package io.wayfarer.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service running as its own JVM, its output going to a log file. */
final class ServiceProcess {

    /** Environment variables a child must not inherit from the launcher's shell: the launcher sets them. */
    private static final List<String> OWNED_VARIABLES = List.of("PORT", "DB_NAME", "EUREKA_URL");

    private final Service service;
    private final Process process;
    private final Path log;

    private ServiceProcess(Service service, Process process, Path log) {
        this.service = service;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(Service service, Path jar, Map<String, String> environment, Path log, Path tmp) {
        if (!Files.isRegularFile(jar)) {
            throw new LaunchFailure(service.name() + ": no jar at " + jar + " (build with ./deploy/run.sh --build)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.forService());
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> childEnvironment = builder.environment();
        OWNED_VARIABLES.forEach(childEnvironment::remove);
        childEnvironment.putAll(environment);
        childEnvironment.put("PORT", String.valueOf(service.port()));
        service.database().ifPresent(database -> childEnvironment.put("DB_NAME", database));
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(tmp);
            return new ServiceProcess(service, builder.start(), log);
        } catch (IOException e) {
            throw new LaunchFailure("Could not start " + service.name() + ": " + e.getMessage(), e);
        }
    }

    Service service() {
        return service;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while it runs. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGTERM (Spring shuts down gracefully), then SIGKILL after the grace period. */
    void requestStop() {
        process.destroy();
    }

    void awaitStop(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The last lines of the log, to show why a service did not come up. */
    List<String> logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException | RuntimeException e) {
            return List.of("(could not read " + log + ": " + e.getMessage() + ")");
        }
    }
}
