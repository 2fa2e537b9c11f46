package io.wayfarer.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.requestid.RequestId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end through the real gateway, a real Eureka server and real HTTP backends (see
 * {@link GatewayTestBed}): discovery routing, request ids, identity-header stripping, the edge's
 * refusals, and the 502/503/504 mapping of failing services.
 */
class GatewayRoutingIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static GatewayTestBed bed;
    /** For routes that need a signed-in user (W2); a live session of its own. */
    private static String bearer;
    /** For rbac-service's admin routes, which the policy grants to SUPER_ADMIN only. */
    private static String adminBearer;

    @BeforeAll
    static void deploy() {
        bed = GatewayTestBed.get();
        bearer = bed.sessions.create("TRAVELLER").bearer();
        adminBearer = bed.sessions.create("SUPER_ADMIN").bearer();
    }

    @Test
    void routesThroughDiscoveryWithTheRequestIdAndWithoutClientIdentityHeaders() throws Exception {
        String requestId = "routing-" + UUID.randomUUID();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/about/catalog-service"))
                .header(RequestId.HEADER, requestId)
                .header("X-User-Id", "42")
                .header("x-user-roles", "SUPER_ADMIN")
                .header("X-User-Session", "forged")
                .GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("service").asString()).isEqualTo("catalog-service");
        assertThat(response.headers().firstValue(RequestId.HEADER)).contains(requestId);
        StubService.Received received = bed.catalog.receivedWithRequestId(requestId);
        assertThat(received).as("the backend got the gateway's request id").isNotNull();
        assertThat(received.hasHeaderStartingWith("X-User-")).as("identity headers from the client").isFalse();
    }

    @Test
    void makesARequestIdWhenTheClientSendsNoneOrABadOne() throws Exception {
        for (String given : new String[] {null, "bad id\" injected", "short"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/trips/42")).GET();
            if (given != null) {
                request.header(RequestId.HEADER, given);
            }
            HttpResponse<String> response = send(request);
            assertThat(response.statusCode()).isEqualTo(200);
            String id = response.headers().firstValue(RequestId.HEADER).orElseThrow();
            assertThat(RequestId.isAcceptable(id)).isTrue();
            assertThat(id).isNotEqualTo(given);
            assertThat(bed.catalog.receivedWithRequestId(id)).isNotNull();
        }
    }

    @Test
    void passesProblemsFromServicesThroughUntouched() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(StubService.CONFLICT_PATH)).GET());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).isEqualTo(StubService.CONFLICT_BODY);
    }

    @Test
    void unknownRouteIsProblemNotFound() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v2/trips/1"))
                .header(RequestId.HEADER, "unknown-route-1").GET());

        JsonNode problem = assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), ProblemType.NOT_FOUND);
        assertThat(problem.path("instance").asString()).isEqualTo("/v2/trips/1");
        assertThat(problem.path("requestId").asString()).isEqualTo("unknown-route-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/x", "/internal", "/INTERNAL/x", "/Internal/users/1", "/%69nternal/x",
            "/%49NTERNAL/x", "/fallback/catalog-service"})
    void internalPathsAreRefusedLikeUnknownOnes(String target) {
        RawHttp.Response response = RawHttp.get(bed.port, target);

        assertProblem(response.status(), response.header("Content-Type"), response.body(), ProblemType.NOT_FOUND);
        assertThat(response.body()).contains("Nothing is found at this path.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/../internal/x", "//internal/x", "/internal;x/y", "/v1/about/%2e%2e/internal",
            "/v1/trips/../../internal/x", "/v1/trips/%2e%2e/%2e%2e/internal/x", "/v1/trips/..%2f..%2finternal/x",
            "/v1/trips/%2f%2finternal", "/%2finternal/x", "/v1/trips/..;/..;/internal/x", "/%2569nternal/x",
            "/v1/trips/%00/x", "/v1/trips/%5c..%5c..%5cinternal", "/v1/trips/.%2e/.%2e/internal/x",
            // not even URIs: answered before Spring sees them, still as problems
            "/v1/trips\\..\\..\\internal\\x", "/v1/trips/%zz", "/v1/trips/%", "/v1/trips/\"x\"", "/v1/trips/a|b"})
    void pathTricksAreRejectedBeforeRouting(String target) {
        RawHttp.Response response = RawHttp.get(bed.port, target);

        assertProblem(response.status(), response.header("Content-Type"), response.body(), ProblemType.MALFORMED_REQUEST);
        assertThat(response.header(RequestId.HEADER)).isNotBlank();
        assertThat(bed.catalog.received()).noneMatch(r -> r.rawPath().toLowerCase().contains("internal"));
    }

    @Test
    void unregisteredServiceIsServiceUnavailable() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/recommendations?user_id=1")).header("Authorization", bearer).GET());

        JsonNode problem = assertProblem(response, ProblemType.SERVICE_UNAVAILABLE);
        assertThat(problem.path("service").asString()).isEqualTo("recommend-service");
        assertThat(problem.path("instance").asString()).isEqualTo("/v1/recommendations");
    }

    @Test
    void refusedConnectionIsBadGatewayForEveryMethod() throws Exception {
        assertProblem(send(HttpRequest.newBuilder(uri("/v1/orders/1")).header("Authorization", bearer).GET()), ProblemType.BAD_GATEWAY);
        JsonNode problem = assertProblem(send(HttpRequest.newBuilder(uri("/v1/orders")).header("Authorization", bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tripId\":1}"))), ProblemType.BAD_GATEWAY);
        assertThat(problem.path("service").asString()).isEqualTo("payment-service");
    }

    @Test
    void slowServiceIsGatewayTimeoutAfterTheResponseTimeout() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(StubService.SLOW_PATH)).GET());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertProblem(response, ProblemType.GATEWAY_TIMEOUT);
        assertThat(took).isGreaterThanOrEqualTo(GatewayTestBed.RESPONSE_TIMEOUT)
                .isLessThan(GatewayTestBed.RESPONSE_TIMEOUT.plusSeconds(2));
    }

    @Test
    void idempotentCallsSkipADeadInstance() throws Exception {
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/about/auth-service")).GET());
            assertThat(response.statusCode()).as("call %d", i).isEqualTo(200);
        }
    }

    @Test
    void stoppedServiceIsBadGatewayThenUnavailableOnceDeregistered() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/v1/conversations/7")).header("Authorization", bearer).GET()).statusCode()).isEqualTo(200);

        bed.chat.close();
        assertProblem(send(HttpRequest.newBuilder(uri("/v1/conversations/7")).header("Authorization", bearer).GET()), ProblemType.BAD_GATEWAY);

        bed.registry.deregister("chat-service", bed.chatInstanceId);
        bed.awaitInstances("chat-service", 0);
        JsonNode problem = assertProblem(send(HttpRequest.newBuilder(uri("/v1/conversations/7")).header("Authorization", bearer).GET()),
                ProblemType.SERVICE_UNAVAILABLE);
        assertThat(problem.path("detail").asString()).contains("no instance");
    }

    @Test
    void openCircuitAnswersServiceUnavailableAtOnce() throws Exception {
        for (int i = 0; i < GatewayTestBed.CIRCUIT_WINDOW; i++) {
            assertProblem(send(HttpRequest.newBuilder(uri("/v1/roles")).header("Authorization", adminBearer).GET()), ProblemType.BAD_GATEWAY);
        }
        JsonNode problem = assertProblem(send(HttpRequest.newBuilder(uri("/v1/roles")).header("Authorization", adminBearer).GET()),
                ProblemType.SERVICE_UNAVAILABLE);
        assertThat(problem.path("detail").asString()).contains("paused");
        assertThat(problem.path("service").asString()).isEqualTo("rbac-service");
    }

    @ParameterizedTest
    @CsvSource({
            "/v1/users/7/roles, rbac-service, lb://rbac-service",
            "/v1/users/7/roles/PRODUCT_ADMIN, rbac-service, lb://rbac-service",
            "/v1/me/permissions, rbac-service, lb://rbac-service",
            "/v1/resource-categories/product, rbac-service, lb://rbac-service",
            "/v1/rbac-audit, rbac-service, lb://rbac-service",
            "/v1/rbac-audit/7, rbac-service, lb://rbac-service",
            "/v1/users/7, auth-service, lb://auth-service",
            "/v1/users, auth-service, lb://auth-service",
            "/.well-known/jwks.json, auth-service, lb://auth-service",
            "/v1/reviews/3, catalog-service, lb://catalog-service",
            "/v1/departures/12, catalog-service, lb://catalog-service",
            "/v1/chat/rooms, chat-service, lb://chat-service",
            "/ws/chat, chat-service-websocket, lb:ws://chat-service",
            "/v1/behaviours, recommend-service, lb://recommend-service",
            "/v1/payments/9, payment-service, lb://payment-service",
            "/v1/about/payment-service, payment-service, lb://payment-service"})
    void firstMatchingRouteWins(String path, String routeId, String uri) {
        RouteLocator routes = bed.gateway.getBean(RouteLocator.class);
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(path));

        Route route = routes.getRoutes().filterWhen(candidate -> candidate.getPredicate().apply(exchange)).blockFirst();

        assertThat(route).isNotNull();
        assertThat(route.getId()).isEqualTo(routeId);
        assertThat(route.getUri()).hasToString(uri);
    }

    @Test
    void logsCarryTheRequestIdThroughTheReactiveChain() throws Exception {
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        Logger fallbackLog = (Logger) LoggerFactory.getLogger("io.wayfarer.gateway.routing.FallbackController");
        events.start();
        fallbackLog.addAppender(events);
        try {
            send(HttpRequest.newBuilder(uri("/v1/recommendations")).header("Authorization", bearer).header(RequestId.HEADER, "logged-request-1").GET());
        } finally {
            fallbackLog.detachAppender(events);
        }
        assertThat(events.list).anySatisfy(event -> {
            assertThat(event.getMDCPropertyMap()).containsEntry(RequestId.MDC_KEY, "logged-request-1");
            assertThat(event.getMDCPropertyMap().get("traceId")).isNotBlank();
        });
    }

    @Test
    void exposesPerRouteAndCircuitBreakerMetrics() throws Exception {
        send(HttpRequest.newBuilder(uri("/v1/about/catalog-service")).GET());
        String metrics = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()).body();

        assertThat(metrics).contains("gateway_upstream_requests_seconds_count{")
                .contains("spring_cloud_gateway_route_id=\"catalog-service\"")
                .contains("resilience4j_circuitbreaker_state{");
    }

    @Test
    void countsTheProblemsItAnswersByStatusAndType() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/v1/orders/1")).GET()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/v1/trips/%2e%2e/orders")).GET()).statusCode()).isEqualTo(400);
        String metrics = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()).body();

        assertThat(metrics).containsPattern("wayfarer_gateway_problems_total\\{[^}]*status=\"401\",type=\"unauthenticated\"[^}]*} [1-9]")
                .containsPattern("wayfarer_gateway_problems_total\\{[^}]*status=\"400\"[^}]*} [1-9]");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + bed.port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertProblem(HttpResponse<String> response, ProblemType type) {
        return assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), type);
    }

    static JsonNode assertProblem(int status, String contentType, String body, ProblemType type) {
        assertThat(status).as(body).isEqualTo(type.status().value());
        assertThat(contentType).startsWith("application/problem+json");
        JsonNode problem = json.readTree(body);
        assertThat(problem.path("type").asString()).isEqualTo(type.uri().toString());
        assertThat(problem.path("title").asString()).isEqualTo(type.title());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("requestId").asString()).isNotBlank();
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("trace");
        return problem;
    }
}
