package io.wayfarer.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Destinations and experts follow the same conventions as trips. */
@CatalogIntegrationTest
class DestinationAndExpertIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void destinationsAreListedFilteredCachedAndSoftDeleted() {
        CatalogApi api = new CatalogApi(port);
        String country = CatalogApi.unique("Nepal");
        long pokhara = api.destination("Pokhara", country, "lakes", "trekking");
        api.destination("Kathmandu", country, "temples");
        api.destination("Lumbini", country, "temples");

        HttpResponse<String> page = api.get("/v1/destinations?country=" + country.replace(" ", "%20")
                + "&sortby=name&order=desc&limit=2", null);
        assertThat(page.statusCode()).isEqualTo(200);
        JsonNode body = CatalogApi.body(page);
        assertThat(body.path("total").asLong()).isEqualTo(3);
        assertThat(body.path("items").findValuesAsString("name")).containsExactly("Pokhara", "Lumbini");
        assertThat(page.headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"");
        assertThat(CatalogApi.body(api.get("/v1/destinations?country=" + country.replace(" ", "%20") + "&tag=temples", null))
                .path("total").asLong()).isEqualTo(2);

        HttpResponse<String> one = api.get("/v1/destinations/" + pokhara, null);
        String etag = one.headers().firstValue("ETag").orElseThrow();
        assertThat(api.get("/v1/destinations/" + pokhara, null, "If-None-Match", etag).statusCode()).isEqualTo(304);
        HttpResponse<String> patched = api.patch("/v1/destinations/" + pokhara, "{\"region\":\"Gandaki\"}", api.staff(),
                "If-Match", etag);
        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(CatalogApi.body(api.get("/v1/destinations/" + pokhara, null)).path("region").asString())
                .isEqualTo("Gandaki");
        assertThat(api.put("/v1/destinations/" + pokhara, "{\"name\":\"\",\"country\":\"Nepal\"}", api.staff())
                .statusCode()).isEqualTo(422);
        assertThat(api.delete("/v1/destinations/" + pokhara, TestIdentity.traveller()).statusCode()).isEqualTo(403);
        assertThat(api.delete("/v1/destinations/" + pokhara, api.staff()).statusCode()).isEqualTo(204);
        assertThat(api.get("/v1/destinations/" + pokhara, null).statusCode()).isEqualTo(410);
        assertThat(api.post("/v1/trips", TripFixture.aTrip().to(pokhara).json(), api.staff()).statusCode())
                .as("no new trips to a deleted destination").isEqualTo(422);
    }

    @Test
    void expertsAreListedByLanguageAndSpecialty() {
        CatalogApi api = new CatalogApi(port);
        String language = "x-" + CatalogApi.unique("lang").replace(" ", "");
        long ming = api.expert("Ming Zhao", language, "en");
        api.expert("Sara Okafor", language);
        api.expert("Tomas Berg", "sv");
        JsonNode experts = CatalogApi.body(api.get("/v1/experts?language=" + language + "&sortby=display_name", null));
        assertThat(experts.path("items").findValuesAsString("displayName")).containsExactly("Ming Zhao", "Sara Okafor");
        JsonNode one = CatalogApi.body(api.get("/v1/experts/" + ming, null));
        assertThat(one.path("languages").findValuesAsString("")).isEmpty();
        assertThat(one.path("languages").get(0).asString()).isEqualTo(language);
        assertThat(one.path("averageRating").decimalValue()).isZero();
        assertThat(api.get("/v1/experts?sortby=rating&order=desc&per_page=5", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/v1/experts/424242", null).statusCode()).isEqualTo(404);
    }
}
