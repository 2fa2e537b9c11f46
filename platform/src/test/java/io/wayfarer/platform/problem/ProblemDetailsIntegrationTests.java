package io.wayfarer.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.wayfarer.platform.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every way a request can go wrong in a servlet service ends in the same RFC 9457 shape. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ProblemDetailsIntegrationTests.App.class,
        properties = {"spring.application.name=problem-probe", "eureka.client.enabled=false",
                "wayfarer.http.max-body-size=1KB"})
@ContextConfiguration(initializers = RealInfrastructure.class)
class ProblemDetailsIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void validationFailureIs422WithFieldErrors() throws Exception {
        HttpResponse<String> response = post("/probe/trips", "{\"title\":\"\",\"seats\":99}", "application/json");
        JsonNode body = assertProblem(response, 422, ProblemType.VALIDATION_FAILED);
        assertThat(body.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("title", "seats");
    }

    @Test
    void invalidQueryParameterIs422() throws Exception {
        JsonNode body = assertProblem(get("/probe/items?limit=500"), 422, ProblemType.VALIDATION_FAILED);
        assertThat(body.path("errors").get(0).path("field").asString()).isEqualTo("limit");
    }

    @Test
    void malformedJsonIs400WithoutParserDetails() throws Exception {
        HttpResponse<String> response = post("/probe/trips", "{\"title\": ", "application/json");
        assertProblem(response, 400, ProblemType.MALFORMED_REQUEST);
        assertThat(response.body()).doesNotContain("jackson").doesNotContain("line:");
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String big = "{\"title\":\"" + "x".repeat(4000) + "\",\"seats\":1}";
        assertProblem(post("/probe/trips", big, "application/json"), 413, ProblemType.PAYLOAD_TOO_LARGE);
    }

    @Test
    void oversizedChunkedBodyIs413() throws Exception {
        byte[] big = ("{\"title\":\"" + "x".repeat(4000) + "\",\"seats\":1}").getBytes();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/probe/trips"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 413, ProblemType.PAYLOAD_TOO_LARGE);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        assertProblem(post("/probe/trips", "title=x", "application/x-www-form-urlencoded"), 415,
                ProblemType.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void unproducibleAcceptIs406() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/probe/items?limit=1"))
                .header("Accept", "application/xml").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(406);
    }

    @Test
    void badPathVariableIs400() throws Exception {
        assertProblem(get("/probe/items/not-a-number"), 400, ProblemType.MALFORMED_REQUEST);
    }

    @Test
    void domainStatusKeepsItsStatusAndGetsAType() throws Exception {
        assertProblem(get("/probe/items/410"), 410, ProblemType.GONE);
    }

    @Test
    void unexpectedFailureIs500AndLeaksNothing() throws Exception {
        HttpResponse<String> response = get("/probe/boom");
        assertProblem(response, 500, ProblemType.INTERNAL_ERROR);
        assertThat(response.body()).doesNotContain("secret-table").doesNotContain("IllegalStateException");
    }

    @Test
    void aLostDatabaseConnectionIs503WithRetryAfterNot500() throws Exception {
        HttpResponse<String> response = get("/probe/database-gone");
        assertProblem(response, 503, ProblemType.SERVICE_UNAVAILABLE);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(response.body()).doesNotContain("backend").doesNotContain("SQLException");
    }

    @Test
    void aRollbackThatFailsOnTheDeadConnectionIs503Too() throws Exception {
        HttpResponse<String> response = get("/probe/rollback-on-dead-connection");
        assertProblem(response, 503, ProblemType.SERVICE_UNAVAILABLE);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void unknownPathIs404Problem() throws Exception {
        JsonNode body = assertProblem(get("/nothing/here"), 404, ProblemType.NOT_FOUND);
        assertThat(body.path("instance").asString()).isEqualTo("/nothing/here");
        assertThat(body.path("requestId").asString()).isNotBlank();
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("type").asString()).isEqualTo(type.uri().toString());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("\tat ");
        return body;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String contentType)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    @SpringBootApplication
    @Import(ProbeController.class)
    static class App {
    }

    record NewTrip(@NotBlank @Size(max = 80) String title, @Max(10) int seats) {
    }

    @RestController
    @Validated
    static class ProbeController {

        @PostMapping(path = "/probe/trips", consumes = MediaType.APPLICATION_JSON_VALUE)
        NewTrip create(@Valid @RequestBody NewTrip trip) {
            return trip;
        }

        @GetMapping(path = "/probe/items", produces = MediaType.APPLICATION_JSON_VALUE)
        String items(@RequestParam @Max(100) int limit) {
            return "[]";
        }

        @GetMapping("/probe/items/{id}")
        String item(@PathVariable long id) {
            throw new ResponseStatusException(HttpStatus.valueOf((int) id), "gone for good");
        }

        @GetMapping("/probe/boom")
        String boom() {
            throw new IllegalStateException("cannot read secret-table");
        }

        @GetMapping("/probe/database-gone")
        String databaseGone() {
            // what a pooled connection to a restarted PostgreSQL throws (SQLState 08006), wrapped as Spring does
            throw new IllegalStateException("could not execute statement",
                    new java.sql.SQLException("An I/O error occurred while sending to the backend", "08006"));
        }

        @GetMapping("/probe/rollback-on-dead-connection")
        String rollbackOnDeadConnection() {
            // seen in the fault drill during a PostgreSQL restart: the statement failed with 08006, then the rollback
            // on the same pooled connection (closed by HikariCP meanwhile) failed too, and only the rollback's error
            // surfaces: JpaSystemException <- TransactionException <- SQLException("Connection is closed"), no SQLState
            throw new IllegalStateException("Unable to rollback against JDBC Connection",
                    new IllegalStateException("Unable to rollback against JDBC Connection",
                            new java.sql.SQLException("Connection is closed")));
        }
    }
}
