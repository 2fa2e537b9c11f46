package io.wayfarer.deploy.drill;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What chat-service's {@code session.revoked} consumer does, seen from outside: it broadcasts the session id on
 * its Redis channel (every instance then closes that session's sockets). The drill subscribes to that channel
 * (plain RESP over a socket: the drill has no Redis client) and counts broadcasts per session id, so the effect
 * of the {@code wayfarer.auth.sessions} flow can be held against the events produced. Subscribing again after
 * Redis restarts leaves a gap in which a broadcast can be missed, and the consumer publishes before it commits
 * (a redelivery after a failed commit broadcasts again, harmlessly): so these counts are reported, not asserted.
 */
final class RevocationWatch implements AutoCloseable {

    /** ChatKeys.revocationsChannel() with the drill's empty key prefix. */
    static final String CHANNEL = "chat:revoked-sessions";

    private final int port;
    private final Map<String, AtomicInteger> broadcasts = new ConcurrentHashMap<>();
    final AtomicInteger subscriptions = new AtomicInteger();
    private final Thread reader;
    private volatile Socket socket;
    private volatile boolean stopped;

    private RevocationWatch(int port) {
        this.port = port;
        this.reader = new Thread(this::listen, "drill-revocation-watch");
        this.reader.setDaemon(true);
    }

    static RevocationWatch start(int redisPort) {
        RevocationWatch watch = new RevocationWatch(redisPort);
        watch.reader.start();
        return watch;
    }

    /** Broadcasts seen for this session id. */
    int broadcastsOf(String sessionId) {
        AtomicInteger count = broadcasts.get(sessionId);
        return count == null ? 0 : count.get();
    }

    private void listen() {
        while (!stopped) {
            try (Socket connection = new Socket()) {
                connection.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket = connection;
                connection.getOutputStream().write(command("SUBSCRIBE", CHANNEL));
                InputStream in = new BufferedInputStream(connection.getInputStream());
                while (!stopped) {
                    if (read(in) instanceof List<?> push && push.size() == 3) {
                        if ("message".equals(push.get(0)) && push.get(2) instanceof String sessionId) {
                            broadcasts.computeIfAbsent(sessionId, id -> new AtomicInteger()).incrementAndGet();
                        } else if ("subscribe".equals(push.get(0))) {
                            subscriptions.incrementAndGet();
                        }
                    }
                }
            } catch (IOException e) {
                Account.sleep(200); // Redis is down or restarting: subscribe again
            }
        }
    }

    private static byte[] command(String... words) {
        StringBuilder resp = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            resp.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One RESP2 value: arrays as lists, bulk and simple strings as strings, integers as longs. */
    static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("Redis closed the connection");
        }
        String line = line(in);
        return switch (type) {
            case '*' -> {
                int size = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    items.add(read(in));
                }
                yield size < 0 ? null : items;
            }
            case '$' -> {
                int size = Integer.parseInt(line);
                if (size < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(size);
                line(in);
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            case ':' -> Long.parseLong(line);
            case '+', '-' -> line;
            default -> throw new IOException("not RESP: " + (char) type);
        };
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\r'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("Redis closed the connection");
            }
            bytes.write(b);
        }
        in.read(); // '\n'
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stopped = true;
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
