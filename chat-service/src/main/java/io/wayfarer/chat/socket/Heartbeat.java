package io.wayfarer.chat.socket;

import io.wayfarer.chat.ChatProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * The server's side of the heartbeat, one sweep every few seconds over this instance's sockets:
 * ping those due, close links that stopped answering and sockets idle too long, push presence
 * expiry forward, and — the fallback to the revocation events — close sockets whose auth session
 * is gone from Redis. On shutdown every socket is closed with 1001 so clients reconnect elsewhere.
 */
@Component
class Heartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final LocalConnections connections;
    private final Presence presence;
    private final Fanout fanout;
    private final PresenceNotices notices;
    private final ChatProperties properties;
    private final Liveness liveness;
    private ScheduledExecutorService executor;
    private long lastPresenceRefresh = System.nanoTime();
    private long lastSessionCheck = System.nanoTime();

    Heartbeat(LocalConnections connections, Presence presence, Fanout fanout, PresenceNotices notices,
            ChatProperties properties) {
        this.connections = connections;
        this.presence = presence;
        this.fanout = fanout;
        this.notices = notices;
        this.properties = properties;
        this.liveness = new Liveness(properties.pingInterval(), properties.heartbeatTimeout(), properties.idleTimeout());
    }

    void sweep() {
        long now = System.nanoTime();
        for (ChatConnection connection : connections.all()) {
            switch (liveness.of(now, connection.lastInbound, connection.lastActivity, connection.lastPing)) {
                case DEAD -> connection.close(CloseCodes.HEARTBEAT_TIMEOUT);
                case IDLE -> connection.close(CloseCodes.IDLE);
                case PING -> connection.ping(now);
                case FINE -> { }
            }
        }
        // Each step on its own: a failing presence refresh must not also stop the session check.
        if (now - lastPresenceRefresh >= properties.presenceTtl().toNanos() / 3) {
            lastPresenceRefresh = now;
            step("presence refresh", () -> presence.refresh(List.copyOf(connections.all())));
        }
        if (now - lastSessionCheck >= properties.sessionCheckInterval().toNanos()) {
            lastSessionCheck = now;
            step("session check", this::closeEndedSessions);
        }
    }

    private static void step(String name, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("Heartbeat {} failed", name, e);
        }
    }

    private void closeEndedSessions() {
        List<ChatConnection> open = new ArrayList<>(connections.all());
        if (open.isEmpty()) {
            return;
        }
        List<Boolean> alive = presence.sessionsAlive(open);
        for (int i = 0; i < open.size(); i++) {
            if (!alive.get(i)) {
                open.get(i).close(CloseCodes.SESSION_ENDED);
            }
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Heartbeat sweep failed", e);
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chat-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.sweepInterval().toMillis();
        executor.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
        connections.all().forEach(c -> c.close(CloseStatus.GOING_AWAY));
        fanout.stop();
        notices.stop();
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
