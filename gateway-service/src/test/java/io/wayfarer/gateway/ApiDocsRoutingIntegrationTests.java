package io.wayfarer.gateway;

import static io.wayfarer.gateway.GatewayRoutingIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.platform.requestid.RequestId;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/api-docs/<service>} (W4): the OpenAPI document of an allow-listed service
 * ({@code wayfarer.gateway.api-docs.services}, catalog-service by default), fetched through discovery
 * from its {@code /v3/api-docs}, anonymously (rbac-service's V11 grants it to ANONYMOUS). Any other
 * service name, or any other path under {@code /v1/api-docs}, is not routed.
 */
class ApiDocsRoutingIntegrationTests {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static GatewayTestBed bed;

    @BeforeAll
    static void deploy() {
        bed = GatewayTestBed.get();
    }

    @Test
    void allowListedServiceDocumentIsServedFromItsV3ApiDocs() {
        String requestId = RequestId.acceptOrGenerate(null);
        HttpResponse<String> response = EdgeHttp.get(bed.port, "/v1/api-docs/catalog-service", RequestId.HEADER, requestId);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode document = json.readTree(response.body());
        assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(document.path("info").path("title").asString()).isEqualTo("catalog-service");
        StubService.Received received = bed.catalog.receivedWithRequestId(requestId);
        assertThat(received).isNotNull();
        assertThat(received.method()).isEqualTo("GET");
        assertThat(received.rawPath()).isEqualTo(StubService.API_DOCS_PATH);
        assertThat(received.hasHeaderStartingWith("X-User-")).isFalse();
    }

    @Test
    void documentIsPublicButATokenIsStillChecked() {
        HttpResponse<String> withToken = EdgeHttp.get(bed.port, "/v1/api-docs/catalog-service",
                "Authorization", bed.sessions.create("TRAVELLER").bearer());
        HttpResponse<String> badToken = EdgeHttp.get(bed.port, "/v1/api-docs/catalog-service", "Authorization", "Bearer x.y.z");

        assertThat(withToken.statusCode()).isEqualTo(200);
        assertProblem(badToken.statusCode(), badToken.headers().firstValue("Content-Type").orElse(""), badToken.body(),
                ProblemType.UNAUTHENTICATED);
    }

    @Test
    void serviceOutsideTheAllowListIsNotFound() {
        int received = bed.catalog.received().size();
        for (String path : List.of("/v1/api-docs/payment-service", "/v1/api-docs/rbac-service", "/v1/api-docs/unknown-service",
                "/v1/api-docs/CATALOG-SERVICE", "/v1/api-docs/catalog-service/extra", "/v1/api-docs/catalog-service/",
                "/v1/api-docs/", "/v1/api-docs", "/v1/api-docs/catalog-servicex")) {
            HttpResponse<String> response = EdgeHttp.get(bed.port, path);

            assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    ProblemType.NOT_FOUND);
        }
        assertThat(bed.catalog.received()).hasSize(received);
    }

    @Test
    void pathTricksDoNotReachOtherPathsOfTheService() {
        for (String target : List.of("/v1/api-docs/catalog-service/..%2f..%2finternal", "/v1/api-docs/..%2fcatalog-service",
                "/v1/api-docs/catalog-service%2f..%2f..%2fv1%2ftrips", "/v1/api-docs/catalog-service/../../internal/v1/seats")) {
            RawHttp.Response response = RawHttp.get(bed.port, target);

            assertThat(response.status()).as(target).isIn(400, 404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void writesAreNotGranted() {
        HttpResponse<String> response = EdgeHttp.post(bed.port, "/v1/api-docs/catalog-service", "{}");

        assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                ProblemType.UNAUTHENTICATED);
    }
}
