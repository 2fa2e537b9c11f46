package io.wayfarer.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.requestid.RequestId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The behaviour every Wayfarer service shares, checked over real HTTP against a running
 * instance: its about endpoint, RFC 9457 errors (404, 405) without leaks, request-id
 * propagation, health probes and Prometheus metrics, and no actuator endpoint beyond those.
 */
public final class ServiceSkeletonChecks {

    private static final JsonMapper json = JsonMapper.builder().build();
    /**
     * Actuator endpoints that leak secrets or internals (environment and configuration values, heap and thread
     * dumps, beans and routes) or change the process (shutdown, log levels, the gateway's routes): never exposed,
     * on the public port nor on the management port (wayfarer-defaults: health, info, prometheus, metrics).
     */
    static final java.util.List<String> UNEXPOSED_ENDPOINTS = java.util.List.of("/actuator/env", "/actuator/heapdump",
            "/actuator/threaddump", "/actuator/configprops", "/actuator/gateway", "/actuator/gateway/routes",
            "/actuator/beans", "/actuator/mappings", "/actuator/loggers", "/actuator/shutdown");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String management;
    private final String service;

    private ServiceSkeletonChecks(int port, int managementPort, String service) {
        this.base = "http://localhost:" + port;
        this.management = "http://localhost:" + managementPort;
        this.service = service;
    }

    public static ServiceSkeletonChecks against(int port, String service) {
        return new ServiceSkeletonChecks(port, port, service);
    }

    /** For an application whose actuator listens on a management port of its own (the gateway). */
    public static ServiceSkeletonChecks against(int port, int managementPort, String service) {
        return new ServiceSkeletonChecks(port, managementPort, service);
    }

    /** Flyway versions applied to the context's database, in order. */
    public static java.util.List<String> appliedMigrations(org.springframework.jdbc.core.JdbcTemplate jdbc) {
        return jdbc.queryForList(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank",
                String.class);
    }

    public void verifyAll() throws IOException, InterruptedException {
        answersAbout();
        unknownPathIsProblemNotFound();
        wrongMethodIsProblem();
        requestIdIsKeptOrMade();
        probesAndMetricsAreUp();
        sensitiveActuatorEndpointsAreNotExposed();
    }

    public void answersAbout() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/v1/about/" + service, null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("service").asString()).isEqualTo(service);
        assertThat(body.path("instance").asString()).endsWith(":" + base.substring(base.lastIndexOf(':') + 1));
    }

    public void unknownPathIsProblemNotFound() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/v1/no-such-thing/42", "abcdef0123456789");
        assertProblem(response, 404, ProblemType.NOT_FOUND);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("instance").asString()).isEqualTo("/v1/no-such-thing/42");
        assertThat(body.path("requestId").asString()).isEqualTo("abcdef0123456789");
    }

    public void wrongMethodIsProblem() throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/v1/about/" + service))
                .DELETE().build());
        assertProblem(response, 405, ProblemType.METHOD_NOT_ALLOWED);
    }

    public void requestIdIsKeptOrMade() throws IOException, InterruptedException {
        assertThat(get("/v1/about/" + service, "req-1234567890").headers().firstValue(RequestId.HEADER))
                .contains("req-1234567890");
        String injected = get("/v1/about/" + service, "bad id; X-Evil: 1").headers()
                .firstValue(RequestId.HEADER).orElseThrow();
        assertThat(RequestId.isAcceptable(injected)).isTrue();
        assertThat(injected).doesNotContain("Evil");
    }

    public void probesAndMetricsAreUp() throws IOException, InterruptedException {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(management + probe)).GET().build());
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(json.readTree(response.body()).path("status").asString()).isEqualTo("UP");
        }
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(management + "/actuator/prometheus"))
                .GET().build());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"" + service + "\"").contains("http_server_requests");
    }

    /**
     * Each of {@link #UNEXPOSED_ENDPOINTS} answers 404 to GET and POST on the management port and the public port,
     * and says nothing of itself. One exception, by design: the gateway's edge filters run on both its ports and
     * refuse every {@code /actuator/**} other than health and prometheus before any actuator is asked — its
     * default deny, 401 without a token (gateway-service AccessPolicy) — so there a 401 also means "not exposed"
     * (found by the fault drill on the real jars, whose gateways have a management port of their own); and the
     * anonymous per-address bucket runs dry in the middle of the list with real limits, so a 429 (refused before
     * anything is looked up) counts as well there.
     */
    public void sensitiveActuatorEndpointsAreNotExposed() throws IOException, InterruptedException {
        for (String root : base.equals(management) ? java.util.List.of(base) : java.util.List.of(base, management)) {
            java.util.Set<Integer> refusals = service.equals("gateway-service")
                    ? java.util.Set.of(404, 401, 429) : java.util.Set.of(404);
            for (String endpoint : UNEXPOSED_ENDPOINTS) {
                for (String method : new String[] {"GET", "POST"}) {
                    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(root + endpoint))
                            .method(method, HttpRequest.BodyPublishers.noBody()).build());
                    assertThat(response.statusCode()).as("%s %s%s must not be exposed", method, root, endpoint)
                            .isIn(refusals);
                    assertThat(response.body()).as("%s %s%s", method, root, endpoint)
                            .doesNotContain("propertySources").doesNotContain("activeProfiles").doesNotContain("threadName")
                            .doesNotContain("\"beans\"").doesNotContain("\"contexts\"").doesNotContain("route_id")
                            .doesNotContain("Shutting down");
                }
            }
        }
    }

    static void assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("type").asString()).isEqualTo(type.uri().toString());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("trace");
    }

    private HttpResponse<String> get(String path, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (requestId != null) {
            request.header(RequestId.HEADER, requestId);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
