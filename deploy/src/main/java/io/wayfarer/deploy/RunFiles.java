package io.wayfarer.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The launcher's pid file and the list of processes it started, so that {@code run.sh stop} from
 * another terminal stops this run, and only it: a pid counts only if the process with that pid
 * also has the recorded start time (pids get reused).
 */
final class RunFiles {

    private final Path launcherFile;
    private final Path childrenFile;

    RunFiles(Path runDirectory) {
        this.launcherFile = runDirectory.resolve("launcher.pid");
        this.childrenFile = runDirectory.resolve("children");
    }

    /** The launcher of a run that is still going, if any. */
    Optional<ProcessHandle> runningLauncher() {
        return read(launcherFile).stream().findFirst().flatMap(RunFiles::live);
    }

    /** Processes a previous run started that are still alive (its launcher may have been killed). */
    List<ProcessHandle> liveChildren() {
        return read(childrenFile).stream().map(RunFiles::live).flatMap(Optional::stream).toList();
    }

    void recordLauncher() {
        write(launcherFile, List.of(entry(ProcessHandle.current(), "launcher")));
    }

    void recordChildren(List<ProcessHandle> children, List<String> names) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            lines.add(entry(children.get(i), names.get(i)));
        }
        write(childrenFile, lines);
    }

    void clear() {
        try {
            Files.deleteIfExists(childrenFile);
            Files.deleteIfExists(launcherFile);
        } catch (IOException e) {
            // a stale file is harmless: every entry is checked against the live process's start time
        }
    }

    private static String entry(ProcessHandle process, String name) {
        return process.pid() + " " + startMillis(process).orElse(0L) + " " + name;
    }

    private static Optional<Long> startMillis(ProcessHandle process) {
        return process.info().startInstant().map(instant -> instant.toEpochMilli());
    }

    private static Optional<ProcessHandle> live(String entry) {
        String[] fields = entry.trim().split("\\s+");
        if (fields.length < 2) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(fields[0]);
            long started = Long.parseLong(fields[1]);
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> startMillis(process).orElse(-1L) == started);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new LaunchFailure("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
