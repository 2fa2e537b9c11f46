package io.wayfarer.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code run.sh stop}: asks the running launcher to stop (SIGTERM, its shutdown hook stops what it
 * started), then ends any process a killed launcher left behind.
 */
final class StopCommand {

    /** The launcher stops services (25 s grace) and then the registry and the servers. */
    private static final Duration LAUNCHER_GRACE = Duration.ofSeconds(75);

    private final RunFiles runFiles;
    private final Console console;

    StopCommand(RunFiles runFiles, Console console) {
        this.runFiles = runFiles;
        this.console = console;
    }

    int run() {
        Optional<ProcessHandle> launcher = runFiles.runningLauncher();
        if (launcher.isPresent()) {
            console.step("Stopping the launcher (pid " + launcher.get().pid() + ") and everything it started");
            terminate(List.of(launcher.get()), LAUNCHER_GRACE);
        }
        List<ProcessHandle> leftovers = runFiles.liveChildren();
        if (!leftovers.isEmpty()) {
            console.step("Stopping " + leftovers.size() + " process(es) a previous run left behind: "
                    + leftovers.stream().map(p -> String.valueOf(p.pid())).toList());
            terminate(leftovers, LocalSystem.STOP_GRACE);
        }
        if (launcher.isEmpty() && leftovers.isEmpty()) {
            console.step("Nothing to stop: no local Wayfarer run is going");
        } else {
            console.step("Stopped");
        }
        runFiles.clear();
        return 0;
    }

    private static void terminate(List<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
