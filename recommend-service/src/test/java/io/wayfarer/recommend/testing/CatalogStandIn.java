package io.wayfarer.recommend.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * catalog-service's public {@code GET /v1/trips/{id}} as recommend-service sees it: published trips answer 200,
 * anything else 404 (as for an anonymous caller). Counts the calls, so a test can see the projection was used.
 */
public final class CatalogStandIn implements AutoCloseable {

    private static CatalogStandIn shared;

    private final HttpServer server;
    private final Map<Long, String> titles = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    private CatalogStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** One per test JVM. */
    public static synchronized CatalogStandIn get() {
        if (shared == null) {
            try {
                shared = new CatalogStandIn();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-catalog-stand-in"));
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A published trip only catalog-service knows (no product event reached recommend-service). */
    public void publish(long tripId, String title) {
        titles.put(tripId, title);
    }

    public int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            String[] path = exchange.getRequestURI().getPath().split("/");
            String title = path.length == 4 && path[2].equals("trips") ? titles.get(parse(path[3])) : null;
            if (title == null) {
                send(exchange, 404, "{\"type\":\"https://wayfarer.io/problems/not-found\",\"status\":404}");
                return;
            }
            Map<String, Object> trip = new LinkedHashMap<>();
            trip.put("id", Long.parseLong(path[3]));
            trip.put("title", title);
            trip.put("destinationId", 77);
            trip.put("price", 888.00);
            trip.put("currency", "CNY");
            trip.put("coverImageUrl", "https://img.example/feign.jpg");
            trip.put("status", "published");
            trip.put("version", 3);
            send(exchange, 200, RecommendApi.json.writeValueAsString(trip));
        }
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
