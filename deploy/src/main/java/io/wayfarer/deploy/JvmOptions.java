package io.wayfarer.deploy;

import java.util.List;

/**
 * The flags each service JVM gets. Eight Spring applications share two cores and a laptop's
 * memory, so they favour start-up CPU and footprint over peak throughput.
 */
final class JvmOptions {

    private JvmOptions() {
    }

    static List<String> forService() {
        return List.of(
                "-Xms32m",
                "-Xmx256m",
                "-Xss512k",
                "-XX:MaxMetaspaceSize=200m",
                "-XX:ReservedCodeCacheSize=64m",
                "-XX:MaxDirectMemorySize=64m",
                // one GC thread, no concurrent phases: nothing else competes with the JIT at start-up
                "-XX:+UseSerialGC",
                // C1 only: a local run is short and C2 compilation would eat the two cores at start-up
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Dfile.encoding=UTF-8");
    }
}
