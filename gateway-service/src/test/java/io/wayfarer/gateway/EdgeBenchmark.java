package io.wayfarer.gateway;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.context.ContextRegistry;
import io.wayfarer.platform.requestid.RequestId;
import io.wayfarer.platform.localinfra.Redis;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.MDC;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: the harness behind docs/benchmarks.md (run by {@code gateway-service/bench/run.sh}).
 * Starts, in this JVM, a Eureka server, a trivial backend registered as auth-service (it also serves
 * the JWKS), and two gateways on the machine's Redis: one as shipped ("chain") and one without its
 * admission and authorisation filters ("bare": no rate limit, no JWT, no session check, no RBAC decision). Writes the ports and a valid
 * bearer token (live session) to the file named by the first argument, then runs until killed.
 */
public final class EdgeBenchmark {

    /** With {@code -Dbench.countRestores=true}: how often the request id was restored into the MDC (GET /restores on the backend). */
    private static final AtomicLong RESTORES = new AtomicLong();
    /** With {@code -Dbench.restoreStacks=true} as well: where they happen (GET /restores/stacks, then reset). */
    private static final ConcurrentHashMap<String, AtomicLong> RESTORED_AT = new ConcurrentHashMap<>();

    private EdgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench.env");
        EurekaTestRegistry registry = EurekaTestRegistry.start();
        int backend = trivialBackend();
        String backendId = registry.register("auth-service", backend);
        // the RBAC policy (TestPolicy's seed: GET /v1/users/me granted to TRAVELLER), through discovery
        StubService policy = StubService.start(GatewayTestBed.POLICY_SERVICE, java.time.Duration.ZERO);
        String policyId = registry.register(GatewayTestBed.POLICY_SERVICE, policy.port());
        // heartbeats, as the real clients send them: a run with long warm-ups outlives a 300 s lease
        Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-lease-renewal");
            thread.setDaemon(true);
            return thread;
        }).scheduleWithFixedDelay(() -> {
            registry.renew("auth-service", backendId);
            registry.renew(GatewayTestBed.POLICY_SERVICE, policyId);
        }, 30, 30, TimeUnit.SECONDS);

        Redis redis = SharedInfrastructure.redis();
        String prefix = SharedInfrastructure.freshKeyPrefix("bench");
        Map<String, String> settings = Map.of("wayfarer.redis.key-prefix", prefix,
                "logging.level.root", "WARN",
                "management.tracing.sampling.probability", "1.0");
        ConfigurableApplicationContext chain = GatewayTestBed.startGateway(registry, settings);
        ConfigurableApplicationContext bare = GatewayTestBed.startGateway(registry, settings,
                context -> context.addBeanFactoryPostProcessor(
                        factory -> {
                            ((BeanDefinitionRegistry) factory).removeBeanDefinition("edgeAdmissionFilter");
                            ((BeanDefinitionRegistry) factory).removeBeanDefinition("authorisationFilter");
                        }));
        GatewayTestBed.awaitKeys(chain, TestTokens.SIGNING_KEY.getKeyID());
        if (Boolean.getBoolean("bench.countRestores")) {
            // the request id is in the Reactor context of every request from RequestIdFilter on: this accessor is
            // set each time automatic context propagation opens a thread-local scope for a request, and again when
            // closing one puts an earlier value back (a cost-free count of the scopes, per gateway and request)
            ContextRegistry.getInstance().registerThreadLocalAccessor(RequestId.MDC_KEY,
                    () -> MDC.get(RequestId.MDC_KEY),
                    id -> {
                        RESTORES.incrementAndGet();
                        if (Boolean.getBoolean("bench.restoreStacks")) {
                            StackTraceElement[] stack = new Throwable().getStackTrace();
                            StringBuilder where = new StringBuilder();
                            for (int i = 1; i < Math.min(stack.length, 16); i++) {
                                where.append(stack[i].getClassName()).append('.').append(stack[i].getMethodName()).append(" < ");
                            }
                            RESTORED_AT.computeIfAbsent(where.toString(), k -> new AtomicLong()).incrementAndGet();
                        }
                        MDC.put(RequestId.MDC_KEY, id);
                    },
                    () -> MDC.remove(RequestId.MDC_KEY));
        }

        TestSessions sessions = new TestSessions(redis.host(), redis.port(), prefix);
        TestSessions.Session session = sessions.create("TRAVELLER");
        Files.writeString(out, "BACKEND_PORT=" + backend + "\nCHAIN_PORT=" + GatewayTestBed.port(chain)
                + "\nBARE_PORT=" + GatewayTestBed.port(bare) + "\nTOKEN=" + session.token().build()
                + "\nKEY_PREFIX=" + prefix + "\n");
        System.out.println("benchmark ready: " + out.toAbsolutePath());
        Thread.currentThread().join();
    }

    private static byte[] stacks() {
        StringBuilder out = new StringBuilder();
        RESTORED_AT.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                .forEach(e -> out.append(e.getValue().get()).append(' ').append(e.getKey()).append('\n'));
        RESTORED_AT.clear();
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A JDK HttpServer answering every GET with the same 40 bytes, and the test JWKS. */
    private static int trivialBackend() throws IOException {
        // without it the JDK server's two writes per response meet Nagle + delayed ACK: 40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        byte[] body = "{\"id\":\"me\",\"name\":\"Alice\",\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        byte[] jwks = TestTokens.jwks(TestTokens.SIGNING_KEY).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getPath();
                byte[] answer = path.equals(StubService.JWKS_PATH) ? jwks
                        : path.equals("/restores") ? Long.toString(RESTORES.get()).getBytes(StandardCharsets.UTF_8)
                        : path.equals("/restores/stacks") ? stacks() : body;
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return server.getAddress().getPort();
    }
}
