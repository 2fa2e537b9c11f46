package io.wayfarer.catalog;

import static io.wayfarer.catalog.TripFixture.aTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Reviews: one per traveller and trip, author-only edits, aggregates on the trip and its expert. */
@CatalogIntegrationTest
class ReviewIntegrationTests {

    @LocalServerPort
    int port;

    CatalogApi api;
    long expert;
    long trip;

    @BeforeEach
    void setUp() {
        api = new CatalogApi(port);
        expert = api.expert(CatalogApi.unique("Zhou Min"), "zh", "en");
        trip = api.trip(aTrip().to(api.destination(CatalogApi.unique("Huangshan"), "China")).ledBy(expert));
    }

    @Test
    void travellersReviewOnceAndTheAggregatesFollowEveryChange() {
        TestIdentity ada = TestIdentity.traveller();
        TestIdentity bo = TestIdentity.traveller();
        HttpResponse<String> written = review(ada, 5, "Sea of clouds at sunrise");
        assertThat(written.statusCode()).isEqualTo(201);
        long adaReview = CatalogApi.body(written).path("id").asLong();
        assertThat(written.headers().firstValue("Location")).contains("/v1/reviews/" + adaReview);
        assertThat(review(bo, 2, "Too many stairs").statusCode()).isEqualTo(201);

        HttpResponse<String> again = review(ada, 4, "Second thoughts");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(CatalogApi.body(again).path("type").asString()).endsWith("/review-exists");
        assertThat(rating("/v1/trips/" + trip)).isEqualTo("3.50/2");
        assertThat(rating("/v1/experts/" + expert)).isEqualTo("3.50/2");

        assertThat(api.patch("/v1/reviews/" + adaReview, "{\"rating\": 3}", bo).statusCode()).isEqualTo(403);
        assertThat(api.patch("/v1/reviews/" + adaReview, "{\"rating\": 9}", ada).statusCode()).isEqualTo(422);
        assertThat(api.patch("/v1/reviews/" + adaReview, "{\"rating\": 4}", ada, "If-Match", "\"7\"").statusCode())
                .isEqualTo(412);
        HttpResponse<String> changed = api.patch("/v1/reviews/" + adaReview, "{\"rating\": 4}", ada, "If-Match", "\"0\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(CatalogApi.body(changed).path("text").asString()).isEqualTo("Sea of clouds at sunrise");
        assertThat(rating("/v1/trips/" + trip)).isEqualTo("3.00/2");

        assertThat(api.delete("/v1/reviews/" + adaReview, bo).statusCode()).isEqualTo(403);
        assertThat(api.delete("/v1/reviews/" + adaReview, ada).statusCode()).isEqualTo(204);
        assertThat(api.get("/v1/reviews/" + adaReview, null).statusCode()).isEqualTo(410);
        assertThat(rating("/v1/trips/" + trip)).isEqualTo("2.00/1");
        assertThat(rating("/v1/experts/" + expert)).isEqualTo("2.00/1");
        assertThat(review(ada, 5, "Came back, loved it").statusCode()).as("a deleted review may be rewritten")
                .isEqualTo(201);

        JsonNode list = CatalogApi.body(api.get("/v1/trips/" + trip + "/reviews?sortby=rating&order=desc", null));
        assertThat(list.path("total").asLong()).isEqualTo(2);
        assertThat(list.path("items").findValuesAsString("authorName")).containsExactly("Ada", "Ada");
        assertThat(review(api.staff(), 5, "Staff do not review").statusCode()).isEqualTo(403);
        assertThat(review(null, 5, "Who am I").statusCode()).isEqualTo(401);
    }

    @Test
    void concurrentReviewsAllCount() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> reviews = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int stars = 1 + i % 5;
            reviews.add(threads.submit(() -> review(TestIdentity.traveller(), stars, "Crowd review")));
        }
        for (Future<HttpResponse<String>> review : reviews) {
            assertThat(review.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        }
        threads.shutdown();
        assertThat(rating("/v1/trips/" + trip)).isEqualTo("3.00/20");
        assertThat(rating("/v1/experts/" + expert)).isEqualTo("3.00/20");
    }

    @Test
    void movingATripToAnotherExpertMovesItsRatings() {
        assertThat(review(TestIdentity.traveller(), 4, "Good guide").statusCode()).isEqualTo(201);
        long other = api.expert(CatalogApi.unique("Li Wei"), "zh");
        assertThat(api.patch("/v1/trips/" + trip, "{\"expertId\": " + other + "}", api.staff()).statusCode())
                .isEqualTo(200);
        assertThat(rating("/v1/experts/" + expert)).isEqualTo("0.00/0");
        assertThat(rating("/v1/experts/" + other)).isEqualTo("4.00/1");
    }

    private HttpResponse<String> review(TestIdentity who, int rating, String text) {
        return api.post("/v1/trips/" + trip + "/reviews",
                "{\"rating\":" + rating + ",\"text\":\"" + text + "\",\"authorName\":\"Ada\"}", who);
    }

    private String rating(String path) {
        JsonNode body = CatalogApi.body(api.get(path, null));
        return body.path("averageRating").decimalValue().setScale(2) + "/" + body.path("reviewCount").asLong();
    }
}
