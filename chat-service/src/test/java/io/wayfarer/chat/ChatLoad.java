package io.wayfarer.chat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.wayfarer.platform.localinfra.Postgres;
import io.wayfarer.platform.localinfra.Redis;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * The chat benchmark (chat-service/BENCHMARK.md). Starts PostgreSQL/Redis/Kafka (machine or embedded),
 * runs two chat-service JVMs from the built jar, then:
 * <ol>
 * <li>opens N idle sockets to instance A spread over 127.0.0.1..127.0.0.4, holds them, and measures A's
 *     heap after a full GC (jcmd GC.run + actuator) before and after: heap per idle socket;</li>
 * <li>sends messages at a fixed rate from senders on A to receivers on B and measures send-to-receive
 *     latency (same JVM clock on both ends).</li>
 * </ol>
 * Usage: {@code ChatLoad <idleSockets> <messagesPerSecond> <seconds> <pairs>} (0 idle sockets: latency only)
 */
public final class ChatLoad {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final StandIns standIns = StandIns.get();

    public static void main(String[] args) throws Exception {
        int idle = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int pairs = Integer.parseInt(args[3]);
        Postgres postgres = SharedInfrastructure.postgres();
        Redis redisServer = SharedInfrastructure.redis();
        String kafka = SharedInfrastructure.kafka().bootstrapServers();
        String database = SharedInfrastructure.freshDatabase("chatbench");
        String prefix = SharedInfrastructure.freshKeyPrefix("chatbench");
        List<String> common = List.of("--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.user(), "--spring.datasource.password=" + postgres.password(),
                "--spring.data.redis.host=" + redisServer.host(), "--spring.data.redis.port=" + redisServer.port(),
                "--wayfarer.redis.key-prefix=" + prefix, "--spring.kafka.bootstrap-servers=" + kafka,
                "--wayfarer.identity.jwks-uri=" + standIns.base() + "/.well-known/jwks.json",
                "--spring.cloud.discovery.client.simple.instances.catalog-service[0].uri=" + standIns.base(),
                "--eureka.client.enabled=false", "--wayfarer.chat.max-connections-per-user=100000",
                "--server.address=0.0.0.0", "--logging.level.root=WARN");
        Process a = start(18184, common);
        Process b = start(18185, common);
        try (RedisClient redisClient = RedisClient.create("redis://" + redisServer.host() + ":" + redisServer.port());
                var connection = redisClient.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            awaitUp(18184);
            awaitUp(18185);
            System.out.printf("instances up; machine: %d cores, JDK %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            if (idle > 0) {
                idlePhase(redis, prefix, a, 18184, idle);
            }
            latencyPhase(redis, prefix, 18184, 18185, rate, seconds, pairs);
        } finally {
            a.destroy();
            b.destroy();
            a.waitFor(30, TimeUnit.SECONDS);
            b.waitFor(30, TimeUnit.SECONDS);
            postgres.dropDatabase(database);
        }
        System.exit(0);
    }

    private static void idlePhase(RedisCommands<String, String> redis, String prefix, Process server, int port, int n)
            throws Exception {
        TestUser[] users = new TestUser[Math.max(1, n / 100)];
        for (int i = 0; i < users.length; i++) {
            users[i] = user(redis, prefix);
        }
        long before = heapAfterGc(server, port);
        long threadsBefore = metric(port, "jvm.threads.live");
        List<Sock> sockets = new ArrayList<>();
        Semaphore inFlight = new Semaphore(200);
        List<CompletableFuture<Sock>> opening = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            TestUser user = users[i % users.length];
            String host = "127.0.0." + (1 + i % 4);
            inFlight.acquire();
            opening.add(open(host, port, ticket(port, user), null)
                    .whenComplete((s, e) -> inFlight.release()));
        }
        int failed = 0;
        for (CompletableFuture<Sock> future : opening) {
            try {
                sockets.add(future.get(60, TimeUnit.SECONDS));
            } catch (Exception e) {
                failed++;
            }
        }
        double openSeconds = (System.nanoTime() - started) / 1e9;
        Thread.sleep(35_000); // hold them idle past a ping round (25 s)
        long after = heapAfterGc(server, port);
        long open = sockets.stream().filter(s -> !s.closed.isDone()).count();
        System.out.printf("IDLE: requested %d, open after 35 s idle: %d, failed %d, opened in %.1f s%n", n, open, failed,
                openSeconds);
        System.out.printf("IDLE: heap after full GC %d MiB -> %d MiB: %.1f KiB per idle socket; live threads %d -> %d%n",
                before >> 20, after >> 20, (after - before) / 1024.0 / Math.max(1, open), threadsBefore,
                metric(port, "jvm.threads.live"));
        sockets.forEach(s -> s.socket.abort());
    }

    private static void latencyPhase(RedisCommands<String, String> redis, String prefix, int portA, int portB, int rate,
            int seconds, int pairs) throws Exception {
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>(); // {sent at, latency}
        AtomicLong received = new AtomicLong();
        List<Sock> senders = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            TestUser traveller = user(redis, prefix);
            TestUser expertUser = user(redis, prefix);
            long expertId = standIns.newExpert(expertUser.userId(), "Expert " + i).id();
            String conversation = ChatApi.body(post(portA, "/v1/conversations", "{\"expertId\":" + expertId + "}", traveller))
                    .path("id").asString();
            conversations.add(conversation);
            senders.add(open("127.0.0.1", portA, ticket(portA, traveller), null).get(30, TimeUnit.SECONDS));
            open("127.0.0.2", portB, ticket(portB, expertUser), frame -> {
                if (frame.path("type").asString().equals("message")) {
                    long sentAt = Long.parseLong(frame.path("text").asString());
                    latencies.add(new long[] {sentAt, System.nanoTime() - sentAt});
                    received.incrementAndGet();
                }
            }).get(30, TimeUnit.SECONDS);
        }
        // warm-up at the same rate, not measured: the JIT compiles the send and delivery paths first, as
        // in a running service (CHAT_BENCH_WARMUP_SECONDS, default 10; 0 measures a cold start too)
        int warmup = Integer.parseInt(System.getenv().getOrDefault("CHAT_BENCH_WARMUP_SECONDS", "10"));
        if (warmup > 0) {
            sendAtRate(senders, conversations, rate, warmup, "w");
            awaitReceived(received, (long) rate * warmup);
            System.out.printf("LATENCY: warm-up %d s at %d msg/s done (not measured)%n", warmup, rate);
            latencies.clear();
            received.set(0);
        }
        int total = rate * seconds;
        long start = System.nanoTime();
        double sendSeconds = sendAtRate(senders, conversations, rate, seconds, "b");
        awaitReceived(received, total);
        List<long[]> measured = new ArrayList<>(latencies);
        long[] sorted = measured.stream().mapToLong(m -> m[1]).sorted().toArray();
        System.out.printf("LATENCY: %d pairs, A->B, target %d msg/s for %d s: sent %d in %.1f s (%.0f msg/s), received %d%n",
                pairs, rate, seconds, total, sendSeconds, total / sendSeconds, received.get());
        System.out.printf("LATENCY: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9), sorted[sorted.length - 1] / 1e6);
        // the same per 5 s of sending, to tell a steady tail from a start-up one
        for (int window = 0; window * 5 < seconds; window++) {
            long from = start + window * 5_000_000_000L;
            long to = from + 5_000_000_000L;
            long[] part = measured.stream().filter(m -> m[0] >= from && m[0] < to).mapToLong(m -> m[1]).sorted().toArray();
            if (part.length > 0) {
                System.out.printf("LATENCY: %2d-%2d s: %d messages, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", window * 5,
                        window * 5 + 5, part.length, pct(part, 50), pct(part, 99), part[part.length - 1] / 1e6);
            }
        }
    }

    /** Sends {@code rate} messages a second for {@code seconds}, round-robin over the pairs; the sending time. */
    private static double sendAtRate(List<Sock> senders, List<String> conversations, int rate, int seconds, String tag)
            throws InterruptedException {
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int pair = i % senders.size();
            senders.get(pair).send("{\"type\":\"send\",\"conversationId\":\"" + conversations.get(pair)
                    + "\",\"clientId\":\"" + tag + i + "\",\"text\":\"" + System.nanoTime() + "\"}");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void awaitReceived(AtomicLong received, long expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (received.get() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    // --- plumbing ---

    private static Process start(int port, List<String> common) throws Exception {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx1g"));
        // e.g. CHAT_BENCH_JVM_OPTS="-XX:StartFlightRecording=filename=chat-service/target/bench-%p.jfr,settings=profile"
        String extra = System.getenv().getOrDefault("CHAT_BENCH_JVM_OPTS", "").replace("%p", String.valueOf(port));
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", "chat-service/target/chat-service.jar", "--server.port=" + port));
        command.addAll(common);
        File log = new File("chat-service/target/bench-" + port + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static void awaitUp(int port) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (get(port, "/actuator/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("instance on " + port + " did not start; see chat-service/target/bench-" + port + ".log");
    }

    private static long heapAfterGc(Process server, int port) throws Exception {
        for (int i = 0; i < 2; i++) {
            new ProcessBuilder(System.getProperty("java.home") + "/bin/jcmd", String.valueOf(server.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            Thread.sleep(1000);
        }
        return metric(port, "jvm.memory.used?tag=area:heap");
    }

    private static long metric(int port, String name) throws Exception {
        JsonNode body = ChatApi.body(get(port, "/actuator/metrics/" + name));
        return (long) body.path("measurements").get(0).path("value").asDouble();
    }

    private static TestUser user(RedisCommands<String, String> redis, String prefix) {
        UUID userId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        redis.hset(prefix + "session:" + sessionId, Map.of("uid", userId.toString(), "roles", "TRAVELLER", "status", "active"));
        return new TestUser(userId, sessionId, standIns.token(userId, sessionId, Instant.now().plusSeconds(3600)),
                List.of("TRAVELLER"));
    }

    private static String ticket(int port, TestUser user) throws Exception {
        return ChatApi.body(post(port, "/v1/chat/tickets", null, user)).path("ticket").asString();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String body, TestUser user) throws Exception {
        return new ChatApi(port).post(path, body, user);
    }

    private static CompletableFuture<Sock> open(String host, int port, String ticket,
            java.util.function.Consumer<JsonNode> onFrame) {
        Sock sock = new Sock(onFrame);
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://" + host + ":" + port + "/ws/chat?ticket=" + ticket), sock)
                .thenApply(ws -> {
                    sock.socket = ws;
                    return sock;
                });
    }

    private static final class Sock implements WebSocket.Listener {
        final java.util.function.Consumer<JsonNode> onFrame;
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;

        Sock(java.util.function.Consumer<JsonNode> onFrame) {
            this.onFrame = onFrame;
        }

        synchronized void send(String frame) {
            socket.sendText(frame, true).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (onFrame != null) {
                partial.append(data);
                if (last) {
                    onFrame.accept(ChatSocket.json.readTree(partial.toString()));
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
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
    }

    private ChatLoad() {
    }

}
