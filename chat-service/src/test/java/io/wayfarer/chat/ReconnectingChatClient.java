package io.wayfarer.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * same clientId, per conversation the last contiguous seq (duplicates dropped, a message ahead of a
 * gap dropped and the conversation resumed — docs/chat-protocol.md, "Ordering and resume"), app-level ping with a pong deadline. Endpoints are tried
 * in turn (a load balancer would pick one).
 */
final class ReconnectingChatClient implements AutoCloseable {

    private final List<Integer> ports;
    private final IntFunction<String> ticketFor;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private final Set<String> resumedOnThisSocket = ConcurrentHashMap.newKeySet();
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
            resumedOnThisSocket.clear();
            resumedOnThisSocket.addAll(lastSeq.keySet());
            socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws/chat?ticket=" + ticket), new Listener())
                    .get(10, TimeUnit.SECONDS);
            attempt.set(0);
            connects.incrementAndGet();
            lastSeq.keySet().forEach(this::resume);
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

    private void resume(String conversation) {
        sendNow("{\"type\":\"resume\",\"conversationId\":\"" + conversation + "\",\"afterSeq\":"
                + lastSeen(conversation) + "}");
    }

    /** The JDK's WebSocket refuses a send while another is pending: one at a time. */
    private synchronized void sendNow(String frame) {
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
                long seen = lastSeen(conversation);
                if (seq > seen + 1) { // ahead of a gap: the resume's replay brings it in order
                    if (resumedOnThisSocket.add(conversation)) {
                        resume(conversation);
                    }
                } else if (seq == seen + 1) {
                    lastSeq.put(conversation, seq);
                    messages.add(frame);
                } // else: a duplicate
            }
            case "ack" -> {
                pending.remove(frame.path("clientId").asString());
                String conversation = frame.path("conversationId").asString();
                if (frame.path("seq").asLong() == lastSeen(conversation) + 1) {
                    lastSeq.put(conversation, frame.path("seq").asLong());
                }
            }
            case "resumed" -> {
                if (frame.path("more").asBoolean()) {
                    resume(frame.path("conversationId").asString());
                }
            }
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
