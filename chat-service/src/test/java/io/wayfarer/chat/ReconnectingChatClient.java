package io.wayfarer.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;

/**
 * The rules of chat-client.js in Java: a fresh ticket per attempt, exponential back-off with full
 * jitter, resume of every tracked conversation after each connect, unacked sends resent with the
 * same clientId, de-duplication by seq, app-level ping with a pong deadline. Endpoints are tried
 * in turn (a load balancer would pick one).
 */
final class ReconnectingChatClient implements AutoCloseable {

    private final List<Integer> ports;
    private final IntFunction<String> ticketFor;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger attempt = new AtomicInteger();
    private volatile WebSocket socket;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> heartbeat;
    private volatile ScheduledFuture<?> pongDeadline;
    private int nextPort;

    ReconnectingChatClient(List<Integer> ports, IntFunction<String> ticketFor) {
        this.ports = ports;
        this.ticketFor = ticketFor;
    }

    static long backoffMillis(int attempt, long base, long cap) {
        long ceiling = Math.min(cap, base << Math.min(attempt, 16));
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }

    void track(String conversationId, long lastSeen) {
        lastSeq.merge(conversationId, lastSeen, Math::max);
    }

    long lastSeen(String conversationId) {
        return lastSeq.getOrDefault(conversationId, 0L);
    }

    synchronized void connect() {
        if (stopped) {
            return;
        }
        int port = ports.get(nextPort++ % ports.size());
        try {
            String ticket = ticketFor.apply(port);
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws/chat?ticket=" + ticket), new Listener())
                    .get(10, TimeUnit.SECONDS);
            attempt.set(0);
            connects.incrementAndGet();
            lastSeq.forEach((conversation, seq) -> sendNow(
                    "{\"type\":\"resume\",\"conversationId\":\"" + conversation + "\",\"afterSeq\":" + seq + "}"));
            pending.values().forEach(this::sendNow);
            heartbeat = timers.scheduleWithFixedDelay(this::ping, 1, 1, TimeUnit.SECONDS);
        } catch (Exception e) {
            scheduleReconnect();
        }
    }

    String send(String conversationId, String clientId, String text) {
        String frame = "{\"type\":\"send\",\"conversationId\":\"" + conversationId + "\",\"clientId\":\"" + clientId
                + "\",\"text\":" + ChatSocket.json.writeValueAsString(text) + "}";
        pending.put(clientId, frame);
        sendNow(frame);
        return clientId;
    }

    boolean allAcked() {
        return pending.isEmpty();
    }

    private void ping() {
        sendNow("{\"type\":\"ping\"}");
        pongDeadline = timers.schedule(() -> {
            WebSocket current = socket;
            if (current != null) {
                current.abort();
                lost(current);
            }
        }, 3, TimeUnit.SECONDS);
    }

    private void sendNow(String frame) {
        WebSocket current = socket;
        if (current != null) {
            try {
                current.sendText(frame, true).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the listener sees the close and reconnects; pending frames are resent then
            }
        }
    }

    private synchronized void lost(WebSocket which) {
        if (socket != which) {
            return;
        }
        socket = null;
        cancel(heartbeat);
        cancel(pongDeadline);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (!stopped) {
            timers.schedule(this::connect, backoffMillis(attempt.getAndIncrement(), 200, 5_000), TimeUnit.MILLISECONDS);
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private void receive(JsonNode frame) {
        switch (frame.path("type").asString()) {
            case "message" -> {
                String conversation = frame.path("conversationId").asString();
                long seq = frame.path("seq").asLong();
                if (seq > lastSeen(conversation)) {
                    lastSeq.put(conversation, seq);
                    messages.add(frame);
                }
            }
            case "ack" -> pending.remove(frame.path("clientId").asString());
            case "pong" -> cancel(pongDeadline);
            default -> { }
        }
    }

    @Override
    public void close() {
        stopped = true;
        timers.shutdownNow();
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                receive(ChatSocket.json.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (statusCode != 4401 && statusCode != 4409) {
                lost(webSocket);
            } else {
                stopped = true;
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(webSocket);
        }
    }
}
