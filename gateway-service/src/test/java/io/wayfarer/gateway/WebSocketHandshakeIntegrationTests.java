package io.wayfarer.gateway;

import static io.wayfarer.gateway.GatewayRoutingIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.localinfra.Redis;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The chat socket's handshake at the edge (W6): a real gateway in front of a WebSocket echo backend
 * registered as chat-service in a Eureka registry of this class's own, its tickets in the JVM's real Redis
 * under the gateway's key prefix, written as chat-service writes them. Every refusal is a problem and
 * reaches nothing behind the gateway; a good handshake is proxied and the socket works end to end.
 */
class WebSocketHandshakeIntegrationTests {

    /**
     * The shape of chat-service's tickets: 43 base64url characters. Issued (live) for the whole class: the
     * echo backend never redeems it, so every handshake may use it.
     */
    private static final String TICKET = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde";
    private static final int HANDSHAKES_PER_ADDRESS = 3;
    private static final SecureRandom random = new SecureRandom();
    private static final TestSessions.Session HOLDER = new TestSessions.Session(UUID.randomUUID().toString(),
            UUID.randomUUID().toString());

    private static EurekaTestRegistry registry;
    private static StubService policy;
    private static DisposableServer echo;
    private static ConfigurableApplicationContext gateway;
    private static int port;
    private static TestSessions redis;
    private static final ConcurrentLinkedQueue<Map<String, String>> handshakes = new ConcurrentLinkedQueue<>();
    /** Each test its own client address (X-Forwarded-For from a trusted proxy), so buckets do not meet. */
    private static final AtomicInteger addresses = new AtomicInteger(1);
    private static final AtomicInteger requestIds = new AtomicInteger();

    @BeforeAll
    static void deploy() {
        assertThat(TICKET).hasSize(43);
        registry = EurekaTestRegistry.start();
        policy = StubService.start(GatewayTestBed.POLICY_SERVICE, Duration.ZERO);
        registry.register(GatewayTestBed.POLICY_SERVICE, policy.port());
        echo = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> {
                    Map<String, String> seen = new HashMap<>();
                    seen.put("uri", request.uri());
                    request.requestHeaders().forEach(header -> seen.put(header.getKey().toLowerCase(), header.getValue()));
                    handshakes.add(seen);
                    return response.sendWebsocket((in, out) -> out.sendString(in.receive().asString().map(text -> "echo:" + text)));
                })
                .bindNow();
        registry.register("chat-service", echo.port());
        Redis shared = SharedInfrastructure.redis();
        String prefix = SharedInfrastructure.freshKeyPrefix("gateway-ws");
        redis = new TestSessions(shared.host(), shared.port(), prefix);
        redis.issueChatTicket(TICKET, HOLDER, Duration.ofMinutes(30));
        gateway = GatewayTestBed.startGateway(registry, Map.of(
                "wayfarer.redis.key-prefix", prefix,
                "wayfarer.gateway.trusted-proxies", "127.0.0.1",
                "wayfarer.gateway.rate-limit.web-socket-handshake.capacity", String.valueOf(HANDSHAKES_PER_ADDRESS),
                "wayfarer.gateway.rate-limit.web-socket-handshake.refill-every", "1h"));
        port = GatewayTestBed.port(gateway);
        awaitChatService();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        echo.disposeNow();
        policy.close();
        registry.close();
        redis.close();
    }

    @Test
    void goodHandshakeIsProxiedAndTheSocketWorks() throws Exception {
        String requestId = "ws-test-good-" + requestIds.incrementAndGet();
        ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        CompletableFuture<String> firstEcho = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://localhost:3000")
                .header("X-Forwarded-For", nextAddress())
                .header("X-User-Id", "spoofed")
                .header("X-Request-Id", requestId)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/chat?ticket=" + TICKET), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.add(data.toString());
                        firstEcho.complete(data.toString());
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(20, TimeUnit.SECONDS);
        socket.sendText("hello", true).get(5, TimeUnit.SECONDS);

        assertThat(firstEcho.get(20, TimeUnit.SECONDS)).isEqualTo("echo:hello");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        Map<String, String> seen = handshakes.stream().filter(h -> requestId.equals(h.get("x-request-id"))).findFirst().orElseThrow();
        assertThat(seen.get("uri")).isEqualTo("/ws/chat?ticket=" + TICKET);
        assertThat(seen.get("origin")).isEqualTo("http://localhost:3000");
        assertThat(seen).doesNotContainKey("x-user-id");
    }

    @Test
    void liveTicketIsProxiedAndLeftForChatServiceToRedeem() {
        String ticket = aTicket();
        redis.issueChatTicket(ticket, HOLDER, Duration.ofSeconds(30));

        Handshake answer = handshake("/ws/chat?ticket=" + ticket, "Origin: http://localhost:3000");

        assertThat(answer.status()).isEqualTo(101);
        awaitReached(answer.requestId());
        assertThat(redis.redeemChatTicket(ticket)).as("the gateway only looked").isEqualTo(HOLDER.userId() + "," + HOLDER.sessionId());
    }

    @Test
    void wellFormedTicketThatRedisDoesNotHoldIsRefusedAtTheGateway() {
        // never issued
        assertRefused(handshake("/ws/chat?ticket=" + aTicket(), "Origin: http://localhost:3000"), ProblemType.UNAUTHENTICATED);
        // issued under another deployment's prefix: not this gateway's
        String foreign = aTicket();
        String foreignKey = SharedInfrastructure.freshKeyPrefix("other-deployment") + "chat:ticket:" + foreign;
        redis.redis.psetex(foreignKey, 30_000, HOLDER.userId() + "," + HOLDER.sessionId());
        try {
            assertRefused(handshake("/ws/chat?ticket=" + foreign), ProblemType.UNAUTHENTICATED);
        } finally {
            redis.redis.del(foreignKey);
        }
    }

    @Test
    void usedTicketIsRefusedAtTheGateway() {
        String ticket = aTicket();
        redis.issueChatTicket(ticket, HOLDER, Duration.ofSeconds(30));
        Handshake first = handshake("/ws/chat?ticket=" + ticket);
        assertThat(first.status()).isEqualTo(101);
        awaitReached(first.requestId());
        redis.redeemChatTicket(ticket); // what chat-service does at the handshake behind the gateway

        assertRefused(handshake("/ws/chat?ticket=" + ticket), ProblemType.UNAUTHENTICATED);
    }

    @Test
    void expiredTicketIsRefusedAtTheGateway() {
        String ticket = aTicket();
        redis.issueChatTicket(ticket, HOLDER, Duration.ofMillis(50));
        Instant deadline = Instant.now().plusSeconds(5);
        while (redis.redis.exists(redis.chatTicketKey(ticket)) > 0 && Instant.now().isBefore(deadline)) {
            Mono.delay(Duration.ofMillis(20)).block();
        }

        assertRefused(handshake("/ws/chat?ticket=" + ticket), ProblemType.UNAUTHENTICATED);
    }

    @Test
    void madeUpTicketsStillPayFromTheHandshakeBucket() {
        String address = nextAddress();
        for (int i = 0; i < HANDSHAKES_PER_ADDRESS; i++) {
            assertRefused(handshakeFrom(address, "/ws/chat?ticket=" + aTicket()), ProblemType.UNAUTHENTICATED);
        }

        Handshake flooded = handshakeFrom(address, "/ws/chat?ticket=" + TICKET);
        assertProblem(flooded.status(), flooded.header("Content-Type"), flooded.body(), ProblemType.TOO_MANY_REQUESTS);
        assertThat(Long.parseLong(flooded.header("Retry-After"))).isPositive();
        Handshake flooding = handshakeFrom(address, "/ws/chat?ticket=" + aTicket());
        assertThat(flooding.status()).as("throttled before the ticket is looked up").isEqualTo(429);
    }

    @Test
    void pageOfTheGatewaysOwnOriginMayConnect() {
        Handshake answer = handshake("/ws/chat?ticket=" + TICKET, "Host: wayfarer.test", "Origin: https://wayfarer.test");
        Handshake withPort = handshake("/ws/chat?ticket=" + TICKET, "Host: wayfarer.test:8443", "Origin: https://wayfarer.test:8443");

        assertThat(answer.status()).isEqualTo(101);
        assertThat(withPort.status()).isEqualTo(101);
        awaitReached(answer.requestId());
        awaitReached(withPort.requestId());
    }

    @Test
    void handshakeWithoutOriginIsNotFromAPageAndGoesThrough() {
        Handshake answer = handshake("/ws/chat?ticket=" + TICKET);

        assertThat(answer.status()).isEqualTo(101);
        awaitReached(answer.requestId());
    }

    @Test
    void missingTicketIsRefused() {
        assertRefused(handshake("/ws/chat"), ProblemType.UNAUTHENTICATED);
        assertRefused(handshake("/ws/chat?ticket="), ProblemType.UNAUTHENTICATED);
        assertRefused(handshake("/ws/chat?ticket"), ProblemType.UNAUTHENTICATED);
        assertRefused(handshake("/ws/chat?other=" + TICKET), ProblemType.UNAUTHENTICATED);
        assertRefused(handshake("/ws/chat?Ticket=" + TICKET), ProblemType.UNAUTHENTICATED);
    }

    @Test
    void garbageTicketIsRefused() {
        assertRefused(handshake("/ws/chat?ticket=garbage"), ProblemType.UNAUTHENTICATED);
        assertRefused(handshake("/ws/chat?ticket=" + TICKET.substring(1) + "+"), ProblemType.UNAUTHENTICATED);
        assertRefused(handshake("/ws/chat?ticket=" + TICKET.substring(1) + "="), ProblemType.UNAUTHENTICATED);
        assertRefused(handshake("/ws/chat?ticket=" + TICKET.substring(3) + "%2B"), ProblemType.UNAUTHENTICATED);
        // percent-encoded letters are not the ticket's shape either: the ticket is checked as sent
        assertRefused(handshake("/ws/chat?ticket=%41" + TICKET.substring(1)), ProblemType.UNAUTHENTICATED);
        assertRefused(handshake("/ws/chat?ticket=" + TICKET + "&ticket=" + TICKET), ProblemType.UNAUTHENTICATED);
        assertRefused(handshake("/ws/chat?ticket=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"), ProblemType.UNAUTHENTICATED);
    }

    @Test
    void oversizedTicketIsRefused() {
        assertRefused(handshake("/ws/chat?ticket=" + TICKET + "A"), ProblemType.UNAUTHENTICATED);
        assertRefused(handshake("/ws/chat?ticket=" + "A".repeat(2000)), ProblemType.UNAUTHENTICATED);
    }

    @Test
    void foreignOriginIsRefused() {
        assertRefused(handshake("/ws/chat?ticket=" + TICKET, "Origin: https://evil.example"), ProblemType.FORBIDDEN);
        assertRefused(handshake("/ws/chat?ticket=" + TICKET, "Origin: null"), ProblemType.FORBIDDEN);
        // the allowed local origins are http only, and the own origin is the Host's exactly
        assertRefused(handshake("/ws/chat?ticket=" + TICKET, "Origin: https://localhost:3000"), ProblemType.FORBIDDEN);
        assertRefused(handshake("/ws/chat?ticket=" + TICKET, "Host: wayfarer.test", "Origin: https://wayfarer.test.evil.example"),
                ProblemType.FORBIDDEN);
        assertRefused(handshake("/ws/chat?ticket=" + TICKET, "Host: wayfarer.test", "Origin: https://wayfarer.test:444"),
                ProblemType.FORBIDDEN);
        assertRefused(handshake("/ws/chat?ticket=" + TICKET, "Origin: http://localhost:3000/path"), ProblemType.FORBIDDEN);
        assertRefused(handshake("/ws/chat?ticket=" + TICKET, "Origin: http://localhost:3000", "Origin: https://evil.example"),
                ProblemType.FORBIDDEN);
    }

    @Test
    void plainGetIsNotAHandshake() {
        RawHttp.Response answer = RawHttp.get(port, "/ws/chat?ticket=" + TICKET, "X-Forwarded-For: " + nextAddress());

        assertProblem(answer.status(), answer.header("Content-Type"), answer.body(), ProblemType.MALFORMED_REQUEST);
    }

    @Test
    void handshakeFloodFromOneAddressIsThrottled() {
        String address = nextAddress();
        for (int i = 0; i < HANDSHAKES_PER_ADDRESS; i++) {
            Handshake accepted = handshakeFrom(address, "/ws/chat?ticket=" + TICKET);
            assertThat(accepted.status()).as("handshake %d", i + 1).isEqualTo(101);
            awaitReached(accepted.requestId());
        }
        Handshake flooded = handshakeFrom(address, "/ws/chat?ticket=" + TICKET);

        assertProblem(flooded.status(), flooded.header("Content-Type"), flooded.body(), ProblemType.TOO_MANY_REQUESTS);
        assertThat(Long.parseLong(flooded.header("Retry-After"))).isPositive();
        Handshake other = handshakeFrom(nextAddress(), "/ws/chat?ticket=" + TICKET);
        assertThat(other.status()).as("another address").isEqualTo(101);
        awaitReached(other.requestId());
        assertThat(reached(flooded.requestId())).isFalse();
    }

    @Test
    void pathTricksAreRefused() {
        String query = "?ticket=" + TICKET;
        for (String target : List.of("/ws/chat%2f" + query, "/ws%2fchat" + query, "/ws/../ws/chat" + query,
                "/ws/./chat" + query, "/ws/%2e%2e/ws/chat" + query, "//ws/chat" + query, "/ws//chat" + query,
                "/ws/chat;x=y" + query, "/ws/chat%00" + query, "/ws\\chat" + query)) {
            assertRefused(handshake(target), ProblemType.MALFORMED_REQUEST);
        }
        for (String target : List.of("/WS/CHAT" + query, "/ws/Chat" + query, "/ws/chat/" + query, "/ws/chat/x" + query,
                "/ws/chat.." + query)) {
            assertRefused(handshake(target), ProblemType.NOT_FOUND);
        }
        // an encoded letter is normalised to the canonical path: checked like /ws/chat
        assertRefused(handshake("/ws/%63hat?ticket=garbage"), ProblemType.UNAUTHENTICATED);
        assertRefused(handshake("/ws/%63hat?ticket=" + TICKET, "Origin: https://evil.example"), ProblemType.FORBIDDEN);
    }

    private void assertRefused(Handshake answer, ProblemType type) {
        assertProblem(answer.status(), answer.header("Content-Type"), answer.body(), type);
    }

    /** A ticket as chat-service makes them (32 random bytes, base64url unpadded); not issued. */
    private static String aTicket() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String nextAddress() {
        return "198.51.100." + addresses.getAndIncrement();
    }

    /** {@code requestId}: the {@code X-Request-Id} it was sent with, which the gateway forwards. */
    record Handshake(int status, Map<String, String> headers, String body, String requestId) {

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private static Handshake handshake(String target, String... headerLines) {
        return handshakeFrom(nextAddress(), target, headerLines);
    }

    /** A raw WebSocket upgrade request; reads the answer's head (and its body when not 101), then closes. */
    private static Handshake handshakeFrom(String address, String target, String... headerLines) {
        String requestId = "ws-test-" + requestIds.incrementAndGet();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\n");
            if (List.of(headerLines).stream().noneMatch(line -> line.startsWith("Host:"))) {
                request.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            request.append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                    .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                    .append("X-Forwarded-For: ").append(address).append("\r\n")
                    .append("X-Request-Id: ").append(requestId).append("\r\n");
            for (String header : headerLines) {
                request.append(header).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
            }
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String body = "";
            if (status != 101 && headers.containsKey("content-length")) {
                body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
            }
            if (status != 101) {
                // refused before any upgrade: the gateway never opened a connection to chat-service for it
                assertThat(reached(requestId)).as("reached chat-service: " + target).isFalse();
            }
            return new Handshake(status, headers, body, requestId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean reached(String requestId) {
        return handshakes.stream().anyMatch(seen -> requestId.equals(seen.get("x-request-id")));
    }

    /** The gateway answers 101 before it connects to chat-service (Spring Cloud Gateway's WebSocket proxying). */
    private static void awaitReached(String requestId) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!reached(requestId)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("handshake " + requestId + " never reached chat-service");
            }
            Mono.delay(Duration.ofMillis(20)).block();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed in the head: " + head);
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : next == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void awaitChatService() {
        DiscoveryClient discovery = gateway.getBean(DiscoveryClient.class);
        Instant deadline = Instant.now().plusSeconds(20);
        while (discovery.getInstances("chat-service").isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the gateway never saw chat-service");
            }
            Mono.delay(Duration.ofMillis(100)).block();
        }
    }
}
