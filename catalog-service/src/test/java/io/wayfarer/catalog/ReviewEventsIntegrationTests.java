package io.wayfarer.catalog;

import static io.wayfarer.catalog.TripFixture.aTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Reviews become behaviour events for recommend-service, written to the outbox in the review's transaction:
 * a rating on every write, a comment when text first appears, a withdrawal on delete; nothing for a refused write.
 */
@CatalogIntegrationTest
class ReviewEventsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void writingChangingAndDeletingAReviewAreBehaviourEvents() {
        CatalogApi api = new CatalogApi(port);
        long trip = api.trip(aTrip().to(api.destination(CatalogApi.unique("Dali"), "China")));
        TestIdentity ada = TestIdentity.traveller();

        long review = CatalogApi.body(api.post("/v1/trips/" + trip + "/reviews", "{\"rating\": 2}", ada)).path("id").asLong();
        assertThat(api.patch("/v1/reviews/" + review, "{\"rating\": 5, \"text\": \"Lake at dawn\"}", ada).statusCode())
                .isEqualTo(200);
        assertThat(api.patch("/v1/reviews/" + review, "{\"text\": \"Lake at dusk\"}", ada).statusCode()).isEqualTo(200);
        assertThat(api.post("/v1/trips/" + trip + "/reviews", "{\"rating\": 4}", ada).statusCode())
                .as("a second review is refused, and publishes nothing").isEqualTo(409);
        assertThat(api.delete("/v1/reviews/" + review, ada).statusCode()).isEqualTo(204);

        List<Map<String, Object>> events = jdbc.queryForList("""
                SELECT type, payload::text AS payload FROM outbox_event
                WHERE topic = 'wayfarer.behaviour' AND subject = ? ORDER BY seq""", ada.userId().toString());
        assertThat(events).extracting(event -> event.get("type")).containsExactly("trip.rated", "trip.rated",
                "trip.commented", "trip.rated", "trip.rating-withdrawn");
        List<JsonNode> data = events.stream().map(event -> CatalogApi.json.readTree((String) event.get("payload"))).toList();
        assertThat(data).extracting(node -> node.path("type").asString())
                .containsExactly("rate", "rate", "comment", "rate", "unrate");
        assertThat(data).extracting(node -> node.path("rating").asInt(0)).containsExactly(2, 5, 0, 5, 0);
        assertThat(data).allSatisfy(node -> {
            assertThat(node.path("userId").asString()).isEqualTo(ada.userId().toString());
            assertThat(node.path("tripId").asLong()).isEqualTo(trip);
            assertThat(node.path("reviewId").asLong()).isEqualTo(review);
            assertThat(node.path("occurredAt").isMissingNode()).isFalse();
        });
    }

    @Test
    void everyRatingChangeAnnouncesTheTripWithItsNewAggregates() {
        CatalogApi api = new CatalogApi(port);
        long trip = api.trip(aTrip().to(api.destination(CatalogApi.unique("Lijiang"), "China")));
        TestIdentity ada = TestIdentity.traveller();
        TestIdentity bo = TestIdentity.traveller();

        long review = CatalogApi.body(api.post("/v1/trips/" + trip + "/reviews", "{\"rating\": 4}", ada)).path("id").asLong();
        assertThat(api.post("/v1/trips/" + trip + "/reviews", "{\"rating\": 2}", bo).statusCode()).isEqualTo(201);
        assertThat(api.post("/v1/trips/" + trip + "/reviews", "{\"rating\": 1}", bo).statusCode()).isEqualTo(409);
        assertThat(api.delete("/v1/reviews/" + review, ada).statusCode()).isEqualTo(204);

        List<JsonNode> updates = jdbc.queryForList("""
                SELECT payload::text FROM outbox_event
                WHERE topic = 'wayfarer.catalog.products' AND type = 'product.updated' AND subject = ? ORDER BY seq""",
                String.class, String.valueOf(trip)).stream().map(CatalogApi.json::readTree).toList();
        assertThat(updates).extracting(node -> node.path("reviewCount").asLong()).containsExactly(1L, 2L, 1L);
        assertThat(updates).extracting(node -> node.path("averageRating").decimalValue().doubleValue())
                .containsExactly(4.0, 3.0, 2.0);
        assertThat(updates).extracting(node -> node.path("version").asLong()).isSorted().doesNotHaveDuplicates();
        JsonNode now = CatalogApi.body(api.get("/v1/trips/" + trip, null));
        assertThat(updates.get(2).path("version").asLong()).isEqualTo(now.path("version").asLong());
    }
}
