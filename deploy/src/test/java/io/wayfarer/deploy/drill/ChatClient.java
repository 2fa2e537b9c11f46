package io.wayfarer.deploy.drill;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/**
 * One chat user's socket through the gateways, following docs/chat-protocol.md like chat-client.js: a new
 * ticket per attempt, back-off with full jitter, {@code resume} of each conversation after connecting,
 * unacknowledged sends resent with their client id, and per conversation the last contiguous seq (a
 * duplicate is dropped, a message ahead of a gap is dropped and the conversation resumed). App-level ping
 * with a pong deadline finds a link that died without a close.
 */
final class ChatClient implements AutoCloseable {

    private static final Duration PING_EVERY = Duration.ofSeconds(5);
    private static final Duration PONG_WITHIN = Duration.ofSeconds(8);
    private static final Duration RESEND_AFTER = Duration.ofSeconds(6);

    private final String name;
    private final Account account;
    private final Edge edge;
    private final Ledger ledger;
    private final BooleanSupplier running;
    private final String selfId;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-" + ChatClientNames.next());
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Set<String> resumedOnThisSocket = ConcurrentHashMap.newKeySet();
    private final AtomicInteger attempt = new AtomicInteger();
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger droppedDuplicates = new AtomicInteger();
    final AtomicInteger errorFrames = new AtomicInteger();
    private volatile WebSocket socket;
    /** The listener of {@link #socket}: it knows whether the server welcomed that socket. */
    private volatile Listener listening;
    /** When a socket of this client last died (null: never). */
    private volatile Instant lostAt;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> pongDeadline;
    private int gatewayTurn;

    private record Pending(String frame, Instant sentAt) {
    }

    ChatClient(String name, Account account, String selfId, Edge edge, int firstGateway, Ledger ledger,
            BooleanSupplier running) {
        this.name = name;
        this.account = account;
        this.selfId = selfId;
        this.edge = edge;
        this.gatewayTurn = firstGateway;
        this.ledger = ledger;
        this.running = running;
    }

    String name() {
        return name;
    }

    void track(String conversationId) {
        lastSeq.putIfAbsent(conversationId, 0L);
    }

    boolean tracks(String conversationId) {
        return lastSeq.containsKey(conversationId);
    }

    long lastSeen(String conversationId) {
        return lastSeq.getOrDefault(conversationId, 0L);
    }

    boolean connected() {
        return socket != null;
    }

    /** A socket of this client died after {@code instant} (closed, failed, or silent past the pong deadline). */
    boolean lostSince(Instant instant) {
        Instant lost = lostAt;
        return lost != null && lost.isAfter(instant);
    }

    /**
     * On a socket the server has welcomed: connected, not just dialling. A socket is set only after the last one
     * died, so after {@link #lostSince} this means "connected again".
     */
    boolean welcomed() {
        Listener current = listening;
        return socket != null && current != null && current.welcomedAt != null;
    }

    void start() {
        timers.scheduleWithFixedDelay(this::heartbeat, PING_EVERY.toMillis(), PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        timers.execute(this::connect);
    }

    private void connect() {
        if (stopped) {
            return;
        }
        List<Integer> gateways = edge.gateways();
        int preferred = gateways.get(Math.floorMod(gatewayTurn++, gateways.size()));
        int gateway = edge.isDown(preferred) ? edge.rotation().get(0) : preferred;
        try {
            Edge.Answer ticket = account.authorised(running, token -> account.edge().post("chat-ticket", "/v1/chat/tickets", token, null));
            if (ticket.status() != 201) {
                throw new IllegalStateException("ticket " + ticket.status());
            }
            Listener listener = new Listener();
            WebSocket opened = edge.http().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create("ws://localhost:" + gateway + "/ws/chat?ticket="
                            + ticket.json().path("ticket").asString()), listener)
                    .get(15, TimeUnit.SECONDS);
            synchronized (this) {
                socket = opened;
                listening = listener;
                resumedOnThisSocket.clear();
                resumedOnThisSocket.addAll(lastSeq.keySet());
            }
            attempt.set(0);
            connects.incrementAndGet();
            lastSeq.keySet().forEach(this::resume);
            pending.values().forEach(p -> sendNow(p.frame()));
        } catch (Exception e) {
            edge.markDown(gateway, e);
            scheduleReconnect();
        }
    }

    void send(String conversationId, String clientId, String text) {
        ledger.sent(clientId, conversationId, selfId);
        String frame = "{\"type\":\"send\",\"conversationId\":\"" + conversationId + "\",\"clientId\":\"" + clientId
                + "\",\"text\":" + Edge.JSON.writeValueAsString(text) + "}";
        pending.put(clientId, new Pending(frame, Instant.now()));
        sendNow(frame);
    }

    boolean allAcked() {
        return pending.isEmpty();
    }

    int unacked() {
        return pending.size();
    }

    /** Asks for everything after the last contiguous seq of every conversation (what a reconnect does). */
    void resumeAll() {
        lastSeq.keySet().forEach(this::resume);
    }

    private void resume(String conversation) {
        sendNow("{\"type\":\"resume\",\"conversationId\":\"" + conversation + "\",\"afterSeq\":" + lastSeen(conversation) + "}");
    }

    private void heartbeat() {
        if (socket == null) {
            return;
        }
        Instant now = Instant.now();
        // an ack that never came (refused with an error frame, lost with a dying socket): same client id again
        pending.forEach((clientId, p) -> {
            if (Duration.between(p.sentAt(), now).compareTo(RESEND_AFTER) > 0) {
                pending.replace(clientId, p, new Pending(p.frame(), now));
                sendNow(p.frame());
            }
        });
        if (pongDeadline == null || pongDeadline.isDone()) {
            WebSocket current = socket;
            pongDeadline = timers.schedule(() -> lost(current), PONG_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        }
        sendNow("{\"type\":\"ping\"}");
    }

    /** The JDK's WebSocket refuses a send while another is pending: one at a time. */
    private synchronized void sendNow(String frame) {
        WebSocket current = socket;
        if (current != null) {
            try {
                current.sendText(frame, true).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the listener sees the close and reconnects; pending sends go again then
            }
        }
    }

    private void lost(WebSocket which) {
        synchronized (this) {
            if (which == null || socket != which) {
                return;
            }
            socket = null;
            lostAt = Instant.now();
        }
        which.abort();
        ScheduledFuture<?> deadline = pongDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (!stopped) {
            long ceiling = Math.min(5_000, 250L << Math.min(attempt.getAndIncrement(), 10));
            timers.schedule(this::connect, ThreadLocalRandom.current().nextLong(ceiling + 1), TimeUnit.MILLISECONDS);
        }
    }

    private void receive(JsonNode frame) {
        switch (frame.path("type").asString()) {
            case "message" -> message(frame);
            case "ack" -> {
                String clientId = frame.path("clientId").asString();
                pending.remove(clientId);
                Ledger.Message sent = ledger.message(clientId);
                if (sent != null) {
                    sent.acked = true;
                    sent.seq = frame.path("seq").asLong();
                }
                String conversation = frame.path("conversationId").asString();
                lastSeq.computeIfPresent(conversation, (c, seen) -> frame.path("seq").asLong() == seen + 1 ? seen + 1 : seen);
            }
            case "resumed" -> {
                if (frame.path("more").asBoolean()) {
                    resume(frame.path("conversationId").asString());
                }
            }
            case "pong" -> {
                ScheduledFuture<?> deadline = pongDeadline;
                if (deadline != null) {
                    deadline.cancel(false);
                }
            }
            case "error" -> errorFrames.incrementAndGet();
            default -> { }
        }
    }

    private void message(JsonNode frame) {
        String conversation = frame.path("conversationId").asString();
        long seq = frame.path("seq").asLong();
        String clientId = frame.path("clientId").asString();
        boolean fromOther = !selfId.equals(frame.path("senderId").asString());
        Ledger.Message sent = ledger.message(clientId);
        if (fromOther && sent != null) {
            sent.rawDeliveries.incrementAndGet();
        }
        long seen = lastSeen(conversation);
        if (seq > seen + 1) {
            if (resumedOnThisSocket.add(conversation)) {
                resume(conversation);
            }
        } else if (seq == seen + 1) {
            lastSeq.put(conversation, seq);
            if (fromOther) {
                if (sent == null) {
                    ledger.strangers.add(conversation + "/" + seq + "/" + clientId);
                } else {
                    sent.accepted.incrementAndGet();
                    sent.acceptedAt = Instant.now();
                }
            }
        } else if (fromOther) {
            droppedDuplicates.incrementAndGet();
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
        /** The server's welcome may arrive before connect() has made this socket the current one. */
        private volatile Instant welcomedAt;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                JsonNode frame = Edge.JSON.readTree(text);
                if ("welcome".equals(frame.path("type").asString())) {
                    welcomedAt = Instant.now();
                }
                if (webSocket == socket) {
                    receive(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(webSocket);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(webSocket);
        }
    }

    /** Thread names for the clients' timers. */
    private static final class ChatClientNames {
        private static final AtomicInteger COUNT = new AtomicInteger();

        static int next() {
            return COUNT.incrementAndGet();
        }
    }
}
