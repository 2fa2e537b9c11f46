package io.wayfarer.platform.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.RedisServerBuilder;

/**
 * A real Redis server for local runs and tests: the machine's own when it answers PING on
 * {@code WAYFARER_REDIS_HOST:WAYFARER_REDIS_PORT} (default 127.0.0.1:6379), otherwise an
 * embedded Redis 7 binary shipped in a Maven artifact.
 */
public final class Redis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Redis.class);

    private final String host;
    private final int port;
    private final RedisServer embedded;

    private Redis(String host, int port, RedisServer embedded) {
        this.host = host;
        this.port = port;
        this.embedded = embedded;
    }

    /**
     * @param embeddedPort  port for an embedded server, 0 for any free port
     * @param dataDirectory where an embedded server keeps an append-only file, so its data
     *                      survives a restart; {@code null} to keep nothing
     */
    public static Redis startOrConnect(int embeddedPort, Path dataDirectory) {
        String host = LocalSettings.get("WAYFARER_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(LocalSettings.get("WAYFARER_REDIS_PORT", "6379"));
        if (!LocalSettings.forceEmbedded() && answersPing(host, port)) {
            log.info("Using Redis at {}:{}", host, port);
            return new Redis(host, port, null);
        }
        int chosen = embeddedPort == 0 ? freePort() : embeddedPort;
        try {
            RedisServerBuilder builder = RedisServer.builder().bind("127.0.0.1").port(chosen).setting("save \"\"");
            if (dataDirectory == null) {
                builder.setting("appendonly no");
            } else {
                Files.createDirectories(dataDirectory);
                builder.setting("dir " + dataDirectory.toAbsolutePath()).setting("appendonly yes");
            }
            RedisServer server = builder.build();
            server.start();
            log.info("Started embedded Redis on port {}", chosen);
            return new Redis("127.0.0.1", chosen, server);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start embedded Redis", e);
        }
    }

    static boolean answersPing(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.stop();
            } catch (RuntimeException e) {
                log.warn("Could not stop embedded Redis: {}", e.getMessage());
            }
        }
    }
}
