package io.wayfarer.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wayfarer.recommend.testing.KafkaEvents;
import io.wayfarer.recommend.testing.RecommendApi;
import io.wayfarer.recommend.testing.TestIdentity;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** POST /v1/behaviours: the caller's own events only, validated, stored and published once. */
class BehaviourApiIntegrationTests extends RecommendIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTravellersEventIsStoredPublishedAndNotAppliedAgainWhenItComesBack() {
        long trip = publishedTrip("Kyoto Food Walk");
        TestIdentity alice = TestIdentity.traveller();

        HttpResponse<String> created = api().post("/v1/behaviours",
                "{\"tripId\": " + trip + ", \"type\": \"favourite\"}", alice);

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = RecommendApi.body(created);
        String id = body.path("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/behaviours/" + id);
        assertThat(body.path("userId").asString()).isEqualTo(alice.userId().toString());
        assertThat(body.path("type").asString()).isEqualTo("favourite");

        List<JsonNode> published = KafkaEvents.read("wayfarer.behaviour", alice.userId().toString(),
                found -> !found.isEmpty());
        assertThat(published).hasSize(1);
        assertThat(published.get(0).path("id").asString()).isEqualTo(id);
        assertThat(published.get(0).path("type").asString()).isEqualTo("trip.favourited");
        assertThat(published.get(0).path("data").path("tripId").asLong()).isEqualTo(trip);

        // our own consumer reads it back: its id is already processed, so it stays one row
        UUID marker = KafkaEvents.behaviour(alice.userId(), trip, "view", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM behaviour_event WHERE event_id = ?",
                marker) == 1);
        assertThat(count("SELECT count(*) FROM behaviour_event WHERE user_id = ? AND signal = 'favourite'",
                alice.userId())).isEqualTo(1);
        assertThat(api().get("/v1/behaviours/" + id, alice).statusCode()).isEqualTo(200);
        assertThat(api().get("/v1/behaviours/" + id, TestIdentity.traveller()).statusCode())
                .as("someone else's event is not theirs to read").isEqualTo(404);
    }

    @Test
    void nobodyRecordsBehaviourForSomeoneElse() {
        long trip = publishedTrip("Xi'an Dumplings");
        TestIdentity mallory = TestIdentity.traveller();
        UUID victim = UUID.randomUUID();

        HttpResponse<String> response = api().post("/v1/behaviours",
                "{\"tripId\": " + trip + ", \"type\": \"favourite\", \"userId\": \"" + victim + "\"}", mallory);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(RecommendApi.body(response).path("type").asString()).endsWith("/forbidden");
        assertThat(count("SELECT count(*) FROM behaviour_event WHERE user_id = ?", victim)).isZero();
        assertThat(count("SELECT count(*) FROM behaviour_event WHERE user_id = ?", mallory.userId())).isZero();
        // the identity headers without a matching token are not enough either
        TestIdentity forged = new TestIdentity(victim, mallory.sessionId(), mallory.roles(), mallory.token());
        assertThat(api().post("/v1/behaviours", "{\"tripId\": " + trip + ", \"type\": \"view\"}", forged)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void badInputIsAProblem() {
        long trip = publishedTrip("Lijiang Old Town");
        TestIdentity bob = TestIdentity.traveller();

        assertProblem(api().post("/v1/behaviours", "{\"tripId\": " + trip + ", \"type\": \"view\"}", null), 401,
                "unauthenticated");
        assertProblem(api().post("/v1/behaviours", "{\"tripId\": " + trip + ", \"type\": \"view\"}",
                TestIdentity.of("EXPERT")), 403, "forbidden");
        assertProblem(api().post("/v1/behaviours", "{\"tripId\": ", bob), 400, "malformed-request");
        assertProblem(api().post("/v1/behaviours", "tripId=1", "text/plain", bob), 415, "unsupported-media-type");
        assertProblem(api().post("/v1/behaviours", "{\"pad\": \"" + "x".repeat(70_000) + "\"}", bob), 413,
                "payload-too-large");

        HttpResponse<String> invalid = api().post("/v1/behaviours", "{\"type\": \"\"}", bob);
        assertProblem(invalid, 422, "validation-failed");
        assertThat(RecommendApi.body(invalid).path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("tripId", "type");

        HttpResponse<String> purchase = api().post("/v1/behaviours",
                "{\"tripId\": " + trip + ", \"type\": \"purchase\"}", bob);
        assertProblem(purchase, 422, "validation-failed");
        assertThat(RecommendApi.body(purchase).path("errors").get(0).path("field").asString()).isEqualTo("type");

        HttpResponse<String> unknownTrip = api().post("/v1/behaviours",
                "{\"tripId\": " + newTripId() + ", \"type\": \"view\"}", bob);
        assertProblem(unknownTrip, 422, "validation-failed");
        assertThat(RecommendApi.body(unknownTrip).path("errors").get(0).path("field").asString()).isEqualTo("tripId");
        assertThat(count("SELECT count(*) FROM behaviour_event WHERE user_id = ?", bob.userId())).isZero();
    }

    @Test
    void aTripOnlyCatalogKnowsIsFetchedOnceAndRemembered() {
        long trip = newTripId();
        catalog.publish(trip, "Guilin River Cruise");
        TestIdentity carol = TestIdentity.traveller();
        int before = catalog.calls();

        assertThat(api().post("/v1/behaviours", "{\"tripId\": " + trip + ", \"type\": \"share\"}", carol)
                .statusCode()).isEqualTo(201);
        assertThat(api().post("/v1/behaviours", "{\"tripId\": " + trip + ", \"type\": \"view\"}", carol)
                .statusCode()).isEqualTo(201);

        assertThat(catalog.calls() - before).as("the second request used the projection").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT title FROM trip_summary WHERE trip_id = ?", String.class, trip))
                .isEqualTo("Guilin River Cruise");
    }

    @Test
    void aFloodIsThrottledPerUser() {
        long trip = publishedTrip("Hangzhou Tea Fields");
        TestIdentity flooder = TestIdentity.traveller();
        int created = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 40; i++) {
            last = api().post("/v1/behaviours", "{\"tripId\": " + trip + ", \"type\": \"view\"}", flooder);
            if (last.statusCode() == 201) {
                created++;
            } else {
                break;
            }
        }
        assertThat(created).as("the burst").isBetween(30, 33);
        assertProblem(last, 429, "too-many-requests");
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(api().post("/v1/behaviours", "{\"tripId\": " + trip + ", \"type\": \"view\"}",
                TestIdentity.traveller()).statusCode()).as("another user is not throttled").isEqualTo(201);
    }

    private long publishedTrip(String title) {
        long trip = newTripId();
        KafkaEvents.product(trip, title, 5, "published", 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM trip_summary WHERE trip_id = ?",
                trip) == 1);
        return trip;
    }

    private long count(String sql, Object argument) {
        return jdbc.queryForObject(sql, Long.class, argument);
    }

    static void assertProblem(HttpResponse<String> response, int status, String kind) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(RecommendApi.body(response).path("type").asString()).isEqualTo("https://wayfarer.io/problems/" + kind);
    }
}
