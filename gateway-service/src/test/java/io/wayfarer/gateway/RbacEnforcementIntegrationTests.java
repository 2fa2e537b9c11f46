package io.wayfarer.gateway;

import static io.wayfarer.gateway.GatewayRoutingIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.gateway.edge.EdgeRequest;
import io.wayfarer.gateway.policy.PolicyHolder;
import io.wayfarer.platform.localinfra.Kafka;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.requestid.RequestId;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The RBAC decision at the edge, end to end: real gateways, real Eureka, real Redis sessions, the real
 * in-JVM Kafka, and a stub rbac-service policy API whose snapshot each test controls.
 *
 * <ul>
 *   <li>{@code first} and {@code second}: two gateway instances following {@value #LIVE_POLICY} by
 *       {@code rbac.policy.changed} events only (their version poll is an hour apart), so the 1 s bound
 *       measured here is the event path's;</li>
 *   <li>{@code late}: events off, polling every 300 ms, its policy service registered only once a test
 *       has seen it fail closed.</li>
 * </ul>
 * Every gateway shares the test bed's Redis key prefix, so {@code bed.sessions} are live on all of them.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RbacEnforcementIntegrationTests {

    static final String LIVE_POLICY = "rbac-policy-live";
    static final String LATE_POLICY = "rbac-policy-late";
    static final String TOPIC = "wayfarer.rbac.policy";
    static final Duration PROPAGATION_BOUND = Duration.ofSeconds(1);

    /** What a recording filter in {@code first} saw for each routed request (after route matching). */
    record Routed(String requestId, String routeId, String routedPath, String authorisedPath) {
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RbacEnforcementIntegrationTests.class);
    private static final ConcurrentLinkedQueue<Routed> routed = new ConcurrentLinkedQueue<>();
    private static final AtomicLong versions = new AtomicLong(1);

    private static GatewayTestBed bed;
    private static StubService livePolicy;
    private static StubService latePolicy;
    private static KafkaProducer<String, String> producer;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static ConfigurableApplicationContext late;
    private static int firstPort;
    private static int secondPort;
    private static int latePort;
    private static boolean lateRegistered;

    @BeforeAll
    static void deploy() {
        bed = GatewayTestBed.get();
        Kafka kafka = SharedInfrastructure.kafka();
        Properties producerSettings = new Properties();
        producerSettings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerSettings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerSettings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(producerSettings);

        livePolicy = StubService.start(LIVE_POLICY, Duration.ZERO);
        livePolicy.publishPolicy(TestPolicy.seeded(versions.get()));
        bed.registry.register(LIVE_POLICY, livePolicy.port());
        latePolicy = StubService.start(LATE_POLICY, Duration.ZERO);

        Map<String, String> live = new HashMap<>(policySettings(LIVE_POLICY));
        live.put("wayfarer.gateway.policy.events-enabled", "true");
        live.put("wayfarer.gateway.policy.poll-interval", "1h");
        live.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        first = GatewayTestBed.startGateway(bed.registry, withInstance(live, "first"),
                context -> ((GenericApplicationContext) context).registerBean(RecordRouting.class));
        second = GatewayTestBed.startGateway(bed.registry, withInstance(live, "second"));
        firstPort = GatewayTestBed.port(first);
        secondPort = GatewayTestBed.port(second);

        Map<String, String> polled = new HashMap<>(policySettings(LATE_POLICY));
        polled.put("wayfarer.gateway.policy.poll-interval", "300ms");
        polled.put(GatewayTestBed.AWAIT_POLICY, "false");
        late = GatewayTestBed.startGateway(bed.registry, polled);
        latePort = GatewayTestBed.port(late);

        for (ConfigurableApplicationContext gateway : List.of(first, second, late)) {
            GatewayTestBed.awaitKeys(gateway, TestTokens.SIGNING_KEY.getKeyID());
        }
        awaitAssigned(first);
        awaitAssigned(second);
        // the event path works end to end (consumers positioned) before anything is measured
        changePolicy(TestPolicy.seeded(versions.incrementAndGet()));
        GatewayTestBed.awaitPolicy(first, versions.get());
        GatewayTestBed.awaitPolicy(second, versions.get());
    }

    private static Map<String, String> policySettings(String service) {
        return Map.of(
                "wayfarer.redis.key-prefix", bed.sessions.prefix,
                "wayfarer.gateway.policy.snapshot-uri", "lb://" + service + "/internal/v1/policy",
                "wayfarer.gateway.policy.version-uri", "lb://" + service + "/internal/v1/policy/version");
    }

    private static Map<String, String> withInstance(Map<String, String> settings, String instance) {
        Map<String, String> copy = new HashMap<>(settings);
        copy.put("wayfarer.gateway.policy.instance-id", instance + "-" + UUID.randomUUID());
        return copy;
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext gateway : new ConfigurableApplicationContext[] {first, second, late}) {
            if (gateway != null) {
                gateway.close();
            }
        }
        if (producer != null) {
            producer.close();
        }
        if (livePolicy != null) {
            livePolicy.close();
        }
        if (latePolicy != null) {
            latePolicy.close();
        }
    }

    // --- the decision ---------------------------------------------------------------------------------

    @Test
    void grantedRequestsPassAndOthersAre401WithoutATokenAnd403WithOne() {
        String traveller = bed.sessions.create("TRAVELLER").bearer();

        assertThat(EdgeHttp.get(firstPort, "/v1/trips/42").statusCode()).as("granted to ANONYMOUS").isEqualTo(200);
        assertThat(EdgeHttp.get(firstPort, "/v1/users/me", "Authorization", traveller).statusCode()).isEqualTo(200);

        EdgeAuthenticationIntegrationTests.assertUnauthenticated(EdgeHttp.get(firstPort, "/v1/users/me"), "Bearer");
        var refused = EdgeHttp.get(firstPort, "/v1/users", "Authorization", traveller);
        assertForbidden(refused.statusCode(), refused);
        assertThat(EdgeHttp.get(firstPort, "/v1/users", "Authorization", bed.sessions.create("SUPER_ADMIN").bearer()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void auditTrailIsRoutedToRbacServiceForSuperAdminsOnly() {
        String admin = bed.sessions.create("SUPER_ADMIN").bearer();

        // the test bed's rbac-service instance is dead: a 502 naming it proves the route and the grant
        var routedToRbac = EdgeHttp.get(firstPort, "/v1/rbac-audit?actor=1", "Authorization", admin);
        assertThat(assertProblem(routedToRbac.statusCode(), routedToRbac.headers().firstValue("Content-Type").orElse(""),
                routedToRbac.body(), ProblemType.BAD_GATEWAY).path("service").asString()).isEqualTo("rbac-service");
        var traveller = EdgeHttp.get(firstPort, "/v1/rbac-audit", "Authorization", bed.sessions.create("TRAVELLER").bearer());
        assertForbidden(traveller.statusCode(), traveller);
        EdgeAuthenticationIntegrationTests.assertUnauthenticated(EdgeHttp.get(firstPort, "/v1/rbac-audit"), "Bearer");
    }

    @Test
    void defaultDenyARoutedPathWithoutAResourceIsRefusedToEveryone() {
        String path = "/v1/trips/42/photos";
        String requestId = EdgeAuthenticationIntegrationTests.requestId();

        EdgeAuthenticationIntegrationTests.assertUnauthenticated(EdgeHttp.get(firstPort, path, RequestId.HEADER, requestId), "Bearer");
        for (String role : new String[] {"TRAVELLER", "PRODUCT_ADMIN", "SUPER_ADMIN"}) {
            var response = EdgeHttp.get(firstPort, path, "Authorization", bed.sessions.create(role).bearer(), RequestId.HEADER, requestId);
            assertForbidden(response.statusCode(), response);
        }
        assertThat(bed.catalog.receivedWithRequestId(requestId)).isNull();
    }

    @Test
    void headIsDecidedAsGet() {
        assertThat(RawHttp.send(firstPort, "HEAD", "/v1/trips/42").status()).isEqualTo(200);
        RawHttp.Response refused = RawHttp.send(firstPort, "HEAD", "/v1/users/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void optionsTraceAndUnknownMethodsAreRefusedWith405() {
        String admin = "Authorization: " + bed.sessions.create("SUPER_ADMIN").bearer();
        for (String method : new String[] {"OPTIONS", "TRACE", "PROPFIND", "get", "FOO"}) {
            RawHttp.Response response = RawHttp.send(firstPort, method, "/v1/trips/42", admin, "Content-Length: 0");
            assertProblem(response.status(), response.header("Content-Type"), response.body(), ProblemType.METHOD_NOT_ALLOWED);
            assertThat(response.header("Allow")).as(method).contains("GET").contains("DELETE").doesNotContain("OPTIONS")
                    .doesNotContain("TRACE");
        }
    }

    // --- the bypass suite: each through the real gateway, each refused, nothing forwarded ---------------

    @Test
    void dotDotTraversalIsRefused() {
        assertRefused(attack("/v1/roles/../trips"), 400);
        assertRefused(attack("/v1/trips/../users", traveller()), 400);
    }

    @Test
    void encodedDotDotIsRefused() {
        assertRefused(attack("/v1/trips/%2e%2e/users", traveller()), 400);
        assertRefused(attack("/v1/trips/%2E%2E/%2e%2e/v1/users", traveller()), 400);
    }

    @Test
    void encodedSlashIsRefused() {
        assertRefused(attack("/v1/trips/..%2fusers", traveller()), 400);
        assertRefused(attack("/v1%2froles", traveller()), 400);
    }

    @Test
    void doubleEncodedSlashIsRefused() {
        assertRefused(attack("/v1/trips/..%252fusers", traveller()), 400);
    }

    @Test
    void emptySegmentsAreRefused() {
        assertRefused(attack("//v1/roles", traveller()), 400);
        assertRefused(attack("/v1//roles", traveller()), 400);
    }

    @Test
    void matrixParametersAreRefused() {
        assertRefused(attack("/v1/roles;x=y", traveller()), 400);
        assertRefused(attack("/v1/trips;x=y/../users", traveller()), 400);
    }

    @Test
    void otherCaseIsNotTheSameRoute() {
        assertRefused(attack("/V1/ROLES", traveller()), 404);
        assertRefused(attack("/v1/Users", traveller()), 404);
    }

    @Test
    void trailingSlashIsRefusedNotRepaired() {
        assertRefused(attack("/v1/users/", traveller()), 403);
        assertRefused(attack("/v1/users/", admin()), 403);
        assertRefused(attack("/v1/trips/42/"), 401);
    }

    @Test
    void encodedNulIsRefused() {
        assertRefused(attack("/v1/users%00", traveller()), 400);
        assertRefused(attack("/v1/trips/1%00/../../users", traveller()), 400);
    }

    @Test
    void encodedLineFeedIsRefused() {
        assertRefused(attack("/v1/users%0a", traveller()), 400);
        assertRefused(attack("/v1/trips/1%0d%0aX-User-Roles:%20SUPER_ADMIN", traveller()), 400);
    }

    @Test
    void backslashIsRefused() {
        assertRefused(attack("/v1/trips\\..\\users", traveller()), 400);
        assertRefused(attack("/v1/trips/%5c..%5cusers", traveller()), 400);
    }

    @Test
    void overlongUtf8IsRefused() {
        assertRefused(attack("/v1/trips/%c0%af..%c0%afusers", traveller()), 400);
        assertRefused(attack("/v1/trips/%c0%ae%c0%ae/users", traveller()), 400);
        assertRefused(attack("/v1/trips/%e0%80%af", traveller()), 400);
    }

    @Test
    void percentEncodedLettersAreDecidedOnTheDecodedPath() {
        // "/v1/%75sers" is "/v1/users": decoded once, decided and routed as that, so it gains nothing
        assertRefused(attack("/v1/%75sers", traveller()), 403);
        assertRefused(attack("/v1/r%6fles"), 401);
        assertRefused(attack("/v1/%55sers", traveller()), 404);
    }

    @Test
    void methodOverrideHeadersAreIgnoredAndStripped() {
        // a GET the caller may make stays a GET, and no service sees the override
        String requestId = EdgeAuthenticationIntegrationTests.requestId();
        RawHttp.Response read = RawHttp.get(firstPort, "/v1/trips/42", "X-HTTP-Method-Override: DELETE",
                "X-HTTP-Method: DELETE", "X-Method-Override: DELETE", RequestId.HEADER + ": " + requestId);
        assertThat(read.status()).isEqualTo(200);
        StubService.Received received = bed.catalog.receivedWithRequestId(requestId);
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.header("X-HTTP-Method-Override")).isNull();
        assertThat(received.header("X-HTTP-Method")).isNull();
        assertThat(received.header("X-Method-Override")).isNull();
        // a write the caller may not make is not turned into a read
        assertRefused(attackWith("POST", "/v1/trips", "X-HTTP-Method-Override: GET", "Content-Length: 0"), 401);
        assertRefused(attackWith("DELETE", "/v1/trips/42", traveller(), "X-HTTP-Method-Override: GET"), 403);
    }

    @Test
    void spoofedRoleHeadersAreIgnored() {
        assertRefused(attack("/v1/users", "X-User-Roles: SUPER_ADMIN", "X-User-Id: 1"), 401);
        assertRefused(attack("/v1/users", traveller(), "X-User-Roles: SUPER_ADMIN", "x-user-roles: SUPER_ADMIN"), 403);
    }

    /**
     * For every path of the suite and some legitimate ones, as SUPER_ADMIN (so the policy lets through
     * whatever it can): either the edge refuses it and nothing is routed, or the route was chosen on
     * exactly the path the policy decided on — and a route locator given that path picks the same route.
     */
    @Test
    void routingAndAuthorisationDecideOnTheSamePath() {
        String admin = admin();
        List<String> targets = List.of("/v1/roles/../trips", "/v1/trips/%2e%2e/users", "/v1/trips/..%2fusers",
                "/v1/trips/..%252fusers", "//v1/roles", "/v1/roles;x=y", "/V1/ROLES", "/v1/users/", "/v1/users%00",
                "/v1/users%0a", "/v1/trips\\..\\users", "/v1/trips/%c0%ae%c0%ae/users", "/v1/%75sers", "/v1/r%6fles",
                "/v1/trips/%34%32", "/v1/trips/42", "/v1/users/7", "/v1/users/7/roles", "/v1/users/me",
                "/v1/rbac-audit", "/v1/trips/kyoto%20in%20autumn", "/v1/trips/%E4%BA%AC%E9%83%BD", "/v1/trips/a+b",
                "/v1/trips/a:b@c", "/v1/about/catalog-service", "/.well-known/jwks.json");
        RouteLocator routes = first.getBean(RouteLocator.class);
        int routedCount = 0;
        for (String target : targets) {
            String requestId = "same-path-" + UUID.randomUUID();
            RawHttp.Response response = RawHttp.get(firstPort, target, admin, RequestId.HEADER + ": " + requestId);
            Routed seen = routed.stream().filter(r -> r.requestId().equals(requestId)).findFirst().orElse(null);
            if (seen == null) {
                assertThat(response.status()).as(target).isBetween(400, 499);
                assertThat(bed.auth.receivedWithRequestId(requestId)).as(target).isNull();
                assertThat(bed.catalog.receivedWithRequestId(requestId)).as(target).isNull();
                continue;
            }
            routedCount++;
            assertThat(seen.authorisedPath()).as(target + ": the policy decided").isNotNull().isEqualTo(seen.routedPath());
            // built from the decoded path the policy saw, encoded once by the mock request
            MockServerWebExchange probe = MockServerWebExchange.from(MockServerHttpRequest.get(seen.authorisedPath()));
            Route chosen = routes.getRoutes().filterWhen(candidate -> candidate.getPredicate().apply(probe)).blockFirst();
            assertThat(chosen).as(target).isNotNull();
            assertThat(chosen.getId()).as(target).isEqualTo(seen.routeId());
        }
        assertThat(routedCount).as("legitimate paths are routed").isGreaterThanOrEqualTo(10);
    }

    // --- live changes -----------------------------------------------------------------------------------

    @Test
    void grantAndRevokeAreInForceOnBothGatewaysWithinOneSecondOfTheEvent() {
        String traveller = bed.sessions.create("TRAVELLER").bearer();
        assertThat(postTrip(firstPort, traveller)).isEqualTo(403);
        assertThat(postTrip(secondPort, traveller)).isEqualTo(403);

        long granted = versions.incrementAndGet();
        Instant published = changePolicy(TestPolicy.with(granted, new TestPolicy.Row("POST", "/v1/trips", "PRODUCT_ADMIN TRAVELLER")));
        Map<Integer, Duration> grantTook = awaitStatus(published, traveller, 200);

        long revoked = versions.incrementAndGet();
        published = changePolicy(TestPolicy.seeded(revoked));
        Map<Integer, Duration> revokeTook = awaitStatus(published, traveller, 403);

        log.info("Policy propagation after the event, per gateway port: grant {}, revoke {}", grantTook, revokeTook);
        assertThat(grantTook.values()).as("grant, per gateway").allSatisfy(took -> assertThat(took).isLessThanOrEqualTo(PROPAGATION_BOUND));
        assertThat(revokeTook.values()).as("revoke, per gateway").allSatisfy(took -> assertThat(took).isLessThanOrEqualTo(PROPAGATION_BOUND));
        assertThat(first.getBean(PolicyHolder.class).version()).isEqualTo(revoked);
        assertThat(second.getBean(PolicyHolder.class).version()).isEqualTo(revoked);
    }

    @Test
    void anOlderVersionAnnouncedLateIsIgnored() {
        long held = first.getBean(PolicyHolder.class).version();
        publishEvent(held - 1);
        publishEvent(held);

        // nothing newer: no refetch goes backwards, the policy in force is unchanged
        assertThat(EdgeHttp.get(firstPort, "/v1/trips/42").statusCode()).isEqualTo(200);
        assertThat(first.getBean(PolicyHolder.class).version()).isEqualTo(held);
    }

    @Test
    void roleChangesOfALoggedInUserAreInForceOnTheNextRequest() {
        TestSessions.Session session = bed.sessions.create("TRAVELLER");
        String bearer = session.bearer();
        assertThat(EdgeHttp.get(firstPort, "/v1/users", "Authorization", bearer).statusCode()).isEqualTo(403);

        bed.sessions.rewriteRoles(session, "TRAVELLER", "SUPER_ADMIN");
        assertThat(EdgeHttp.get(firstPort, "/v1/users", "Authorization", bearer).statusCode()).isEqualTo(200);
        assertThat(EdgeHttp.get(secondPort, "/v1/users", "Authorization", bearer).statusCode()).isEqualTo(200);

        bed.sessions.rewriteRoles(session, "TRAVELLER");
        assertThat(EdgeHttp.get(firstPort, "/v1/users", "Authorization", bearer).statusCode()).isEqualTo(403);
        assertThat(EdgeHttp.get(secondPort, "/v1/users", "Authorization", bearer).statusCode()).isEqualTo(403);
        assertThat(EdgeHttp.get(firstPort, "/v1/users/me", "Authorization", bearer).statusCode()).isEqualTo(200);
    }

    // --- start-up and the poll fallback -----------------------------------------------------------------

    @Test
    void failsClosedUntilTheFirstPolicyIsLoaded() {
        if (!lateRegistered) {
            RawHttp.Response refused = RawHttp.get(latePort, "/v1/trips/42");
            assertProblem(refused.status(), refused.header("Content-Type"), refused.body(), ProblemType.SERVICE_UNAVAILABLE);
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(RawHttp.get(latePort, "/v1/users/me", "Authorization: " + bed.sessions.create("SUPER_ADMIN").bearer()).status())
                    .isEqualTo(503);
            assertThat(RawHttp.get(latePort, "/actuator/health/readiness").status()).as("not ready").isEqualTo(503);
            assertThat(RawHttp.get(latePort, "/actuator/health/liveness").status()).as("but alive").isEqualTo(200);
            assertThat(RawHttp.get(latePort, "/v1/about/gateway-service").status()).isEqualTo(200);
        }
        ensureLateLoaded();

        assertThat(RawHttp.get(latePort, "/v1/trips/42").status()).isEqualTo(200);
        assertThat(RawHttp.get(latePort, "/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void pollingAloneBringsAChangeWhenNoEventArrives() {
        ensureLateLoaded();
        String traveller = bed.sessions.create("TRAVELLER").bearer();
        assertThat(postTrip(latePort, traveller)).isEqualTo(403);

        long version = late.getBean(PolicyHolder.class).version() + 1;
        latePolicy.publishPolicy(TestPolicy.with(version, new TestPolicy.Row("POST", "/v1/trips", "PRODUCT_ADMIN TRAVELLER")));
        // no event: only the 300 ms version poll can notice
        Instant deadline = Instant.now().plusSeconds(20);
        while (postTrip(latePort, traveller) != 200) {
            assertThat(Instant.now()).as("the poll picks the change up").isBefore(deadline);
            pause(50);
        }
        assertThat(late.getBean(PolicyHolder.class).version()).isEqualTo(version);
        latePolicy.publishPolicy(TestPolicy.seeded(version + 1));
        GatewayTestBed.awaitPolicy(late, version + 1);
        assertThat(postTrip(latePort, traveller)).isEqualTo(403);
    }

    private static synchronized void ensureLateLoaded() {
        if (!lateRegistered) {
            latePolicy.publishPolicy(TestPolicy.seeded(1));
            bed.registry.register(LATE_POLICY, latePolicy.port());
            lateRegistered = true;
        }
        GatewayTestBed.awaitPolicy(late, 1);
    }

    // --- helpers ----------------------------------------------------------------------------------------

    /** A recording GlobalFilter: runs once a route was chosen, before anything is sent. */
    static class RecordRouting implements GlobalFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            routed.add(new Routed(EdgeRequest.requestId(exchange), route == null ? null : route.getId(),
                    decoded(exchange.getRequest().getPath().pathWithinApplication()), EdgeRequest.authorisedPath(exchange)));
            return chain.filter(exchange);
        }

        private static String decoded(PathContainer path) {
            StringBuilder value = new StringBuilder();
            for (PathContainer.Element element : path.elements()) {
                value.append(element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : element.value());
            }
            return value.toString();
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    record Attack(String requestId, RawHttp.Response response) {
    }

    private static Attack attack(String target, String... headerLines) {
        return attackWith("GET", target, headerLines);
    }

    private static Attack attackWith(String method, String target, String... headerLines) {
        String requestId = "attack-" + UUID.randomUUID();
        List<String> headers = new ArrayList<>(List.of(headerLines));
        headers.add(RequestId.HEADER + ": " + requestId);
        return new Attack(requestId, RawHttp.send(firstPort, method, target, headers.toArray(String[]::new)));
    }

    /** Refused by the edge with {@code status}, as a problem, and no service received anything. */
    private static void assertRefused(Attack attack, int status) {
        RawHttp.Response response = attack.response();
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(routed).as("routed").noneMatch(r -> r.requestId().equals(attack.requestId()));
        for (StubService service : List.of(bed.auth, bed.catalog)) {
            assertThat(service.receivedWithRequestId(attack.requestId())).as(service.service).isNull();
        }
        if (status == 401) {
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    private static void assertForbidden(int status, java.net.http.HttpResponse<String> response) {
        assertProblem(status, response.headers().firstValue("Content-Type").orElse(""), response.body(), ProblemType.FORBIDDEN);
    }

    private static String traveller() {
        return "Authorization: " + bed.sessions.create("TRAVELLER").bearer();
    }

    private static String admin() {
        return "Authorization: " + bed.sessions.create("SUPER_ADMIN").bearer();
    }

    private static int postTrip(int port, String bearer) {
        return EdgeHttp.post(port, "/v1/trips", "{\"title\":\"Kyoto\"}", "Authorization", bearer).statusCode();
    }

    /** rbac-service's side of a change: the new snapshot is served, then the event is published. */
    private static Instant changePolicy(io.wayfarer.platform.policy.PolicySnapshot snapshot) {
        livePolicy.publishPolicy(snapshot);
        Instant published = Instant.now();
        publishEvent(snapshot.version());
        return published;
    }

    private static void publishEvent(long version) {
        String event = """
                {"id":"%s","type":"rbac.policy.changed","source":"rbac-service","time":"%s","subject":"policy",\
                "data":{"version":%d}}""".formatted(UUID.randomUUID(), Instant.now(), version);
        try {
            producer.send(new ProducerRecord<>(TOPIC, "policy", event)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + TOPIC, e);
        }
    }

    /** Polls both gateways (every ~10 ms) until each answers {@code status}; how long each took after {@code since}. */
    private static Map<Integer, Duration> awaitStatus(Instant since, String bearer, int status) {
        Map<Integer, Duration> took = new HashMap<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (took.size() < 2) {
            for (int port : new int[] {firstPort, secondPort}) {
                if (!took.containsKey(port) && postTrip(port, bearer) == status) {
                    took.put(port, Duration.between(since, Instant.now()));
                }
            }
            assertThat(Instant.now()).as("both gateways answer " + status + " (so far " + took + ")").isBefore(deadline);
            pause(10);
        }
        return took;
    }

    private static void awaitAssigned(ConfigurableApplicationContext gateway) {
        MessageListenerContainer container = gateway.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("gateway-policy-events");
        Instant deadline = Instant.now().plusSeconds(60);
        while (container.getAssignedPartitions() == null || container.getAssignedPartitions().isEmpty()) {
            assertThat(Instant.now()).as("the policy consumer gets its partitions").isBefore(deadline);
            pause(50);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
