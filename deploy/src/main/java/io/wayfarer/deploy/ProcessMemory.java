package io.wayfarer.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident memory of processes, from {@code /proc/<pid>/status} (Linux; 0 elsewhere). */
final class ProcessMemory {

    private ProcessMemory() {
    }

    static long rssBytes(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> line.replaceAll("[^0-9]", ""))
                    .mapToLong(kilobytes -> Long.parseLong(kilobytes) * 1024)
                    .findFirst()
                    .orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A process and everything it started, e.g. PostgreSQL's backends. */
    static long treeRssBytes(ProcessHandle root) {
        return rssBytes(root.pid()) + root.descendants().mapToLong(child -> rssBytes(child.pid())).sum();
    }

    static String format(long bytes) {
        return bytes >= 1L << 30
                ? String.format("%.2f GiB", bytes / (double) (1L << 30))
                : String.format("%d MiB", bytes >> 20);
    }
}
