package io.wayfarer.deploy.bench;

import io.wayfarer.platform.localinfra.Kafka;
import io.wayfarer.platform.localinfra.Postgres;
import io.wayfarer.platform.localinfra.Redis;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat benchmark (W6) through the gateway, with the real jars: discovery, one gateway, auth, rbac,
 * catalog and two chat-service instances (A and B), throwaway databases, its own Redis key prefix and an
 * in-JVM Kafka broker. Every user, token, ticket and socket goes through the gateway, as a browser's do.
 * <ol>
 * <li><b>Idle:</b> with only instance A started (the gateway balances round robin, so that is how every
 *     socket lands on A), opens N sockets through the gateway to 127.0.0.1..127.0.0.4 (JDK 17's HttpClient
 *     cannot pick its source address, so the sockets are spread over four destination addresses of the
 *     gateway: four address pairs of ~28k ports each), holds them 35 s, and measures A's heap (and the
 *     gateway's) after a full GC before and after: heap per idle socket.</li>
 * <li><b>Latency:</b> starts B, then P traveller/expert pairs: each traveller's socket reconnected until it
 *     lands on A, each expert's until it lands on B (told by the instances' {@code chat.connections}
 *     gauges). Warm-up at the rate (not measured), then messages at a fixed rate, each carrying its send
 *     time; latency = receive − send on this JVM's clock. Path: client → gateway → A (store, ack) →
 *     Redis pub/sub → B → gateway → client.</li>
 * </ol>
 * The edge's and chat's limits that a load of one machine would hit (handshakes per address, tickets per
 * user, sockets per user, frames per socket) are raised for these processes only, through their
 * environment variables; nothing in the services' defaults changes.
 * <p>
 * Usage: {@code ChatGatewayLoad <idleSockets> <messagesPerSecond> <seconds> <pairs>} (0 idle sockets: latency
 * only); env {@code CHAT_BENCH_WARMUP_SECONDS} (default 30), {@code CHAT_BENCH_JVM_OPTS} (added to the chat
 * and gateway JVMs, {@code %p} = the port), {@code CHAT_BENCH_SOCKETS_PER_USER} (default 100),
 * {@code CHAT_BENCH_GATEWAYS} (default 1; see {@link #GATEWAYS}). System
 * property {@code wayfarer.root}: the repository (default: the working directory). Run it with
 * {@code deploy/bench/chat-through-gateway.sh}.
 */
public final class ChatGatewayLoad {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PASSWORD = "Kyoto-Food-Walk-42";
    private static final String[] ADDRESSES = {"127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4"};
    private static final int IN_FLIGHT = 200;
    private static final Duration START_WITHIN = Duration.ofMinutes(6);
    /**
     * Gateways in front (default 1). A proxied socket holds two descriptors in the gateway (client and
     * chat-service side); where a process may open at most 20,000 files ({@code ulimit -n}, hard), one
     * gateway cannot carry 10,000 sockets, and two share them (socket i through gateway i mod G).
     */
    private static final int GATEWAYS = Integer.parseInt(System.getenv().getOrDefault("CHAT_BENCH_GATEWAYS", "1"));

    private final Path root = Path.of(System.getProperty("wayfarer.root", ".")).toAbsolutePath().normalize();
    private final Path work = root.resolve("deploy/target/chat-gateway-bench");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "bench:chatgw:" + suffix + ":";
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final List<Jvm> jvms = new ArrayList<>();
    private final String demoPassword = "Demo-" + UUID.randomUUID();
    private final int socketsPerUser = Integer.parseInt(System.getenv().getOrDefault("CHAT_BENCH_SOCKETS_PER_USER", "100"));
    private Map<String, String> common;
    /** The gateways, each with its actuator port; the first one serves every HTTP call of the tool. */
    private final List<Jvm> gateways = new ArrayList<>();
    private final List<Integer> gatewayManagements = new ArrayList<>();
    private Jvm gateway;
    private int discoveryPort;
    private Jvm chatA;
    private Jvm chatB;
    private Postgres postgres;
    private Redis redis;
    private Kafka kafka;
    private String admin;
    private boolean closed;
    private final AtomicLong ticketRetries = new AtomicLong();

    /** One service JVM started from its jar. */
    private record Jvm(String name, int port, Process process, Path log) {
    }

    public static void main(String[] args) throws Exception {
        int idle = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int pairs = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(System.getenv().getOrDefault("CHAT_BENCH_WARMUP_SECONDS", "30"));
        ChatGatewayLoad load = new ChatGatewayLoad();
        // Ctrl-C too stops the services and drops the run's databases and keys
        Runtime.getRuntime().addShutdownHook(new Thread(load::close));
        int status = 0;
        try {
            load.start(rate, pairs);
            System.out.printf("system up; machine: %d cores, JDK %s; logs in %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), load.work.resolve("logs"));
            if (idle > 0) {
                load.idlePhase(idle);
            }
            load.startB();
            load.latencyPhase(rate, seconds, pairs, warmup);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            status = 1;
        } finally {
            load.close();
        }
        System.exit(status);
    }

    // --- the system ---

    private void start(int rate, int pairs) throws Exception {
        Files.createDirectories(work.resolve("logs"));
        if (Files.isDirectory(work.resolve("jars"))) {
            try (var old = Files.walk(work.resolve("jars"))) {
                for (Path path : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        postgres = Postgres.startOrConnect(null, 0);
        redis = Redis.startOrConnect(0, null);
        kafka = Kafka.start(1);
        for (String service : List.of("auth", "rbac", "catalog", "chat")) {
            databases.put(service + "-service", "t_bench_" + service + "_" + suffix);
        }
        databases.values().forEach(postgres::createDatabaseIfMissing);

        discoveryPort = freePort();
        Jvm discovery = launch("discovery-server", discoveryPort, Map.of(), false);
        String eurekaUrl = "http://localhost:" + discoveryPort + "/eureka/";
        await("discovery-server", discovery, () -> status("http://localhost:" + discoveryPort + "/eureka/apps") == 200);

        common = new LinkedHashMap<>();
        common.put("DB_HOST", postgres.host());
        common.put("DB_PORT", String.valueOf(postgres.port()));
        common.put("DB_USER", postgres.user());
        common.put("DB_PASSWORD", postgres.password());
        common.put("DB_POOL_SIZE", "4");
        common.put("REDIS_HOST", redis.host());
        common.put("REDIS_PORT", String.valueOf(redis.port()));
        common.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        common.put("EUREKA_URL", eurekaUrl);
        common.put("WAYFARER_REDIS_KEYPREFIX", prefix);
        common.put("SPRING_PROFILES_ACTIVE", "local");
        common.put("WAYFARER_DEMO_PASSWORD", demoPassword);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        common.put("WAYFARER_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));

        // the edge's buckets are per user and per client address; one load generator on one address would
        // empty them at once (handshakes: 20, then 1 a second). Raised for this run only.
        for (int i = 0; i < GATEWAYS; i++) {
            Map<String, String> edge = new LinkedHashMap<>(common);
            gatewayManagements.add(freePort());
            edge.put("MANAGEMENT_PORT", String.valueOf(gatewayManagements.get(i)));
            for (String bucket : List.of("USER", "ANONYMOUS", "LOGIN_ACCOUNT", "LOGIN_IP", "WS_HANDSHAKE")) {
                edge.put("GATEWAY_RL_" + bucket + "_CAPACITY", "1000000");
                edge.put("GATEWAY_RL_" + bucket + "_REFILL_EVERY", "1ms");
            }
            gateways.add(launch("gateway-service", freePort(), edge, true));
        }
        gateway = gateways.get(0);
        List<Jvm> backends = new ArrayList<>();
        for (String name : List.of("auth-service", "rbac-service", "catalog-service")) {
            backends.add(launch(name, freePort(), common, false));
        }
        chatA = launch("chat-service", freePort(), chatEnvironment(rate, pairs), true);
        backends.add(chatA);
        for (Jvm backend : backends) {
            await(backend.name(), backend, () -> status("http://localhost:" + backend.port() + "/actuator/health/readiness") == 200);
        }
        for (int i = 0; i < GATEWAYS; i++) {
            Jvm edge = gateways.get(i);
            int management = gatewayManagements.get(i);
            await("gateway-service", edge, () -> status("http://localhost:" + management + "/actuator/health/readiness") == 200);
            for (Jvm backend : backends) {
                await("a route to " + backend.name(), edge,
                        () -> status("http://localhost:" + edge.port() + "/v1/about/" + backend.name()) == 200);
            }
        }
        admin = login("admin", demoPassword);
    }

    /**
     * Sockets per user: the idle phase puts {@code CHAT_BENCH_SOCKETS_PER_USER} on each user (default 5
     * per user). Frames per socket: each traveller sends rate/pairs a second (default 10, burst 30).
     */
    private Map<String, String> chatEnvironment(int rate, int pairs) {
        Map<String, String> chat = new LinkedHashMap<>(common);
        chat.remove("DB_POOL_SIZE"); // the service's own pool (10), as in production
        chat.put("CHAT_MAX_CONNECTIONS_PER_USER", String.valueOf(Math.max(5, socketsPerUser)));
        int perSocket = (int) Math.ceil((double) rate / Math.max(1, pairs));
        chat.put("CHAT_FRAMES_PER_SECOND", String.valueOf(Math.max(10, 2 * perSocket)));
        chat.put("CHAT_FRAME_BURST", String.valueOf(Math.max(30, 4 * perSocket)));
        return chat;
    }

    /** B joins after the idle phase; the gateway sees it once Eureka and its load balancer cache (5 s) do. */
    private void startB() throws Exception {
        chatB = launch("chat-service", freePort(), chatEnvironment(0, 1), true);
        await("chat-service B", chatB, () -> status("http://localhost:" + chatB.port() + "/actuator/health/readiness") == 200);
        await("two chat-service instances in Eureka", chatB, () -> {
            HttpResponse<String> apps = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + discoveryPort + "/eureka/apps/CHAT-SERVICE")).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return apps.statusCode() == 200 && apps.body().split("\"status\":\"UP\"", -1).length - 1 >= 2;
        });
        Thread.sleep(12_000); // the gateway's registry fetch (5 s) and load balancer cache (5 s)
    }

    private Jvm launch(String name, int port, Map<String, String> environment, boolean measured) throws IOException {
        Path jar = snapshot(name);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (measured) {
            // the JVMs under test: G1 and C2 as in production, room for 10,000 sockets
            command.add("-Xmx1g");
            String extra = System.getenv().getOrDefault("CHAT_BENCH_JVM_OPTS", "").replace("%p", String.valueOf(port));
            if (!extra.isBlank()) {
                command.addAll(List.of(extra.trim().split("\\s+")));
            }
        } else {
            // the supporting cast: the local launcher's footprint flags (deploy's JvmOptions)
            command.addAll(List.of("-Xms32m", "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        }
        Path tmp = work.resolve("tmp");
        Files.createDirectories(tmp);
        command.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-Dfile.encoding=UTF-8", "-jar", jar.toString()));
        Path log = work.resolve("logs").resolve(name + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        List.of("PORT", "DB_NAME", "EUREKA_URL").forEach(builder.environment()::remove);
        builder.environment().putAll(environment);
        builder.environment().put("PORT", String.valueOf(port));
        if (databases.containsKey(name)) {
            builder.environment().put("DB_NAME", databases.get(name));
        }
        Jvm jvm = new Jvm(name, port, builder.start(), log);
        jvms.add(jvm);
        System.out.printf("started %s on port %d (pid %d)%n", name, port, jvm.process().pid());
        return jvm;
    }

    /**
     * A copy of the module's jar for this run: a build of the module while the run lasts (other work on the
     * same machine) rewrites target/*.jar, and a JVM that loads a class from a rewritten jar fails.
     */
    private Path snapshot(String name) throws IOException {
        Path built = root.resolve(name).resolve("target").resolve(name + ".jar");
        if (!Files.isRegularFile(built)) {
            throw new IllegalStateException("no jar at " + built + ": ./mvnw -q install -DskipTests first");
        }
        Path copy = work.resolve("jars").resolve(name).resolve(name + ".jar");
        if (!Files.exists(copy)) {
            Files.createDirectories(copy.getParent());
            Files.copy(built, copy);
        }
        return copy;
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private void await(String what, Jvm jvm, Check check) throws Exception {
        long deadline = System.nanoTime() + START_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!jvm.process().isAlive()) {
                throw new IllegalStateException(jvm.name() + " exited; see " + jvm.log());
            }
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(what + " not ready within " + START_WITHIN + "; see " + jvm.log());
    }

    private synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        jvms.forEach(jvm -> jvm.process().destroy());
        for (Jvm jvm : jvms) {
            try {
                if (!jvm.process().waitFor(30, TimeUnit.SECONDS)) {
                    jvm.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                jvm.process().destroyForcibly();
            }
        }
        if (postgres != null) {
            databases.values().forEach(database -> {
                try {
                    postgres.dropDatabase(database);
                } catch (RuntimeException e) {
                    System.err.println("could not drop " + database + ": " + e.getMessage());
                }
            });
        }
        if (redis != null) {
            try {
                System.out.printf("dropped %d Redis keys under %s%n", deleteKeys(redis.host(), redis.port(), prefix), prefix);
            } catch (IOException e) {
                System.err.println("could not delete the keys under " + prefix + ": " + e.getMessage());
            }
        }
        for (AutoCloseable server : new AutoCloseable[] {kafka, redis, postgres}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                System.err.println("could not stop " + server + ": " + e.getMessage());
            }
        }
    }

    // --- idle phase ---

    private void idlePhase(int n) throws Exception {
        int userCount = Math.max(1, (n + socketsPerUser - 1) / socketsPerUser);
        long setupStarted = System.nanoTime();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            tokens.add(login(register("idle" + i), PASSWORD));
        }
        System.out.printf("IDLE: %d users registered and logged in through the gateway in %.1f s%n", userCount,
                (System.nanoTime() - setupStarted) / 1e9);
        long before = heapAfterGc(chatA.process(), "http://localhost:" + chatA.port());
        long gatewayBefore = gatewaysHeapAfterGc();
        long threadsBefore = metric("http://localhost:" + chatA.port(), "jvm.threads.live");
        List<Sock> sockets = new ArrayList<>();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Sock>> opening = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String token = tokens.get(i / socketsPerUser);
            String host = ADDRESSES[i % ADDRESSES.length];
            inFlight.acquire();
            Jvm edge = gateways.get(i % GATEWAYS);
            opening.add(ticketAsync(token).thenCompose(ticket -> open(edge, host, ticket, null))
                    .whenComplete((s, e) -> inFlight.release()));
        }
        int failed = 0;
        String firstFailure = null;
        for (CompletableFuture<Sock> future : opening) {
            try {
                sockets.add(future.get(120, TimeUnit.SECONDS));
            } catch (Exception e) {
                failed++;
                firstFailure = firstFailure == null ? String.valueOf(e.getCause() == null ? e : e.getCause()) : firstFailure;
            }
        }
        double openSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("IDLE: opened %d of %d through the gateway in %.1f s (%d failed, %d tickets retried after 503%s);"
                + " holding them 35 s%n", sockets.size(), n, openSeconds, failed, ticketRetries.get(), firstFailure == null ? "" : ", first: " + firstFailure);
        Thread.sleep(35_000); // idle past a ping round (25 s)
        long after = heapAfterGc(chatA.process(), "http://localhost:" + chatA.port());
        long gatewayAfter = gatewaysHeapAfterGc();
        long open = sockets.stream().filter(s -> !s.closed.isDone()).count();
        long onA = metric("http://localhost:" + chatA.port(), "chat.connections");
        System.out.printf("IDLE: requested %d, open at the client after 35 s idle: %d, chat.connections on A: %d%n", n, open, onA);
        System.out.printf("IDLE: chat A heap after full GC %d MiB -> %d MiB: %.1f KiB per idle socket; live threads %d -> %d%n",
                before >> 20, after >> 20, (after - before) / 1024.0 / Math.max(1, onA), threadsBefore,
                metric("http://localhost:" + chatA.port(), "jvm.threads.live"));
        System.out.printf("IDLE: gateway heap (%d gateway%s) after full GC %d MiB -> %d MiB: %.1f KiB per proxied idle socket%n",
                GATEWAYS, GATEWAYS == 1 ? "" : "s, summed", gatewayBefore >> 20, gatewayAfter >> 20, (gatewayAfter - gatewayBefore) / 1024.0 / Math.max(1, open));
        sockets.forEach(s -> s.socket.abort());
        long deadline = System.currentTimeMillis() + 60_000;
        while (metric("http://localhost:" + chatA.port(), "chat.connections") > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
        }
    }

    // --- latency phase ---

    private void latencyPhase(int rate, int seconds, int pairs, int warmup) throws Exception {
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>(); // {sent at, latency}
        AtomicLong received = new AtomicLong();
        AtomicLong warmReceived = new AtomicLong();
        List<Sock> senders = new ArrayList<>();
        List<Sock> receivers = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        long setupStarted = System.nanoTime();
        int reconnects = 0;
        Consumer<JsonNode> onFrame = frame -> {
            if (frame.path("type").asString().equals("message")) {
                long now = System.nanoTime();
                long sentAt = Long.parseLong(frame.path("text").asString());
                if (frame.path("clientId").asString().startsWith("b")) {
                    latencies.add(new long[] {sentAt, now - sentAt});
                    received.incrementAndGet();
                } else {
                    warmReceived.incrementAndGet();
                }
            }
        };
        for (int i = 0; i < pairs; i++) {
            String traveller = login(register("tom" + i), PASSWORD);
            String expertAccount = register("emma" + i);
            String expert = login(expertAccount, PASSWORD);
            String expertUserId = body(require(call("GET", "/v1/users/me", expert, null), 200)).path("id").asString();
            long expertId = body(require(call("POST", "/v1/experts", admin,
                    "{\"displayName\":\"Expert " + i + "\",\"userId\":\"" + expertUserId + "\"}"), 201)).path("id").asLong();
            conversations.add(body(require(call("POST", "/v1/conversations", traveller, "{\"expertId\":" + expertId + "}"), 201))
                    .path("id").asString());
            Landed sender = connectOn(chatA, traveller, ADDRESSES[0], null);
            Landed receiver = connectOn(chatB, expert, ADDRESSES[1], onFrame);
            senders.add(sender.socket());
            receivers.add(receiver.socket());
            reconnects += sender.attempts() - 1 + receiver.attempts() - 1;
        }
        System.out.printf("LATENCY: %d pairs set up through the gateway in %.1f s: travellers on A (%d sockets), experts on B"
                + " (%d sockets); %d sockets landed on the other instance first and were opened again%n", pairs,
                (System.nanoTime() - setupStarted) / 1e9, metric("http://localhost:" + chatA.port(), "chat.connections"),
                metric("http://localhost:" + chatB.port(), "chat.connections"), reconnects);
        // warm-up at the same rate, not measured: the JIT compiles the send and delivery paths of the
        // gateway and both instances first, as in a running system
        if (warmup > 0) {
            sendAtRate(senders, conversations, rate, warmup, "w");
            awaitReceived(warmReceived, (long) rate * warmup);
            System.out.printf("LATENCY: warm-up %d s at %d msg/s done (not measured; %d of %d delivered)%n", warmup, rate,
                    warmReceived.get(), (long) rate * warmup);
        }
        int total = rate * seconds;
        long start = System.nanoTime();
        double sendSeconds = sendAtRate(senders, conversations, rate, seconds, "b");
        awaitReceived(received, total);
        List<long[]> measured = new ArrayList<>(latencies);
        long[] sorted = measured.stream().mapToLong(m -> m[1]).sorted().toArray();
        System.out.printf("LATENCY: %d pairs, A->B through the gateway, target %d msg/s for %d s: sent %d in %.1f s (%.0f msg/s),"
                + " received %d%n", pairs, rate, seconds, total, sendSeconds, total / sendSeconds, received.get());
        if (sorted.length == 0) {
            throw new IllegalStateException("no message was delivered; see the logs in " + work.resolve("logs"));
        }
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
        senders.forEach(s -> s.socket.abort());
        receivers.forEach(s -> s.socket.abort());
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
        return sorted[(int) Math.max(0, Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1))] / 1e6;
    }

    // --- sockets through the gateway ---

    /** A socket and how many sockets it took to land it on the intended instance. */
    private record Landed(Sock socket, int attempts) {
    }

    /**
     * Opens sockets through the gateway until one lands on {@code target}, told by the two instances'
     * {@code chat.connections} gauges (sockets are opened one at a time here). The ticket request is
     * balanced over the same instances; with round robin over two, ticket + handshake would keep landing
     * alike, so a miss is followed by one more request to chat-service, which shifts the turn.
     */
    private Landed connectOn(Jvm target, String token, String host, Consumer<JsonNode> onFrame) throws Exception {
        for (int attempt = 1; attempt <= 40; attempt++) {
            long onA = metric("http://localhost:" + chatA.port(), "chat.connections");
            long onB = metric("http://localhost:" + chatB.port(), "chat.connections");
            Sock socket = open(gateway, host, ticketAsync(token).get(30, TimeUnit.SECONDS), onFrame).get(30, TimeUnit.SECONDS);
            socket.welcome.get(30, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 10_000;
            Jvm landed = null;
            while (landed == null && System.currentTimeMillis() < deadline) {
                long a = metric("http://localhost:" + chatA.port(), "chat.connections");
                long b = metric("http://localhost:" + chatB.port(), "chat.connections");
                if (a + b == onA + onB + 1) {
                    landed = a > onA ? chatA : chatB;
                } else {
                    Thread.sleep(50);
                }
            }
            if (landed == target) {
                return new Landed(socket, attempt);
            }
            socket.socket.abort();
            long expected = landed == null ? -1 : (landed == chatA ? onA : onB);
            Jvm other = landed;
            long settle = System.currentTimeMillis() + 10_000;
            while (other != null && metric("http://localhost:" + other.port(), "chat.connections") != expected
                    && System.currentTimeMillis() < settle) {
                Thread.sleep(50);
            }
            call("GET", "/v1/about/chat-service", null, null);
        }
        throw new IllegalStateException("the gateway never routed a socket to chat-service on port " + target.port());
    }

    private CompletableFuture<String> ticketAsync(String token) {
        return ticketAsync(token, 1);
    }

    /**
     * A ticket through the gateway. A 503 with Retry-After (the edge could not check the session in time,
     * e.g. its Redis answered too slowly under this load) is retried after that long, as a client does,
     * up to 5 times; the retries are counted.
     */
    private CompletableFuture<String> ticketAsync(String token, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/v1/chat/tickets"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            if (response.statusCode() == 503 && retryAfter != null && attempt < 5) {
                ticketRetries.incrementAndGet();
                return CompletableFuture.supplyAsync(() -> null,
                                CompletableFuture.delayedExecutor(Long.parseLong(retryAfter), TimeUnit.SECONDS))
                        .thenCompose(ignored -> ticketAsync(token, attempt + 1));
            }
            if (response.statusCode() != 201) {
                throw new IllegalStateException("ticket: " + response.statusCode() + " " + response.body());
            }
            return CompletableFuture.completedFuture(body(response).path("ticket").asString());
        });
    }

    private CompletableFuture<Sock> open(Jvm edge, String host, String ticket, Consumer<JsonNode> onFrame) {
        Sock sock = new Sock(onFrame);
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60))
                .buildAsync(URI.create("ws://" + host + ":" + edge.port() + "/ws/chat?ticket=" + ticket), sock)
                .thenApply(ws -> {
                    sock.socket = ws;
                    return sock;
                });
    }

    private static final class Sock implements WebSocket.Listener {
        final Consumer<JsonNode> onFrame;
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<Void> welcome = new CompletableFuture<>();
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;

        Sock(Consumer<JsonNode> onFrame) {
            this.onFrame = onFrame;
        }

        synchronized void send(String frame) {
            socket.sendText(frame, true).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (onFrame != null || !welcome.isDone()) {
                partial.append(data);
                if (last) {
                    JsonNode frame = JSON.readTree(partial.toString());
                    partial.setLength(0);
                    if (frame.path("type").asString().equals("welcome")) {
                        welcome.complete(null);
                    } else if (onFrame != null) {
                        onFrame.accept(frame);
                    }
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
            welcome.completeExceptionally(new IllegalStateException("closed with " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
            welcome.completeExceptionally(error);
        }
    }

    // --- HTTP through the gateway ---

    private String register(String name) throws Exception {
        String account = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        require(call("POST", "/v1/auth/register", null, """
                {"account":"%s","displayName":"%s","email":"%s@example.com","password":"%s"}"""
                .formatted(account, name, account, PASSWORD)), 201);
        return account;
    }

    private String login(String account, String password) throws Exception {
        return body(require(call("POST", "/v1/auth/login", null,
                "{\"account\":\"" + account + "\",\"password\":\"" + password + "\"}"), 200)).path("accessToken").asString();
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // a service that cannot check tokens yet answers 503 + Retry-After: honoured a bounded number of times
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            if (response.statusCode() != 503 || retryAfter == null || attempt == 20) {
                return response;
            }
            Thread.sleep(Long.parseLong(retryAfter) * 1000);
        }
    }

    private static HttpResponse<String> require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + ": "
                    + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static JsonNode body(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // --- measuring ---

    /** Heap in use after two full GCs ({@code jcmd GC.run}), from the actuator at {@code base}. */
    private long heapAfterGc(Process process, String base) throws Exception {
        fullGc(process);
        return metric(base, "jvm.memory.used?tag=area:heap");
    }

    /**
     * The gateway's heap after two full GCs: its actuator (own port) answers only health and Prometheus
     * without a token, so the sum of {@code jvm_memory_used_bytes{area="heap"}} over the pools.
     */
    private long gatewaysHeapAfterGc() throws Exception {
        long sum = 0;
        for (int i = 0; i < GATEWAYS; i++) {
            fullGc(gateways.get(i).process());
            sum += heapFromPrometheus(gatewayManagements.get(i));
        }
        return sum;
    }

    private long heapFromPrometheus(int managementPort) throws Exception {
        HttpResponse<String> scrape = require(http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + managementPort + "/actuator/prometheus")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString()), 200);
        return (long) scrape.body().lines().filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static void fullGc(Process process) throws Exception {
        for (int i = 0; i < 2; i++) {
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(process.pid()),
                    "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            Thread.sleep(1000);
        }
    }

    private long metric(String base, String name) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + name))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return (long) body(require(response, 200)).path("measurements").get(0).path("value").asDouble();
    }

    // --- plumbing ---

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Deletes the run's Redis keys (SCAN MATCH prefix*, DEL) over plain RESP: no client library needed. */
    private static long deleteKeys(String host, int port, String prefix) throws IOException {
        long deleted = 0;
        try (java.net.Socket socket = new java.net.Socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String cursor = "0";
            do {
                command(out, "SCAN", cursor, "MATCH", prefix + "*", "COUNT", "1000");
                List<?> reply = (List<?>) read(in);
                cursor = (String) reply.get(0);
                List<?> keys = (List<?>) reply.get(1);
                if (!keys.isEmpty()) {
                    List<String> del = new ArrayList<>(List.of("DEL"));
                    keys.forEach(k -> del.add((String) k));
                    command(out, del.toArray(String[]::new));
                    deleted += (Long) read(in);
                }
            } while (!cursor.equals("0"));
        }
        return deleted;
    }

    private static void command(OutputStream out, String... parts) throws IOException {
        StringBuilder resp = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String part : parts) {
            resp.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
        }
        out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                String value = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                line(in);
                return value;
            }
            case '*': {
                List<Object> items = new ArrayList<>();
                for (int i = Integer.parseInt(line); i > 0; i--) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("Redis: " + (char) type + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            line.append((char) c);
        }
        in.read(); // \n
        return line.toString();
    }

    private ChatGatewayLoad() {
    }
}
