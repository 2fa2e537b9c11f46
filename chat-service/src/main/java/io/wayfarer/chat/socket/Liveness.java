package io.wayfarer.chat.socket;

import java.time.Duration;

/**
 * What the heartbeat sweep does with one connection, from its clocks (nanoTime): a link that sent
 * nothing at all — not even a pong — for the heartbeat timeout is dead; one that sent no chat
 * frame (pings do not count) for the idle timeout has expired; otherwise ping it when due.
 */
record Liveness(Duration pingInterval, Duration heartbeatTimeout, Duration idleTimeout) {

    enum Verdict { FINE, PING, DEAD, IDLE }

    Verdict of(long now, long lastInbound, long lastActivity, long lastPing) {
        if (now - lastInbound > heartbeatTimeout.toNanos()) {
            return Verdict.DEAD;
        }
        if (now - lastActivity > idleTimeout.toNanos()) {
            return Verdict.IDLE;
        }
        return now - lastPing >= pingInterval.toNanos() ? Verdict.PING : Verdict.FINE;
    }
}
