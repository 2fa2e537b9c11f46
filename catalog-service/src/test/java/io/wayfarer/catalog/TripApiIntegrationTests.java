package io.wayfarer.catalog;

import static io.wayfarer.catalog.TripFixture.aTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.problem.ProblemType;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The REST conventions (docs/api-conventions.md) on the trips resource, over real HTTP. */
@CatalogIntegrationTest
class TripApiIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    CatalogApi api;
    TestIdentity staff;
    long kyoto;
    long emma;

    @BeforeEach
    void setUp() {
        api = new CatalogApi(port);
        staff = api.staff();
        kyoto = api.destination(CatalogApi.unique("Kyoto"), "Japan", "temples");
        emma = api.expert(CatalogApi.unique("Emma Lin"), "en", "zh");
    }

    @Test
    void listsPageBothWaysSortFilterAndLink() {
        long cheap = api.trip(aTrip().to(kyoto).titled("Bamboo dawn walk").priced("800.00").tagged("walking"));
        api.trip(aTrip().to(kyoto).titled("Kaiseki evenings").priced("5200.00").tagged("food").ledBy(emma));
        api.trip(aTrip().to(kyoto).titled("Temple lodging").priced("2400.00").tagged("temples"));
        api.trip(aTrip().to(kyoto).titled("Sake brewery day").priced("1500.00").tagged("food"));
        api.trip(aTrip().to(kyoto).titled("Geisha district night").priced("3100.00").summary("Gion after dark"));
        api.trip(aTrip().to(kyoto).titled("Secret draft").draft());
        api.departure(cheap, LocalDate.now().plusDays(60).toString(), 10);

        HttpResponse<String> first = api.get("/v1/trips?destination_id=" + kyoto + "&limit=2&sortby=price&order=desc", null);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode page = CatalogApi.body(first);
        assertThat(page.path("total").asLong()).isEqualTo(5);
        assertThat(page.path("items").findValuesAsString("title")).containsExactly("Kaiseki evenings", "Geisha district night");
        String link = first.headers().firstValue("Link").orElseThrow();
        assertThat(link).contains("rel=\"first\"").contains("rel=\"next\"").contains("rel=\"last\"")
                .doesNotContain("rel=\"prev\"").contains("offset=2").contains("offset=4");

        JsonNode second = CatalogApi.body(api.get("/v1/trips?destination_id=" + kyoto + "&page=2&per_page=2&sortby=price", null));
        assertThat(second.path("offset").asLong()).isEqualTo(2);
        assertThat(second.path("items").findValuesAsString("title")).containsExactly("Temple lodging", "Geisha district night");

        problem(api.get("/v1/trips?limit=2&page=1", null), 400, ProblemType.MALFORMED_REQUEST);
        problem(api.get("/v1/trips?sortby=password", null), 400, ProblemType.MALFORMED_REQUEST);
        problem(api.get("/v1/trips?order=sideways", null), 400, ProblemType.MALFORMED_REQUEST);
        problem(api.get("/v1/trips?price_min=cheap", null), 400, ProblemType.MALFORMED_REQUEST);

        assertThat(titles("/v1/trips?destination_id=" + kyoto + "&price_min=1000&price_max=3100&sortby=price"))
                .containsExactly("Sake brewery day", "Temple lodging", "Geisha district night");
        assertThat(titles("/v1/trips?destination_id=" + kyoto + "&tag=food&sortby=title"))
                .containsExactly("Kaiseki evenings", "Sake brewery day");
        assertThat(titles("/v1/trips?expert_id=" + emma)).containsExactly("Kaiseki evenings");
        assertThat(titles("/v1/trips?destination_id=" + kyoto + "&q=GION")).containsExactly("Geisha district night");
        assertThat(titles("/v1/trips?destination_id=" + kyoto + "&q=%25")).isEmpty();
        assertThat(titles("/v1/trips?destination_id=" + kyoto + "&departs_after=" + LocalDate.now().plusDays(30)))
                .containsExactly("Bamboo dawn walk");

        JsonNode drafts = CatalogApi.body(api.get("/v1/trips?destination_id=" + kyoto + "&status=draft", staff));
        assertThat(drafts.path("items").findValuesAsString("title")).containsExactly("Secret draft");
        assertThat(titles("/v1/trips?destination_id=" + kyoto + "&status=draft")).doesNotContain("Secret draft");
    }

    @Test
    void oneTripCarriesAnETagAndAnswersNotModified() {
        long id = api.trip(aTrip().to(kyoto).ledBy(emma));
        HttpResponse<String> read = api.get("/v1/trips/" + id, null);
        assertThat(read.statusCode()).isEqualTo(200);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"0\"");
        JsonNode trip = CatalogApi.body(read);
        assertThat(trip.path("price").decimalValue()).isEqualByComparingTo("2999.00");
        assertThat(trip.path("currency").asString()).isEqualTo("CNY");
        assertThat(trip.path("expertId").asLong()).isEqualTo(emma);

        HttpResponse<String> again = api.get("/v1/trips/" + id, null, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("ETag")).contains(etag);
        assertThat(api.get("/v1/trips/" + id, null, "If-None-Match", "\"41\"").statusCode()).isEqualTo(200);

        long draft = api.trip(aTrip().to(kyoto).draft());
        problem(api.get("/v1/trips/" + draft, null), 404, ProblemType.NOT_FOUND);
        problem(api.get("/v1/trips/" + draft, TestIdentity.traveller()), 404, ProblemType.NOT_FOUND);
        assertThat(api.get("/v1/trips/" + draft, staff).statusCode()).isEqualTo(200);
    }

    @Test
    void createReplacePatchAndDeleteFollowTheConventions() {
        HttpResponse<String> created = api.post("/v1/trips", aTrip().to(kyoto).titled("Moss gardens").json(), staff);
        assertThat(created.statusCode()).isEqualTo(201);
        long id = CatalogApi.body(created).path("id").asLong();
        assertThat(created.headers().firstValue("Location")).contains("/v1/trips/" + id);
        assertThat(created.headers().firstValue("ETag")).contains("\"0\"");

        HttpResponse<String> replaced = api.put("/v1/trips/" + id,
                aTrip().to(kyoto).titled("Moss gardens at dawn").tagged("gardens").with("coverImageUrl", null).json(),
                staff, "If-Match", "\"0\"");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(replaced.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(CatalogApi.body(replaced).path("tags").findValuesAsString("")).isEmpty();
        assertThat(CatalogApi.body(replaced).path("coverImageUrl").isNull()).isTrue();

        HttpResponse<String> patched = api.patch("/v1/trips/" + id,
                "{\"price\": 3333.50, \"summary\": \"Moss, stone and silence\", \"expertId\": " + emma + "}", staff);
        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode trip = CatalogApi.body(patched);
        assertThat(trip.path("price").decimalValue()).isEqualByComparingTo("3333.50");
        assertThat(trip.path("title").asString()).isEqualTo("Moss gardens at dawn");
        assertThat(trip.path("expertId").asLong()).isEqualTo(emma);
        assertThat(api.patch("/v1/trips/" + id, "{\"expertId\": null}", staff).statusCode()).isEqualTo(200);
        assertThat(CatalogApi.body(api.get("/v1/trips/" + id, null)).path("expertId").isNull()).isTrue();

        JsonNode stale = problem(api.patch("/v1/trips/" + id, "{\"price\": 1}", staff, "If-Match", "\"1\""), 412,
                ProblemType.PRECONDITION_FAILED);
        assertThat(stale.path("detail").asString()).contains("\"3\"");
        problem(api.patch("/v1/trips/" + id, "{\"price\": -1, \"currency\": \"USD\"}", staff), 422,
                ProblemType.VALIDATION_FAILED);
        problem(api.patch("/v1/trips/" + id, "[1,2]", staff), 400, ProblemType.MALFORMED_REQUEST);

        assertThat(api.delete("/v1/trips/" + id, staff, "If-Match", "\"3\"").statusCode()).isEqualTo(204);
        problem(api.get("/v1/trips/" + id, null), 410, ProblemType.GONE);
        problem(api.get("/v1/trips/" + id, staff), 410, ProblemType.GONE);
        problem(api.put("/v1/trips/" + id, aTrip().to(kyoto).json(), staff), 410, ProblemType.GONE);
        problem(api.delete("/v1/trips/" + id, staff), 410, ProblemType.GONE);
        problem(api.get("/v1/trips/987654321", null), 404, ProblemType.NOT_FOUND);
        problem(api.put("/v1/trips/987654321", aTrip().to(kyoto).json(), staff), 404, ProblemType.NOT_FOUND);
        assertThat(titles("/v1/trips?destination_id=" + kyoto)).doesNotContain("Moss gardens at dawn");
    }

    @Test
    void badRequestsGetTheirOwnStatusAndChangeNothing() {
        long before = trips();
        JsonNode invalid = problem(api.post("/v1/trips", aTrip().to(kyoto).titled(" ").priced("-5").days(0)
                .with("currency", "USD").with("status", "sold").with("coverImageUrl", "javascript:alert(1)").json(),
                staff), 422, ProblemType.VALIDATION_FAILED);
        assertThat(invalid.path("errors").findValuesAsString("field"))
                .contains("title", "price", "durationDays", "currency", "status", "coverImageUrl");
        JsonNode unknownDestination = problem(api.post("/v1/trips", aTrip().to(424242).ledBy(434343).json(), staff),
                422, ProblemType.VALIDATION_FAILED);
        assertThat(unknownDestination.path("errors").findValuesAsString("field")).contains("destinationId", "expertId");

        problem(api.post("/v1/trips", "{\"title\": ", staff), 400, ProblemType.MALFORMED_REQUEST);
        problem(api.send("POST", "/v1/trips", "text/plain", "title=x", staff), 415, ProblemType.UNSUPPORTED_MEDIA_TYPE);
        problem(api.send("PATCH", "/v1/trips/1", "application/xml", "<trip/>", staff), 415,
                ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertThat(api.get("/v1/trips", null, "Accept", "application/xml").statusCode()).isEqualTo(406);
        problem(api.post("/v1/trips", aTrip().to(kyoto).with("description", "x".repeat(70_000)).json(), staff), 413,
                ProblemType.PAYLOAD_TOO_LARGE);
        problem(api.post("/v1/trips", aTrip().to(kyoto).json(), null), 401, ProblemType.UNAUTHENTICATED);
        problem(api.post("/v1/trips", aTrip().to(kyoto).json(), TestIdentity.traveller()), 403, ProblemType.FORBIDDEN);
        // identity headers that disagree with the token did not come through the gateway
        assertThat(api.send("POST", "/v1/trips", "application/json", aTrip().to(kyoto).json(), null,
                "Authorization", "Bearer " + staff.token(), "X-User-Id", TestIdentity.traveller().userId().toString(),
                "X-Session-Id", staff.sessionId().toString(), "X-User-Roles", "SUPER_ADMIN").statusCode()).isEqualTo(401);
        assertThat(trips()).isEqualTo(before);
    }

    @Test
    void aConcurrentUpdateThatLosesTheRaceIsAConflict() throws Exception {
        long id = api.trip(aTrip().to(kyoto));
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM trip WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, id);
                lock.executeQuery();
            }
            CompletableFuture<HttpResponse<String>> put = CompletableFuture.supplyAsync(() ->
                    api.put("/v1/trips/" + id, aTrip().to(kyoto).titled("Mine").json(), staff));
            awaitBlockedOnALock();
            try (PreparedStatement update = other.prepareStatement(
                    "UPDATE trip SET title = 'Theirs', version = version + 1 WHERE id = ?")) {
                update.setLong(1, id);
                update.executeUpdate();
            }
            other.commit();
            problem(put.get(), 409, ProblemType.CONFLICT);
        }
        assertThat(jdbc.queryForObject("SELECT title FROM trip WHERE id = ?", String.class, id)).isEqualTo("Theirs");
    }

    private void awaitBlockedOnALock() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Integer waiting = jdbc.queryForObject("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'""", Integer.class);
            if (waiting != null && waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the PUT never waited for the row lock");
    }

    private java.util.List<String> titles(String path) {
        HttpResponse<String> response = api.get(path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return CatalogApi.body(response).path("items").findValuesAsString("title");
    }

    private long trips() {
        return jdbc.queryForObject("SELECT count(*) FROM trip", Long.class);
    }

    static JsonNode problem(HttpResponse<String> response, int status, ProblemType type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode body = CatalogApi.body(response);
        if (type != null) {
            assertThat(body.path("type").asString()).isEqualTo(type.uri().toString());
        }
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return body;
    }
}
