package io.wayfarer.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** What the person at the terminal sees: short progress lines stamped with the time since start. */
final class Console {

    private final PrintStream out;
    private final Instant started;

    Console(PrintStream out, Instant started) {
        this.out = out;
        this.started = started;
    }

    static Console quiet() {
        return new Console(new PrintStream(PrintStream.nullOutputStream()), Instant.now());
    }

    Duration elapsed() {
        return Duration.between(started, Instant.now());
    }

    void step(String message) {
        out.printf("[%5.1fs] %s%n", elapsed().toMillis() / 1000.0, message);
    }

    void line(String message) {
        out.println(message);
    }
}
