package io.wayfarer.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A chat socket opened with the JDK's WebSocket client; frames are collected for the test to inspect. */
final class ChatSocket implements WebSocket.Listener {

    static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final LinkedBlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
    private final List<JsonNode> stashed = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final boolean reads;
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;

    private ChatSocket(boolean reads) {
        this.reads = reads;
    }

    /** Opens a socket; {@code reads=false} never reads (so never answers pings): a dead link. */
    static ChatSocket open(int port, String ticket, boolean reads) {
        ChatSocket listener = new ChatSocket(reads);
        try {
            listener.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws/chat?ticket=" + ticket), listener)
                    .get(20, TimeUnit.SECONDS);
            return listener;
        } catch (Exception e) {
            throw new IllegalStateException("handshake failed", e);
        }
    }

    /** The HTTP status of a refused handshake (or -1 if it did not fail that way). */
    static int refusedStatus(int port, String ticket) {
        try {
            open(port, ticket, true).close();
            return 101;
        } catch (IllegalStateException e) {
            Throwable cause = e.getCause() instanceof ExecutionException ex ? ex.getCause() : e.getCause();
            return cause instanceof WebSocketHandshakeException refused ? refused.getResponse().statusCode() : -1;
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reads) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            incoming.add(json.readTree(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        webSocket.request(1);
        return null; // the JDK answers with a pong by itself
    }

    /** A socket opened with {@code reads=false} starts reading: what the server sent meanwhile arrives, then its close. */
    void startReading() {
        socket.request(1);
    }

    void send(String frame) {
        try {
            socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    void sendFrame(String type, Object... fieldsAndValues) {
        StringBuilder frame = new StringBuilder("{\"type\":\"").append(type).append('"');
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            Object value = fieldsAndValues[i + 1];
            frame.append(",\"").append(fieldsAndValues[i]).append("\":")
                    .append(value instanceof Number ? value.toString() : json.writeValueAsString(String.valueOf(value)));
        }
        send(frame.append('}').toString());
    }

    /** The next frame of this type (others are kept for later calls), failing after the timeout. */
    JsonNode next(String type) {
        return next(type, Duration.ofSeconds(15));
    }

    JsonNode next(String type, Duration timeout) {
        synchronized (stashed) {
            for (Iterator<JsonNode> it = stashed.iterator(); it.hasNext(); ) {
                JsonNode frame = it.next();
                if (frame.path("type").asString().equals(type)) {
                    it.remove();
                    return frame;
                }
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode frame = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    break;
                }
                if (frame.path("type").asString().equals(type)) {
                    return frame;
                }
                synchronized (stashed) {
                    stashed.add(frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no " + type + " frame within " + timeout + "; got " + stashed);
    }

    /** Every frame in arrival order (those passed over by {@link #next} first) up to and with the first of this type. */
    List<JsonNode> framesUntil(String type) {
        List<JsonNode> frames = new ArrayList<>();
        synchronized (stashed) {
            frames.addAll(stashed);
            stashed.clear();
        }
        if (frames.stream().anyMatch(f -> f.path("type").asString().equals(type))) {
            return frames;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode frame = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    break;
                }
                frames.add(frame);
                if (frame.path("type").asString().equals(type)) {
                    return frames;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no " + type + " frame within 15 s; got " + frames);
    }

    /** The next {@code n} message frames. */
    List<JsonNode> messages(int n) {
        List<JsonNode> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(next("message"));
        }
        return messages;
    }

    /** Whether a frame of this type arrives within the time (consumes it). */
    boolean receives(String type, Duration within) {
        try {
            next(type, within);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    int awaitClose(Duration within) {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed within " + within);
        }
    }

    boolean isOpen() {
        return !socket.isOutputClosed() && !closed.isDone();
    }

    void abort() {
        socket.abort();
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
