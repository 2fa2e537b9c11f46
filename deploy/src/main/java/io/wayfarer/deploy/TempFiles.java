package io.wayfarer.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The run's temp directory: Tomcat and the Kafka broker leave folders there when a JVM is killed.
 * Cleared at start, when no run is using them; extracted PostgreSQL binaries stay (they are a cache).
 */
final class TempFiles {

    private TempFiles() {
    }

    static void clearLeftovers(Path tmp) {
        try (Stream<Path> entries = Files.exists(tmp) ? Files.list(tmp) : Stream.empty()) {
            entries.filter(TempFiles::isLeftover).forEach(TempFiles::deleteTree);
        } catch (IOException e) {
            // leftovers only cost disk space
        }
    }

    private static boolean isLeftover(Path entry) {
        String name = entry.getFileName().toString();
        return name.startsWith("tomcat") || name.startsWith("kafka");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // see clearLeftovers
        }
    }
}
