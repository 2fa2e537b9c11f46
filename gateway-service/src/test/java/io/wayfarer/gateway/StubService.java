package io.wayfarer.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wayfarer.platform.policy.PolicySnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny real HTTP backend standing in for a Wayfarer service behind the gateway. It answers
 * {@code GET /v1/about/<service>}, its OpenAPI document at {@value #API_DOCS_PATH}, a slow endpoint, a downstream problem, a JWK set (as auth-service
 * does), the RBAC policy snapshot and version (as rbac-service does), and remembers every request it received (path, headers, body) so tests can see what the
 * gateway forwarded.
 */
final class StubService implements AutoCloseable {

    static final String SLOW_PATH = "/v1/trips/slow";
    static final String CONFLICT_PATH = "/v1/trips/conflict";
    static final String CONFLICT_BODY = "{\"type\":\"https://wayfarer.io/problems/seat-taken\",\"title\":\"Seat taken\","
            + "\"status\":409,\"detail\":\"Seat 3A is taken.\",\"instance\":\"/v1/trips/conflict\"}";

    static final String JWKS_PATH = "/.well-known/jwks.json";
    static final String LOGIN_PATH = "/v1/auth/login";
    /** A login for an account named {@code outage-...} is answered 503, as auth-service does when it cannot check it. */
    static final String UNAVAILABLE_ACCOUNT_PREFIX = "\"account\":\"outage-";
    static final String UNAVAILABLE_BODY = "{\"type\":\"https://wayfarer.io/problems/service-unavailable\","
            + "\"title\":\"Service unavailable\",\"status\":503}";
    /** springdoc's OpenAPI document, as catalog-service serves it. */
    static final String API_DOCS_PATH = "/v3/api-docs";
    static final String POLICY_PATH = "/internal/v1/policy";
    static final String POLICY_VERSION_PATH = "/internal/v1/policy/version";
    private static final JsonMapper json = JsonMapper.builder().build();

    record Received(String method, String rawPath, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        boolean hasHeaderStartingWith(String prefix) {
            return headers.keySet().stream().anyMatch(name -> name.regionMatches(true, 0, prefix, 0, prefix.length()));
        }
    }

    final String service;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stub-service");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final Duration slowness;
    private volatile String jwks = TestTokens.jwks(TestTokens.SIGNING_KEY);
    private volatile PolicySnapshot policy = TestPolicy.seeded(1);

    private StubService(String service, Duration slowness) {
        this.service = service;
        this.slowness = slowness;
        try {
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static StubService start(String service, Duration slowness) {
        return new StubService(service, slowness);
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** What it answers at {@value #JWKS_PATH} from now on. */
    void publishKeys(String jwkSet) {
        this.jwks = jwkSet;
    }

    /**
     * What it answers at {@value #POLICY_PATH} (ETag = version, 304 on a matching If-None-Match) and
     * {@value #POLICY_VERSION_PATH} from now on, as rbac-service does.
     */
    void publishPolicy(PolicySnapshot snapshot) {
        this.policy = snapshot;
    }

    long policyFetches() {
        return received.stream().filter(r -> r.rawPath().equals(POLICY_PATH)).count();
    }

    long jwksFetches() {
        return received.stream().filter(r -> r.rawPath().equals(JWKS_PATH)).count();
    }

    Received receivedWithRequestId(String requestId) {
        return received.stream().filter(r -> requestId.equals(r.header("X-Request-Id"))).findFirst().orElse(null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), path, Map.copyOf(exchange.getRequestHeaders()), body));
        try (exchange) {
            PolicySnapshot current = policy;
            String tag = "\"" + current.version() + "\"";
            if (path.equals(POLICY_PATH)) {
                exchange.getResponseHeaders().set("ETag", tag);
                if (tag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                } else {
                    respond(exchange, 200, "application/json", json.writeValueAsString(current));
                }
            } else if (path.equals(POLICY_VERSION_PATH)) {
                respond(exchange, 200, "application/json", "{\"version\":" + current.version() + "}");
            } else if (path.equals(JWKS_PATH)) {
                respond(exchange, 200, "application/jwk-set+json", jwks);
            } else if (path.equals(SLOW_PATH)) {
                sleep();
                respond(exchange, 200, "application/json", "{\"slow\":true}");
            } else if (path.equals(API_DOCS_PATH)) {
                respond(exchange, 200, "application/json", "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + service
                        + "\",\"version\":\"v1\"},\"paths\":{}}");
            } else if (path.equals(LOGIN_PATH) && body.contains(UNAVAILABLE_ACCOUNT_PREFIX)) {
                respond(exchange, 503, "application/problem+json", UNAVAILABLE_BODY);
            } else if (path.equals(CONFLICT_PATH)) {
                respond(exchange, 409, "application/problem+json", CONFLICT_BODY);
            } else if (path.equals("/v1/about/" + service)) {
                respond(exchange, 200, "application/json",
                        "{\"service\":\"" + service + "\",\"instance\":\"127.0.0.1:" + port() + "\"}");
            } else {
                respond(exchange, 200, "application/json", "{\"service\":\"" + service + "\",\"path\":\"" + path + "\"}");
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(slowness.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Request-Id", "stub-made-this-up");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(bytes.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Stops accepting connections: a killed instance whose registration is still in Eureka. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
